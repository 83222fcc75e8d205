import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { paintMirrorKey, SettingsManager } from '$lib/client/settings.svelte';
import { defaultSettings, textSizes, type Settings } from '$lib/domain/settings';
import { i18n } from '$lib/i18n/i18n.svelte';

/** The part of `<html>` that the settings write to; the DOM is the boundary, not the unit. */
class FakeRoot {
	lang = '';
	attributes: Record<string, string> = {};

	setAttribute(name: string, value: string): void {
		this.attributes[name] = value;
	}
}

const chosen: Settings = {
	textSize: 200,
	highContrast: true,
	furigana: false,
	readAloud: true,
	locale: 'en'
};

let name: string;
let database: YorisoiDatabase;
let root: FakeRoot;

/** The rows of the settings table as `key` → `value`. */
/** The stored settings, without the time they were saved (checked on its own below). */
async function storedRows(from: YorisoiDatabase = database): Promise<Record<string, unknown>> {
	const rows = await from.settings.toArray();
	return Object.fromEntries(
		rows.filter((row) => row.key !== 'settingsSavedAt').map((row) => [row.key, row.value])
	);
}

/** What a page opened later would load: a new connection and a new manager. */
async function loadAfterReload(): Promise<Settings> {
	database.close();
	const reopened = new YorisoiDatabase(name);
	try {
		return await new SettingsManager(reopened).load();
	} finally {
		reopened.close();
	}
}

/** The paint mirror's settings, without the time they were saved (checked on its own below). */
function readMirror(): unknown {
	const mirror = JSON.parse(localStorage.getItem(paintMirrorKey) ?? 'null') as Record<
		string,
		unknown
	> | null;
	if (!mirror) return mirror;
	const { savedAt, ...settings } = mirror;
	void savedAt;
	return settings;
}

describe('SettingsManager', () => {
	beforeEach(() => {
		name = `test-${crypto.randomUUID()}`;
		database = new YorisoiDatabase(name);
		root = new FakeRoot();
		vi.stubGlobal('document', { documentElement: root });
	});

	afterEach(async () => {
		vi.unstubAllGlobals();
		database.close();
		await new YorisoiDatabase(name).delete();
	});

	describe('paintMirrorKey', () => {
		const bootScript = readFileSync(new URL('../../../../static/boot.js', import.meta.url), 'utf8');

		it('is the key static/boot.js reads before the first paint', () => {
			expect(bootScript).toContain(`localStorage.getItem('${paintMirrorKey}')`);
		});

		it('is read by a boot script that knows every text size', () => {
			expect(bootScript).toContain(`[${textSizes.join(', ')}]`);
		});
	});

	describe('constructor', () => {
		it('starts with the default settings', () => {
			expect(new SettingsManager(database).current).toEqual(defaultSettings);
		});
	});

	describe('load', () => {
		it('takes the newer copy: the mirror when the last database write was cut short', async () => {
			const manager = new SettingsManager(database);
			await manager.set('textSize', 150);
			// A reload interrupted the database write of the next change; the mirror has it.
			const mirror = JSON.parse(localStorage.getItem(paintMirrorKey) ?? '{}') as Record<
				string,
				unknown
			>;
			localStorage.setItem(
				paintMirrorKey,
				JSON.stringify({ ...mirror, textSize: 200, savedAt: Number(mirror.savedAt) + 1_000 })
			);

			expect((await loadAfterReload()).textSize).toBe(200);
		});

		it('takes the newer copy: the database when the mirror is older', async () => {
			const manager = new SettingsManager(database);
			await manager.set('textSize', 150);
			localStorage.setItem(
				paintMirrorKey,
				JSON.stringify({ ...defaultSettings, textSize: 125, savedAt: 1 })
			);

			expect((await loadAfterReload()).textSize).toBe(150);
		});

		it('gives the defaults on a new device', async () => {
			expect(await new SettingsManager(database).load()).toEqual(defaultSettings);
		});

		it('gives back what set() stored, after a reload', async () => {
			const manager = new SettingsManager(database);
			for (const [key, value] of Object.entries(chosen)) {
				await manager.set(key as keyof Settings, value as never);
			}

			expect(await loadAfterReload()).toEqual(chosen);
		});

		it('replaces invalid stored values with the defaults and keeps the valid ones', async () => {
			await database.settings.bulkPut([
				{ key: 'textSize', value: 175 },
				{ key: 'highContrast', value: 'yes' },
				{ key: 'furigana', value: true },
				{ key: 'readAloud', value: null },
				{ key: 'locale', value: 'fr' }
			]);
			const manager = new SettingsManager(database);

			const loaded = await manager.load();

			expect(loaded).toEqual({ ...defaultSettings, furigana: true });
			expect(manager.current).toEqual(loaded);
		});

		it('uses the defaults for settings an older version never stored', async () => {
			await database.settings.put({ key: 'textSize', value: 150 });

			expect(await new SettingsManager(database).load()).toEqual({
				...defaultSettings,
				textSize: 150
			});
		});

		it('applies the loaded settings to the page and the UI language', async () => {
			await database.settings.bulkPut([
				{ key: 'textSize', value: 125 },
				{ key: 'highContrast', value: true },
				{ key: 'locale', value: 'en' }
			]);

			await new SettingsManager(database).load();

			expect(root.attributes).toEqual({
				'data-text-size': '125',
				'data-contrast': 'high',
				'data-furigana': 'off'
			});
			expect(root.lang).toBe('en');
			expect(i18n.locale).toBe('en');
		});

		it('tags easy Japanese pages as ja', async () => {
			await database.settings.put({ key: 'locale', value: 'ja-easy' });

			await new SettingsManager(database).load();

			expect(root.lang).toBe('ja');
			expect(i18n.locale).toBe('ja-easy');
		});

		describe('when the database was cleared but the paint mirror survived', () => {
			it('adopts the mirrored settings', async () => {
				localStorage.setItem(paintMirrorKey, JSON.stringify(chosen));

				expect(await new SettingsManager(database).load()).toEqual(chosen);
			});

			it('writes the mirrored settings back to the database', async () => {
				localStorage.setItem(paintMirrorKey, JSON.stringify(chosen));

				await new SettingsManager(database).load();

				expect(await storedRows()).toEqual(chosen);
				localStorage.clear();
				expect(await loadAfterReload()).toEqual(chosen);
			});

			it('replaces invalid mirrored values with the defaults', async () => {
				localStorage.setItem(
					paintMirrorKey,
					JSON.stringify({ ...chosen, textSize: 175, locale: 'fr' })
				);

				expect(await new SettingsManager(database).load()).toEqual({
					...chosen,
					textSize: defaultSettings.textSize,
					locale: defaultSettings.locale
				});
			});

			it.each(['not json', 'null', '42', '"text"'])(
				'falls back to the defaults when the mirror holds %s',
				async (mirror) => {
					localStorage.setItem(paintMirrorKey, mirror);

					expect(await new SettingsManager(database).load()).toEqual(defaultSettings);
				}
			);
		});

		it('keeps a change made before it read the stored settings', async () => {
			await database.settings.bulkPut([
				{ key: 'textSize', value: 125 },
				{ key: 'locale', value: 'en' },
				{ key: 'settingsSavedAt', value: Date.now() }
			]);
			// A size tapped as the page starts, before the stored settings are read.
			const manager = new SettingsManager(database);
			const tapped = manager.set('textSize', 200);

			expect(await manager.load()).toEqual({ ...defaultSettings, textSize: 200, locale: 'en' });
			await tapped;
			expect(await loadAfterReload()).toEqual({ ...defaultSettings, textSize: 200, locale: 'en' });
		});

		it('trusts the database over the mirror when the database has settings', async () => {
			await database.settings.put({ key: 'textSize', value: 150 });
			localStorage.setItem(paintMirrorKey, JSON.stringify(chosen));

			expect(await new SettingsManager(database).load()).toEqual({
				...defaultSettings,
				textSize: 150
			});
		});
	});

	describe('set', () => {
		it('changes the current settings at once, before the write finishes', async () => {
			const manager = new SettingsManager(database);

			const writing = manager.set('textSize', 150);
			expect(manager.current.textSize).toBe(150);
			expect(root.attributes['data-text-size']).toBe('150');
			await writing;
		});

		it('stores only the changed setting', async () => {
			await new SettingsManager(database).set('highContrast', true);

			expect(await storedRows()).toEqual({ highContrast: true });
		});

		it('updates the paint mirror', async () => {
			const manager = new SettingsManager(database);

			await manager.set('textSize', 200);
			expect(readMirror()).toEqual({ ...defaultSettings, textSize: 200 });

			await manager.set('highContrast', true);
			expect(readMirror()).toEqual({ ...defaultSettings, textSize: 200, highContrast: true });
		});

		it('is what a binding writes, and a binding reads the current setting', async () => {
			const manager = new SettingsManager(database);
			const size = manager.binding('textSize');

			size.value = 150;
			expect(manager.current.textSize).toBe(150);
			await manager.set('textSize', 200);
			expect(size.value).toBe(200);
		});

		it('never stores an invalid value', async () => {
			const manager = new SettingsManager(database);

			await manager.set('textSize', 175 as Settings['textSize']);

			expect(manager.current.textSize).toBe(defaultSettings.textSize);
			expect(await storedRows()).toEqual({ textSize: defaultSettings.textSize });
		});

		describe('choosing easy Japanese', () => {
			it('turns furigana on and stores both', async () => {
				const manager = new SettingsManager(database);

				await manager.set('locale', 'ja-easy');

				expect(manager.current).toMatchObject({ locale: 'ja-easy', furigana: true });
				expect(root.attributes['data-furigana']).toBe('on');
				expect(await storedRows()).toEqual({ locale: 'ja-easy', furigana: true });
				expect(await loadAfterReload()).toMatchObject({ locale: 'ja-easy', furigana: true });
			});

			it('leaves furigana off once the user turned them off', async () => {
				const manager = new SettingsManager(database);
				await manager.set('locale', 'ja-easy');
				await manager.set('furigana', false);

				await manager.set('locale', 'ja-easy');

				expect(manager.current.furigana).toBe(false);
			});

			it('does not turn furigana on for other locales', async () => {
				const manager = new SettingsManager(database);

				await manager.set('locale', 'en');
				await manager.set('locale', 'ja');

				expect(manager.current.furigana).toBe(false);
			});
		});
	});
});
