import {
	addDateReadings,
	markWord,
	parseFurigana,
	type Readings,
	type RubySegment
} from './furigana';

// Drawing the readings (rubySegments) is in furigana.ts, beside the markup's: Ruby.svelte is
// on every page, and this module's proposal is for the volunteers' forms only.

/**
 * Readings for text that volunteers type (class titles, topics, venue names), kept beside the
 * text as `[written, reading]` pairs in the order they occur: `スマホ教室 初めての写真` has
 * `[["教室","きょうしつ"],["初","はじ"],["写真","しゃしん"]]`. Pairs, not one whole-string kana:
 * `<ruby>` needs each reading over its own kanji, and a whole-string reading cannot be split
 * back onto the kanji when a word's kana do not show in it (1日, ついたち). The text itself stays
 * plain (search, CSV, the API, screen readers read it as typed); a pair whose kanji the text no
 * longer has (the title was changed elsewhere) is skipped when drawn, never misplaced.
 */
export type TextReadings = Array<[written: string, reading: string]>;

const kanjiChar = /[\p{Script=Han}々〆ヶ]/u;
const kanjiRun = /[\p{Script=Han}々〆ヶ]+/gu;

/** True when text has a kanji (a reading is for text with one). */
export const hasKanji = (text: string): boolean => kanjiChar.test(text);

/** A reading as the readings field accepts it: hiragana or katakana (ー, ・ and spaces too). */
export const isKana = (text: string): boolean =>
	/^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]+$/u.test(text);

/**
 * One part of a typed text that needs a reading: the kanji (with the number before 日, 月…
 * when the reading covers both) and the reading proposed for it, `''` when the reviewed list
 * does not know it (the volunteer fills it in).
 */
export type ReadingRun = { written: string; reading: string };

/** The longest key of a word list, so that the search knows how far to look. */
const longestKeys = new WeakMap<Readings, number>();

function longestKey(list: Readings): number {
	let longest = longestKeys.get(list);
	if (longest === undefined) {
		longest = Math.max(0, ...Object.keys(list).map((key) => key.length));
		longestKeys.set(list, longest);
	}
	return longest;
}

/** The kanji runs of plain text, each with no reading. */
const unknownRuns = (text: string): ReadingRun[] =>
	(text.match(kanjiRun) ?? []).map((written) => ({ written, reading: '' }));

/**
 * Proposes a reading for every kanji of a typed text, from the reviewed readings list (the
 * build's `readings.json` + `overrides.json`): at each place the longest word of the list that
 * is written there, as furigana.ts's `addReadings` does for our own texts; dates and times get
 * theirs from the number (12月 がつ, 1日 ついたち). Kanji the list does not know come back with
 * an empty reading, in order, for the volunteer to fill in.
 */
export function proposeReadings(text: string, list: Readings): ReadingRun[] {
	// Braces are the markup of our own texts, never of what volunteers type: such text is read
	// as it is, without the date pass (which writes markup).
	const segments: RubySegment[] = /[{}|]/.test(text)
		? [{ text }]
		: parseFurigana(addDateReadings(text));
	const longest = longestKey(list);
	const runs: ReadingRun[] = [];
	for (const segment of segments) {
		if (segment.reading) {
			runs.push({ written: segment.text, reading: segment.reading });
			continue;
		}
		const source = segment.text;
		let plain = '';
		let index = 0;
		while (index < source.length) {
			let found = '';
			for (let length = Math.min(longest, source.length - index); length > 0; length--) {
				const candidate = source.slice(index, index + length);
				// A number's reading starts with its first digit (21日 is not 1日); keys with
				// braces are our texts' placeholders ({{count}}人).
				const midNumber = /^\d/.test(candidate) && /\d/.test(source[index - 1] ?? '');
				if (
					Object.hasOwn(list, candidate) &&
					kanjiChar.test(candidate) &&
					!midNumber &&
					!/[{}]/.test(candidate)
				) {
					found = candidate;
					break;
				}
			}
			if (!found) {
				plain += source[index];
				index += 1;
				continue;
			}
			runs.push(...unknownRuns(plain));
			plain = '';
			for (const part of parseFurigana(markWord(found, list[found] ?? ''))) {
				if (part.reading) runs.push({ written: part.text, reading: part.reading });
			}
			index += found.length;
		}
		runs.push(...unknownRuns(plain));
	}
	return runs;
}

/**
 * The runs of a text as the form shows them: what the volunteer chose for a run wins (by what
 * is written, so a reading typed once follows the word when the title is changed around it),
 * else the stored readings of the text as it was, else the proposal.
 */
export function formReadings(options: {
	text: string;
	list: Readings;
	stored?: TextReadings;
	chosen: Record<string, string>;
}): ReadingRun[] {
	const stored = new Map(options.stored ?? []);
	return proposeReadings(options.text, options.list).map((run) => ({
		written: run.written,
		reading: Object.hasOwn(options.chosen, run.written)
			? (options.chosen[run.written] ?? '')
			: (stored.get(run.written) ?? run.reading)
	}));
}

/**
 * Readings as a device stored them (lists of strings: the zod/mini schemas read them as such)
 * as pairs; anything else is left out.
 */
export function asPairs(
	readings: ReadonlyArray<ReadonlyArray<string>> | undefined
): TextReadings | undefined {
	return readings?.flatMap((pair): TextReadings => {
		const [written, reading] = pair;
		return pair.length === 2 && written !== undefined && reading !== undefined
			? [[written, reading]]
			: [];
	});
}

/** The readings to save: each run with a reading, trimmed; runs left empty are left out. */
export function readingsOf(runs: readonly ReadingRun[]): TextReadings {
	return runs
		.map((run): [string, string] => [run.written, run.reading.trim()])
		.filter(([, reading]) => reading !== '');
}

/**
 * True when each pair's written part is found in the text, in order and without overlap: the
 * readings were made for this text.
 */
export function readingsFit(text: string, readings: TextReadings): boolean {
	let from = 0;
	for (const [written] of readings) {
		const at = text.indexOf(written, from);
		if (at < 0) return false;
		from = at + written.length;
	}
	return true;
}
