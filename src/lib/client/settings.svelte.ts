import { htmlLang } from '$lib/domain/locale';
import {
	defaultSettings,
	settingsFromStored,
	settingsToRootAttributes,
	type SettingKey,
	type Settings
} from '$lib/domain/settings';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { YorisoiDatabase } from './db';
import { withDatabase } from './storage-health.svelte';

/**
 * localStorage key of the settings mirror that `static/boot.js` reads before the first paint;
 * IndexedDB stays the source of truth, the mirror only prevents a flash of small text.
 */
export const paintMirrorKey = 'yorisoi.settings';

// When the settings were last changed, kept with both copies so the newer one wins.
const savedAtKey = 'settingsSavedAt';

function readPaintMirror(): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(paintMirrorKey) ?? 'null');
		return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
	} catch {
		// No storage or a broken value: nothing to recover.
		return {};
	}
}

/** The user's display and language settings, persisted in IndexedDB. */
export class SettingsManager {
	current = $state<Settings>({ ...defaultSettings });
	// The app's database (loaded on first use) unless a test gives its own.
	#database: YorisoiDatabase | undefined;
	// Changes made before the stored settings were first read (a size tapped as the page
	// starts, on a slow phone), which `load` keeps over what it reads, and the paint mirror as
	// it was before them (they rewrite it from the defaults). Null once loaded.
	#early: Partial<Settings> | null = {};
	#mirrorBeforeEarly: Record<string, unknown> | null = null;

	constructor(database?: YorisoiDatabase) {
		this.#database = database;
	}

	/**
	 * Whether text with furigana markup is drawn as `<ruby>`. 日本語 gets ruby only while the
	 * furigana switch is on, so that off is plain text with no extra layout (the markup the build
	 * added is then removed); やさしい日本語 is written with ruby, which the switch hides with CSS.
	 */
	get showsRuby(): boolean {
		return this.current.furigana || i18n.locale === 'ja-easy';
	}

	/**
	 * Reads the stored settings (invalid values fall back to defaults) and applies them. The
	 * paint mirror wins when it is newer: the database was cleared (Safari evicts it) or the
	 * last database write was cut short by a reload.
	 */
	async load(): Promise<Settings> {
		const rows = await withDatabase((database) => database.settings.toArray(), this.#database);
		const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
		const storedAt = typeof stored[savedAtKey] === 'number' ? (stored[savedAtKey] as number) : 0;
		const keys = Object.keys(defaultSettings);
		const mirror = this.#mirrorBeforeEarly ?? readPaintMirror();
		const mirrorAt = typeof mirror.savedAt === 'number' ? mirror.savedAt : 0;
		const hasStored = keys.some((key) => key in stored);
		const early = this.#early ?? {};
		const changedEarly = Object.keys(early).length > 0;
		this.#early = null;
		this.#mirrorBeforeEarly = null;
		if (!hasStored || mirrorAt > storedAt) {
			this.current = { ...settingsFromStored(mirror), ...early };
			const at = changedEarly ? Date.now() : mirrorAt || Date.now();
			await this.#apply(at);
			await this.#persist(this.current, at);
			return this.current;
		}
		this.current = { ...settingsFromStored(stored), ...early };
		await this.#apply(changedEarly ? Date.now() : storedAt);
		return this.current;
	}

	/**
	 * One setting as a bindable `value` (`bind:group={choice.value}`): reading gives the current
	 * one, writing sets it. A bound control is taken as the person left it when the page starts
	 * (a choice tapped on a slow phone before then), where a plain `checked` is drawn over it.
	 */
	binding<K extends SettingKey>(key: K): { value: Settings[K] } {
		const read = () => this.current[key];
		const write = (value: Settings[K]) => void this.set(key, value);
		return {
			get value() {
				return read();
			},
			set value(value: Settings[K]) {
				write(value);
			}
		};
	}

	/** Changes one setting: applies it at once, then stores it. */
	async set<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
		const next = settingsFromStored({ ...this.current, [key]: value });
		const changes: Partial<Settings> = { [key]: next[key] };
		// Easy Japanese is written with furigana; choosing it shows them (they can be turned off).
		if (key === 'locale' && value === 'ja-easy' && this.current.locale !== 'ja-easy') {
			changes.furigana = true;
		}
		const savedAt = Date.now();
		if (this.#early) {
			this.#mirrorBeforeEarly ??= readPaintMirror();
			Object.assign(this.#early, changes);
		}
		this.current = { ...this.current, ...changes };
		await this.#apply(savedAt);
		await this.#persist(changes, savedAt);
	}

	async #persist(changes: Partial<Settings>, savedAt: number): Promise<void> {
		await withDatabase(
			(database) =>
				database.settings.bulkPut([
					...Object.entries(changes).map(([key, value]) => ({ key, value })),
					{ key: savedAtKey, value: savedAt }
				]),
			this.#database
		);
	}

	/** Shows the settings at once; a new language follows as soon as its strings are loaded. */
	async #apply(savedAt: number): Promise<void> {
		const language = i18n.switchTo(this.current.locale);
		if (typeof document !== 'undefined') {
			const root = document.documentElement;
			for (const [name, value] of Object.entries(settingsToRootAttributes(this.current))) {
				root.setAttribute(name, value);
			}
			root.lang = htmlLang(this.current.locale);
			try {
				localStorage.setItem(paintMirrorKey, JSON.stringify({ ...this.current, savedAt }));
			} catch {
				// Storage can be full or blocked; the page then paints at the default size first.
			}
		}
		await language;
	}
}

/** The app's one settings state. */
export const settings = new SettingsManager();
