import type { Locale } from '$lib/domain/locale';
import { shortCodeAlphabet } from '$lib/domain/short-code';

/**
 * What the paper for residents without smartphones needs worked out: how many rows a blank
 * sign-up sheet has, and how a class's short code is read aloud over the telephone.
 */

/** The fewest rows a sheet keeps for the waiting list, even for a small class. */
export const fewestWaitingRows = 3;

/** The most rows for the waiting list: a big class's sheet stays a few pages long. */
export const mostWaitingRows = 10;

/**
 * The rows of a blank sign-up sheet: one per free seat, then a quarter of the capacity again
 * (between 3 and 10 rows) for the waiting list, so a full class still gets a sheet to write in.
 */
export function signupSheetRows(options: { capacity: number; confirmed: number }): {
	seats: number;
	waiting: number;
} {
	const seats = Math.max(0, options.capacity - options.confirmed);
	const waiting = Math.min(
		mostWaitingRows,
		Math.max(fewestWaitingRows, Math.ceil(options.capacity / 4))
	);
	return { seats, waiting };
}

// The names of the code's letters as a Japanese caller says them (digits in their usual
// reading), and as an English speaker spells on the phone (the NATO alphabet).
const japaneseNames: Record<string, string> = {
	a: 'エー',
	c: 'シー',
	d: 'ディー',
	e: 'イー',
	f: 'エフ',
	h: 'エイチ',
	j: 'ジェー',
	k: 'ケー',
	m: 'エム',
	n: 'エヌ',
	p: 'ピー',
	r: 'アール',
	t: 'ティー',
	w: 'ダブリュー',
	x: 'エックス',
	y: 'ワイ',
	'3': 'さん',
	'4': 'よん',
	'6': 'ろく',
	'7': 'なな',
	'/': 'スラッシュ'
};
const englishNames: Record<string, string> = {
	a: 'Alfa',
	c: 'Charlie',
	d: 'Delta',
	e: 'Echo',
	f: 'Foxtrot',
	h: 'Hotel',
	j: 'Juliett',
	k: 'Kilo',
	m: 'Mike',
	n: 'November',
	p: 'Papa',
	r: 'Romeo',
	t: 'Tango',
	w: 'Whiskey',
	x: 'X-ray',
	y: 'Yankee',
	'3': 'three',
	'4': 'four',
	'6': 'six',
	'7': 'seven',
	'/': 'slash'
};

/** The spoken name of each character of the short-code alphabet, for a locale. */
export function spokenNames(locale: Locale): Record<string, string> {
	return locale === 'en' ? englishNames : japaneseNames;
}

/**
 * A short link's path as it is read aloud, one entry per character (`/c/t3k` → スラッシュ, シー,
 * スラッシュ, ティー, さん, ケー in Japanese; slash, Charlie, slash, Tango, three, Kilo in English).
 * A character no table names is read as it is written.
 */
export function spellShortLink(
	path: string,
	locale: Locale
): Array<{ character: string; spoken: string }> {
	const names = spokenNames(locale);
	return [...path].map((character) => ({
		character,
		spoken: names[character] ?? character
	}));
}

/** Every character of a short link's path: spellShortLink's tables must name them all. */
export const linkCharacters: readonly string[] = ['/', ...shortCodeAlphabet];
