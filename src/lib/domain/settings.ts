import * as z from 'zod/mini';
import { defaultLocale, localeSchema } from './locale';

/** The four text sizes, in percent of the base size (18px at 100%). */
export const textSizes = [100, 125, 150, 200] as const;

/** A text size in percent. */
export type TextSize = (typeof textSizes)[number];

/** Zod schema of the display and language settings a user chooses. */
export const settingsSchema = z.object({
	textSize: z.union(textSizes.map((size) => z.literal(size))),
	highContrast: z.boolean(),
	furigana: z.boolean(),
	readAloud: z.boolean(),
	locale: localeSchema
});

/** The display and language settings a user chooses. */
export type Settings = z.infer<typeof settingsSchema>;

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

/**
 * Builds settings from stored values, keeping each valid value and using the default for any
 * that is missing or invalid (an older version of the app may have written something else).
 */
export function settingsFromStored(stored: Partial<Record<string, unknown>>): Settings {
	const settings = { ...defaultSettings };
	for (const key of Object.keys(defaultSettings) as SettingKey[]) {
		const parsed = settingsSchema.shape[key].safeParse(stored[key]);
		if (parsed.success) (settings as Record<SettingKey, unknown>)[key] = parsed.data;
	}
	return settings;
}

/** The attributes on `<html>` that style the page for the given settings. */
export function settingsToRootAttributes(settings: Settings): Record<string, string> {
	return {
		'data-text-size': String(settings.textSize),
		'data-contrast': settings.highContrast ? 'high' : 'normal',
		'data-furigana': settings.furigana ? 'on' : 'off'
	};
}
