import { htmlLang } from '$lib/domain/locale';
import {
	defaultSettings,
	settingsFromStored,
	settingsToRootAttributes,
	type SettingKey,
	type Settings
} from '$lib/domain/settings';
import { i18n } from '$lib/i18n/i18n.svelte';
import { db, type YorisoiDatabase } from './db';
import { withDatabase } from './storage-health.svelte';

/**
 * localStorage key of the settings mirror that `static/boot.js` reads before the first paint;
 * IndexedDB stays the source of truth, the mirror only prevents a flash of small text.
 */
export const paintMirrorKey = 'yorisoi.settings';

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
	#database: YorisoiDatabase;

	constructor(database: YorisoiDatabase = db) {
		this.#database = database;
	}

	/** Reads the stored settings (invalid values fall back to defaults) and applies them. */
	async load(): Promise<Settings> {
		const rows = await withDatabase((database) => database.settings.toArray(), this.#database);
		const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
		const keys = Object.keys(defaultSettings);
		if (!keys.some((key) => key in stored)) {
			// The database is new or was cleared (Safari evicts it) while the paint mirror
			// survived: keep what the user chose rather than shrinking their text.
			const mirrored = settingsFromStored(readPaintMirror());
			this.current = mirrored;
			this.#apply();
			await withDatabase(
				(database) =>
					database.settings.bulkPut(
						keys.map((key) => ({ key, value: mirrored[key as SettingKey] }))
					),
				this.#database
			);
			return this.current;
		}
		this.current = settingsFromStored(stored);
		this.#apply();
		return this.current;
	}

	/** Changes one setting: applies it at once, then stores it. */
	async set<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
		const next = settingsFromStored({ ...this.current, [key]: value });
		const changes: Partial<Settings> = { [key]: next[key] };
		// Easy Japanese is written with furigana; choosing it shows them (they can be turned off).
		if (key === 'locale' && value === 'ja-easy' && this.current.locale !== 'ja-easy') {
			changes.furigana = true;
		}
		this.current = { ...this.current, ...changes };
		this.#apply();
		await withDatabase(
			(database) =>
				database.settings.bulkPut(
					Object.entries(changes).map(([changedKey, changedValue]) => ({
						key: changedKey,
						value: changedValue
					}))
				),
			this.#database
		);
	}

	#apply(): void {
		i18n.locale = this.current.locale;
		if (typeof document === 'undefined') return;
		const root = document.documentElement;
		for (const [name, value] of Object.entries(settingsToRootAttributes(this.current))) {
			root.setAttribute(name, value);
		}
		root.lang = htmlLang(this.current.locale);
		try {
			localStorage.setItem(paintMirrorKey, JSON.stringify(this.current));
		} catch {
			// Storage can be full or blocked; the page then paints at the default size first.
		}
	}
}

/** The app's one settings state. */
export const settings = new SettingsManager();
