/**
 * Furigana markup for authors and translators: `{漢字|かんじ}` is the base text 漢字 with the
 * reading かんじ. Used by UI strings, the town file and (later) lessons.
 */

/** A run of text, with its reading when it has one. */
export type RubySegment = { text: string; reading?: string };

const rubyPattern = /\{([^{}|]+)\|([^{}|]+)\}/g;

/** Splits text with furigana markup into plain and annotated runs. */
export function parseFurigana(text: string): RubySegment[] {
	const segments: RubySegment[] = [];
	let last = 0;
	for (const match of text.matchAll(rubyPattern)) {
		if (match.index > last) segments.push({ text: text.slice(last, match.index) });
		segments.push({ text: match[1] ?? '', reading: match[2] ?? '' });
		last = match.index + match[0].length;
	}
	if (last < text.length) segments.push({ text: text.slice(last) });
	return segments;
}

/**
 * Text that volunteers type with its readings (`[written, reading]` pairs, text-readings.ts)
 * as segments: each pair's reading over the first place its written part occurs after the
 * previous one. A pair the text does not have (any more) is skipped; text without readings is
 * one plain segment. The text is never read as markup.
 */
export function rubySegments(
	text: string,
	readings: ReadonlyArray<ReadonlyArray<string>> | undefined
): RubySegment[] {
	const segments: RubySegment[] = [];
	let from = 0;
	for (const [written, reading] of readings ?? []) {
		if (!written || !reading) continue;
		const at = text.indexOf(written, from);
		if (at < 0) continue;
		if (at > from) segments.push({ text: text.slice(from, at) });
		segments.push({ text: written, reading });
		from = at + written.length;
	}
	if (from < text.length) segments.push({ text: text.slice(from) });
	return segments;
}

/** Removes furigana markup, keeping the base text (for attributes, titles and speech). */
export function stripFurigana(text: string): string {
	return text.replace(rubyPattern, '$1');
}

/** Finds markup that is malformed: an unclosed `{`, a stray `}` or an empty part. */
export function findFuriganaErrors(text: string): string[] {
	const leftover = text.replace(rubyPattern, '');
	const errors: string[] = [];
	if (/[{}]/.test(leftover)) errors.push(`unbalanced or malformed furigana in "${text}"`);
	return errors;
}

/** A word list for furigana: the word as written (with its okurigana) → its reading in kana. */
export type Readings = Record<string, string>;

const kanjiChar = /[\p{Script=Han}々〆ヶ]/u;
const kanjiRun = /[\p{Script=Han}々〆ヶ]+/gu;

/** Katakana to hiragana, so that a word's kana can be found in its reading. */
function toHiragana(text: string): string {
	return text.replace(/[\u30a1-\u30f6]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Writes one word with its reading as markup, a ruby on each run of kanji and the kana outside
 * it (読み上げ, よみあげ → {読|よ}み{上|あ}げ). When the kana of the word cannot be found in the
 * reading (1日, ついたち), the whole word gets the reading.
 */
export function markWord(word: string, reading: string): string {
	const parts = word.split(/([\p{Script=Han}々〆ヶ]+)/u).filter((part) => part !== '');
	const pattern = parts
		.map((part) => (kanjiChar.test(part) ? '(.+?)' : `(${escapeRegExp(toHiragana(part))})`))
		.join('');
	const match = new RegExp(`^${pattern}$`, 'u').exec(reading);
	if (!match) return `{${word}|${reading}}`;
	return parts
		.map((part, index) => (kanjiChar.test(part) ? `{${part}|${match[index + 1]}}` : part))
		.join('');
}

/** The longest key of a word list, so that the search below knows how far to look. */
const longestKeys = new WeakMap<Readings, number>();

/**
 * Adds furigana markup to plain text from a reviewed word list: at each place, the longest word
 * of the list that is written there gets its reading. Text already marked is kept as it is.
 * Returns the text and the kanji runs that no word of the list covers.
 */
export function addReadings(text: string, readings: Readings): { text: string; missing: string[] } {
	let longest = longestKeys.get(readings);
	if (longest === undefined) {
		longest = Math.max(0, ...Object.keys(readings).map((key) => key.length));
		longestKeys.set(readings, longest);
	}
	const missing: string[] = [];
	let out = '';
	let plain = '';
	const flush = () => {
		for (const run of plain.match(kanjiRun) ?? []) missing.push(run);
		out += plain;
		plain = '';
	};
	for (const segment of parseFurigana(text)) {
		if (segment.reading) {
			flush();
			out += `{${segment.text}|${segment.reading}}`;
			continue;
		}
		const source = segment.text;
		let index = 0;
		while (index < source.length) {
			let found = '';
			for (let length = Math.min(longest, source.length - index); length > 0; length--) {
				const candidate = source.slice(index, index + length);
				// A number's reading starts with its first digit (21日 is not 1日).
				const midNumber = /^\d/.test(candidate) && /\d/.test(source[index - 1] ?? '');
				if (Object.hasOwn(readings, candidate) && kanjiChar.test(candidate) && !midNumber) {
					found = candidate;
					break;
				}
			}
			if (found) {
				flush();
				out += markWord(found, readings[found] ?? '');
				index += found.length;
			} else {
				plain += source[index];
				index += 1;
			}
		}
		flush();
	}
	return { text: out, missing };
}

const dayReadings: Record<number, string> = {
	1: 'ついたち',
	2: 'ふつか',
	3: 'みっか',
	4: 'よっか',
	5: 'いつか',
	6: 'むいか',
	7: 'なのか',
	8: 'ようか',
	9: 'ここのか',
	10: 'とおか',
	14: 'じゅうよっか',
	20: 'はつか',
	24: 'にじゅうよっか'
};
const monthReadings: Record<number, string> = { 4: 'しがつ', 7: 'しちがつ', 9: 'くがつ' };
const hourReadings: Record<number, string> = { 4: 'よじ', 7: 'しちじ', 9: 'くじ' };
// The sound of 分 after a number's last digit (10分, 20分… end in 0: じゅっぷん).
const minuteAfter = [
	'ぷん',
	'ぷん',
	'ふん',
	'ぷん',
	'ぷん',
	'ふん',
	'ぷん',
	'ふん',
	'ぷん',
	'ふん'
];
const minuteWhole: Record<number, string> = { 1: 'いっぷん', 6: 'ろっぷん', 8: 'はっぷん' };
const weekdayReadings: Record<string, string> = {
	日: 'にち',
	月: 'げつ',
	火: 'か',
	水: 'すい',
	木: 'もく',
	金: 'きん',
	土: 'ど'
};

const dateWords: Record<string, string> = {
	午前: 'ごぜん',
	午後: 'ごご',
	令和: 'れいわ',
	平成: 'へいせい',
	昭和: 'しょうわ',
	大正: 'たいしょう',
	元年: 'がんねん'
};

/** One number-and-counter of a date or time as markup (12月 → 12{月|がつ}, 1日 → {1日|ついたち}). */
function markCount(number: string, counter: string): string {
	const value = Number(number);
	const whole = (reading: string) => `{${number}${counter}|${reading}}`;
	const counted = (reading: string) => `${number}{${counter}|${reading}}`;
	if (counter === '年') return counted('ねん');
	if (counter === '月') return monthReadings[value] ? whole(monthReadings[value]) : counted('がつ');
	if (counter === '日') return dayReadings[value] ? whole(dayReadings[value]) : counted('にち');
	if (counter === '時') return hourReadings[value] ? whole(hourReadings[value]) : counted('じ');
	if (minuteWhole[value]) return whole(minuteWhole[value]);
	return counted(minuteAfter[value % 10] ?? 'ふん');
}

/**
 * Adds readings to the dates and times the app writes itself (12月3日(水) 午前10時〜11時30分,
 * 令和8年11月24日), which no word list can hold: the sound of 日, 月, 時 and 分 depends on the
 * number (1日 ついたち, 4月 しがつ, 9時 くじ, 30分 ぷん). Text already marked is kept.
 */
export function addDateReadings(text: string): string {
	return parseFurigana(text)
		.map((segment) =>
			segment.reading
				? `{${segment.text}|${segment.reading}}`
				: segment.text
						// 第2日曜日 is a weekday's name, not the 2nd.
						.replace(/(\d+)(年|月|日(?!曜)|時|分)/g, (_, number: string, counter: string) =>
							markCount(number, counter)
						)
						.replace(
							/([(（])([日月火水木金土])([)）])/g,
							(_, open: string, day: string, close: string) =>
								`${open}{${day}|${weekdayReadings[day] ?? ''}}${close}`
						)
						.replace(
							/午前|午後|令和|平成|昭和|大正|元年/g,
							(word) => `{${word}|${dateWords[word]}}`
						)
		)
		.join('');
}
