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
