import { addDateReadings, addReadings, type Readings } from '../../domain/furigana.ts';
import list from '../../i18n/readings/readings.json' with { type: 'json' };
import overrides from '../../i18n/readings/overrides.json' with { type: 'json' };

/**
 * The readings the build gives 日本語 text: the reviewed list (`npm run readings` proposes it
 * with the kuromoji analyser) and the overrides for the analyser's mistakes, which win. Both are
 * files in the repository, so a build marks the same readings every time; the analyser itself
 * never runs in the build, the server or the browser. Imports are relative because the Vite
 * config (./vite-plugin.ts) loads this file too.
 */
export const readings: Readings = { ...list, ...overrides };

/**
 * Marks 日本語 text: dates and times first (their readings follow the number: 12月1日 is
 * 12{月|がつ}{1日|ついたち}), then every word of the reviewed readings. Returns the marked text
 * and the kanji runs that have no reading.
 */
export function markJapanese(text: string): { text: string; missing: string[] } {
	return addReadings(addDateReadings(text), readings);
}

/** Adds furigana markup to 日本語 text from the reviewed readings. */
export function withReadings(text: string): string {
	return markJapanese(text).text;
}

/** Adds readings to every string in a JSON value (a locale's messages). */
export function withReadingsDeep(value: unknown): unknown {
	if (typeof value === 'string') return withReadings(value);
	if (Array.isArray(value)) return value.map(withReadingsDeep);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, inner]) => [key, withReadingsDeep(inner)])
		);
	}
	return value;
}

/** Adds readings to the `ja` values of a town file (each text is `{ ja, 'ja-easy', en }`). */
export function withTownReadings(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withTownReadings);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, inner]) => [
				key,
				key === 'ja' && typeof inner === 'string' ? withReadings(inner) : withTownReadings(inner)
			])
		);
	}
	return value;
}
