import * as z from 'zod/mini';

/** The app's languages: Japanese (default), やさしい日本語 (easy Japanese) and English. */
export const localeIds = ['ja', 'ja-easy', 'en'] as const;

/**
 * Zod schema of a locale id. Marked pure: every page imports this module, and without the mark
 * the bundler keeps the call (zod's own mark on `enum` is not honoured here) and zod's schemas
 * with it, 12.5 KB gzip of a lesson page's first paint, where nothing uses the schema.
 */
export const localeSchema = /* @__PURE__ */ z.enum(localeIds);

/** A locale id: `ja`, `ja-easy` or `en`. */
export type Locale = z.infer<typeof localeSchema>;

/** The locale used when none was chosen. */
export const defaultLocale: Locale = 'ja';

/** The BCP 47 tag for `<html lang>`, speech and `Intl`; easy Japanese is still Japanese. */
export function htmlLang(locale: Locale): 'ja' | 'en' {
	return locale === 'en' ? 'en' : 'ja';
}

/**
 * Picks the best locale for an `Accept-Language` header (or `navigator.languages`).
 * Easy Japanese is never guessed: it is a choice the user makes.
 */
export function negotiateLocale(preferred: readonly string[]): Locale {
	for (const tag of preferred) {
		const primary = tag.split(/[-_;]/)[0]?.trim().toLowerCase();
		if (primary === 'ja') return 'ja';
		if (primary === 'en') return 'en';
	}
	return defaultLocale;
}
