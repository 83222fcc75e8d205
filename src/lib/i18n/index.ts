import i18next, { type TOptions } from 'i18next';
import { defaultLocale, localeIds, type Locale } from '$lib/domain/locale';
import enCore from './locales/en.json';
import jaCore from './locales/ja.json';
import jaEasyCore from './locales/ja-easy.json';
import enLessons from './locales/lessons/en.json';
import jaLessons from './locales/lessons/ja.json';
import jaEasyLessons from './locales/lessons/ja-easy.json';
import enMyNumber from './locales/mynumber/en.json';
import jaMyNumber from './locales/mynumber/ja.json';
import jaEasyMyNumber from './locales/mynumber/ja-easy.json';
import enPractice from './locales/practice/en.json';
import jaPractice from './locales/practice/ja.json';
import jaEasyPractice from './locales/practice/ja-easy.json';

// Each large feature keeps its strings in a folder of its own (one namespace), so that work on
// one feature does not touch another's files.
const ja = { ...jaCore, lessons: jaLessons, practice: jaPractice, mynumber: jaMyNumber };

/** Every locale's UI strings, keyed by locale id. */
export const messages: Record<Locale, typeof ja> = {
	ja,
	'ja-easy': {
		...jaEasyCore,
		lessons: jaEasyLessons,
		practice: jaEasyPractice,
		mynumber: jaEasyMyNumber
	},
	en: { ...enCore, lessons: enLessons, practice: enPractice, mynumber: enMyNumber }
};

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
