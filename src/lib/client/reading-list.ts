import type { Readings } from '$lib/domain/furigana';

let loading: Promise<Readings> | undefined;

/**
 * The reviewed readings list (the build's readings.json + overrides.json, which win) for the
 * class and venue forms' よみがな proposal. Loaded on demand, as its own chunk: only a
 * volunteer's forms need it, and it is precached with the app so the forms propose offline
 * too. Read as text and parsed here: Vite's JSON module would make a variable of each of the
 * list's 1,200 words, twice the size over the network (11 KB gzip instead of 22 KB).
 * The analyser that made the list is never loaded (in the browser or the server).
 */
export function loadReadingList(): Promise<Readings> {
	loading ??= Promise.all([
		import('$lib/i18n/readings/readings.json?raw'),
		import('$lib/i18n/readings/overrides.json?raw')
	]).then(([list, overrides]) => ({
		...(JSON.parse(list.default) as Readings),
		...(JSON.parse(overrides.default) as Readings)
	}));
	return loading;
}
