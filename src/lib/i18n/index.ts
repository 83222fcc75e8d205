import i18next, { type TOptions } from 'i18next';
import { defaultLocale, localeIds, type Locale } from '$lib/domain/locale';
import en from './locales/en.json';
import ja from './locales/ja.json';
import jaEasy from './locales/ja-easy.json';

/** Every locale's UI strings, keyed by locale id. */
export const messages: Record<Locale, typeof ja> = { ja, 'ja-easy': jaEasy, en };

type Leaves<T, Prefix extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A UI string's key, such as `home.title`; checked against the Japanese resources. */
export type MessageKey = Leaves<typeof ja>;

/** The i18next instance with all resources loaded (they are small, so no lazy loading). */
export const i18nInstance = i18next.createInstance();

void i18nInstance.init({
	resources: Object.fromEntries(localeIds.map((id) => [id, { translation: messages[id] }])),
	lng: defaultLocale,
	// 'ja-easy' must stay as written; i18next would otherwise case it as a script code.
	lowerCaseLng: true,
	fallbackLng: defaultLocale,
	// Svelte escapes what it renders.
	interpolation: { escapeValue: false },
	returnNull: false,
	initAsync: false
});

/** Translates a key for a locale, keeping furigana markup (render it with `<Ruby>`). */
export function translate(locale: Locale, key: MessageKey, options?: TOptions): string {
	return i18nInstance.t(key, { ...options, lng: locale });
}
