import { defaultLocale, localeIds, type Locale } from './locale';

/** The four text sizes, in percent of the base size (18px at 100%). */
export const textSizes = [100, 125, 150, 200] as const;

/** A text size in percent. */
export type TextSize = (typeof textSizes)[number];

/** The display and language settings a user chooses. */
export type Settings = {
	textSize: TextSize;
	highContrast: boolean;
	furigana: boolean;
	readAloud: boolean;
	locale: Locale;
};

/** One setting's name. */
export type SettingKey = keyof Settings;

/** Settings before the user has chosen anything. */
export const defaultSettings: Settings = {
	textSize: 100,
	highContrast: false,
	furigana: false,
	readAloud: false,
	locale: defaultLocale
};

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/**
 * What each setting accepts. Checked by hand rather than with a zod schema: the settings are
 * read on every page's first paint, and zod would add ~18 KB gzip to it (issue 19).
 */
const isValid: { [K in SettingKey]: (value: unknown) => value is Settings[K] } = {
	textSize: (value): value is TextSize => textSizes.includes(value as TextSize),
	highContrast: isBoolean,
	furigana: isBoolean,
	readAloud: isBoolean,
	locale: (value): value is Locale => localeIds.includes(value as Locale)
};

/**
 * Builds settings from stored values, keeping each valid value and using the default for any
 * that is missing or invalid (an older version of the app may have written something else).
 */
export function settingsFromStored(stored: Partial<Record<string, unknown>>): Settings {
	const settings: Record<SettingKey, unknown> = { ...defaultSettings };
	for (const key of Object.keys(defaultSettings) as SettingKey[]) {
		if (isValid[key](stored[key])) settings[key] = stored[key];
	}
	return settings as Settings;
}

/** The attributes on `<html>` that style the page for the given settings. */
export function settingsToRootAttributes(settings: Settings): Record<string, string> {
	return {
		'data-text-size': String(settings.textSize),
		'data-contrast': settings.highContrast ? 'high' : 'normal',
		'data-furigana': settings.furigana ? 'on' : 'off'
	};
}
