import i18next, { type TOptions } from 'i18next';
import { defaultLocale, localeIds, type Locale } from '$lib/domain/locale';
import jaCore from './locales/ja.json';

// Strings are loaded as they are needed, so a page downloads only its own words in its own
// language: Japanese core strings come with every page (the default language, for the first
// paint); other languages and each large feature's folder (one namespace, such as `lessons`)
// arrive as small chunks of their own. A feature's layout loads its namespaces before
// rendering (`loadNamespaces`), and a change of language loads what the pages use first
// (`loadLocale`). The server loads everything at start (`loadAllMessages`).

/** The feature folders under `locales/`, each a namespace with one file per locale. */
export const namespaces = [
	'lessons',
	'practice',
	'mynumber',
	'classes',
	'hall',
	'desk',
	'survey',
	'paper',
	'operator'
] as const;

/** A feature's strings (a folder of `locales/`). */
export type Namespace = (typeof namespaces)[number];

type JaMessages = typeof jaCore & {
	lessons: typeof import('./locales/lessons/ja.json');
	practice: typeof import('./locales/practice/ja.json');
	mynumber: typeof import('./locales/mynumber/ja.json');
	classes: typeof import('./locales/classes/ja.json');
	hall: typeof import('./locales/hall/ja.json');
	desk: typeof import('./locales/desk/ja.json');
	survey: typeof import('./locales/survey/ja.json');
	paper: typeof import('./locales/paper/ja.json');
	operator: typeof import('./locales/operator/ja.json');
};

type Json = { default: Record<string, unknown> };
const coreFiles = import.meta.glob<Json>(['./locales/*.json', '!./locales/ja.json']);
const namespaceFiles = import.meta.glob<Json>('./locales/*/*.json');

type Leaves<T, Prefix extends string = ''> = {
	[K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A UI string's key, such as `home.title`; checked against the Japanese resources. */
export type MessageKey = Leaves<JaMessages>;

/** The i18next instance; resources are added as they load. */
export const i18nInstance = i18next.createInstance();

void i18nInstance.init({
	resources: { [defaultLocale]: { translation: jaCore } },
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

const loaded = new Set<string>([`core/${defaultLocale}`]);
const pending = new Map<string, Promise<void>>();
/** The namespaces some page of this tab has used: a change of language loads them too. */
const used = new Set<Namespace>();

function loadOnce(id: string, load: () => Promise<void>): Promise<void> {
	if (loaded.has(id)) return Promise.resolve();
	let running = pending.get(id);
	if (!running) {
		running = load().then(() => {
			loaded.add(id);
			pending.delete(id);
		});
		pending.set(id, running);
	}
	return running;
}

function loadCore(locale: Locale): Promise<void> {
	return loadOnce(`core/${locale}`, async () => {
		const file = coreFiles[`./locales/${locale}.json`];
		if (!file) throw new Error(`no strings for ${locale}`);
		i18nInstance.addResourceBundle(locale, 'translation', (await file()).default, true, true);
	});
}

function loadNamespace(namespace: Namespace, locale: Locale): Promise<void> {
	return loadOnce(`${namespace}/${locale}`, async () => {
		const file = namespaceFiles[`./locales/${namespace}/${locale}.json`];
		if (!file) throw new Error(`no strings for ${namespace}/${locale}`);
		const strings = (await file()).default;
		i18nInstance.addResourceBundle(locale, 'translation', { [namespace]: strings }, true, true);
	});
}

/**
 * Loads a feature's strings in Japanese (the fallback) and in `locale`; its layout awaits this
 * in `load`, so the page renders with its words present.
 */
export async function loadNamespaces(locale: Locale, ...wanted: Namespace[]): Promise<void> {
	for (const namespace of wanted) used.add(namespace);
	const locales = locale === defaultLocale ? [locale] : [defaultLocale, locale];
	await Promise.all([
		...locales.map((id) => loadCore(id)),
		...wanted.flatMap((namespace) => locales.map((id) => loadNamespace(namespace, id)))
	]);
}

/** Loads a language's strings for everything this tab has used, before switching to it. */
export function loadLocale(locale: Locale): Promise<void> {
	return loadNamespaces(locale, ...used);
}

/** Every string of every locale (the server, which answers in any language, and tests). */
export async function loadAllMessages(): Promise<void> {
	await Promise.all(localeIds.map((locale) => loadNamespaces(locale, ...namespaces)));
}

/** A locale's strings as a tree, once loaded (tests compare locales with it). */
export function messagesOf(locale: Locale): Record<string, unknown> {
	return (i18nInstance.getResourceBundle(locale, 'translation') ?? {}) as Record<string, unknown>;
}
