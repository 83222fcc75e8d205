import { describe, expect, it } from 'vitest';
import {
	defaultSettings,
	settingsFromStored,
	settingsToRootAttributes,
	textSizes,
	type Settings
} from '$lib/domain/settings';

const chosen: Settings = {
	textSize: 150,
	highContrast: true,
	furigana: true,
	readAloud: true,
	locale: 'en'
};

describe('settings', () => {
	describe('defaultSettings', () => {
		it('starts at the normal size in Japanese with every option off', () => {
			expect(defaultSettings).toEqual({
				textSize: 100,
				highContrast: false,
				furigana: false,
				readAloud: false,
				locale: 'ja'
			});
		});
	});

	describe('settingsFromStored', () => {
		it('keeps every valid stored value', () => {
			expect(settingsFromStored({ ...chosen })).toEqual(chosen);
		});

		it.each(textSizes)('keeps the text size %i', (textSize) => {
			expect(settingsFromStored({ textSize }).textSize).toBe(textSize);
		});

		it.each(['ja', 'ja-easy', 'en'] as const)('keeps the locale %s', (locale) => {
			expect(settingsFromStored({ locale }).locale).toBe(locale);
		});

		it('uses the defaults when nothing is stored', () => {
			expect(settingsFromStored({})).toEqual(defaultSettings);
		});

		it('uses the default for each missing value and keeps the others', () => {
			expect(settingsFromStored({ textSize: 200, locale: 'ja-easy' })).toEqual({
				...defaultSettings,
				textSize: 200,
				locale: 'ja-easy'
			});
		});

		it.each([175, 0, -100, 100.5, '150', null, Number.NaN])(
			'replaces the unknown text size %s with the default',
			(textSize) => {
				expect(settingsFromStored({ ...chosen, textSize })).toEqual({
					...chosen,
					textSize: defaultSettings.textSize
				});
			}
		);

		it.each(['fr', 'JA', 'ja_easy', 'ja-Easy', '', 1, null])(
			'replaces the unknown locale %s with the default',
			(locale) => {
				expect(settingsFromStored({ ...chosen, locale })).toEqual({
					...chosen,
					locale: defaultSettings.locale
				});
			}
		);

		it.each(['true', 1, 0, null, {}])(
			'replaces the non-boolean switch value %s with the defaults',
			(value) => {
				expect(
					settingsFromStored({ ...chosen, highContrast: value, furigana: value, readAloud: value })
				).toEqual({ ...chosen, highContrast: false, furigana: false, readAloud: false });
			}
		);

		it('ignores keys that are not settings', () => {
			const settings = settingsFromStored({ ...chosen, theme: 'dark' });

			expect(settings).toEqual(chosen);
			expect(settings).not.toHaveProperty('theme');
		});

		it('returns a new object, never the shared defaults', () => {
			const settings = settingsFromStored({});
			settings.textSize = 200;

			expect(defaultSettings.textSize).toBe(100);
		});
	});

	describe('settingsToRootAttributes', () => {
		it('describes the default settings', () => {
			expect(settingsToRootAttributes(defaultSettings)).toEqual({
				'data-text-size': '100',
				'data-contrast': 'normal',
				'data-furigana': 'off'
			});
		});

		it('describes a large text size, high contrast and furigana', () => {
			expect(settingsToRootAttributes(chosen)).toEqual({
				'data-text-size': '150',
				'data-contrast': 'high',
				'data-furigana': 'on'
			});
		});

		it.each(textSizes)('writes the text size %i as its percentage', (textSize) => {
			expect(settingsToRootAttributes({ ...defaultSettings, textSize })['data-text-size']).toBe(
				String(textSize)
			);
		});
	});
});
