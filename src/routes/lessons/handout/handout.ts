import type { LessonBlock, LessonInline } from '$lib/lessons/lesson';

/**
 * A step's blocks as paper shows them: a practice widget (「下の丸をタップしてみましょう」)
 * needs a screen, so it and its prompt are left out; everything else is kept in order.
 */
export function printableBlocks(blocks: readonly LessonBlock[]): LessonBlock[] {
	return blocks.filter((block) => block.type !== 'practice');
}

/**
 * The most steps whose first sentences fit on one A4 sheet in large print, in every language
 * (measured with `npm run lessons:sheets`: every lesson of up to ten steps fits; of the
 * lessons of twelve to fifteen steps, most run onto a second sheet in English or やさしい日本語).
 * A longer lesson's sheet has each step's title and picture only.
 */
export const sheetTextSteps = 10;

/**
 * A step on the one-sheet handout: its picture and, in a lesson of up to `sheetTextSteps`
 * steps, the first sentence of its text, which the lessons are written to lead with (what the
 * step is about). Each phone's own instructions and the rest of the text are on the detailed
 * handout; a step whose text is only in its phones' blocks keeps the first sentence of the
 * first one.
 */
export function summaryBlocks(blocks: readonly LessonBlock[], stepCount: number): LessonBlock[] {
	const picture = blocks.find((block) => block.type === 'picture');
	const inlines = stepCount <= sheetTextSteps ? leadingInlines(blocks) : undefined;
	return [
		...(picture ? [picture] : []),
		...(inlines ? [{ type: 'paragraph' as const, inlines: firstSentence(inlines) }] : [])
	];
}

/** The inlines of the step's first text: a paragraph, or a list's first item. */
function leadingInlines(blocks: readonly LessonBlock[]): LessonInline[] | undefined {
	for (const block of blocks) {
		if (block.type === 'paragraph' && block.inlines.length > 0) return block.inlines;
		if (block.type === 'list' && block.items.length > 0) return block.items[0];
	}
	for (const block of blocks) {
		if (block.type !== 'device') continue;
		const found = leadingInlines(block.blocks);
		if (found) return found;
	}
	return undefined;
}

/**
 * The end of a sentence: 。！？ (with a closing bracket after them), or . ! ? before a space or
 * the end ("iOS 18.5" and "1.5" go on).
 */
const sentenceEnd = /[。！？][」』）)]*|[.!?]["')\]]*(?=\s|$)/u;

/** The inlines up to and including the end of the first sentence. */
export function firstSentence(inlines: readonly LessonInline[]): LessonInline[] {
	const kept: LessonInline[] = [];
	for (const inline of inlines) {
		const text =
			inline.type === 'text' ? inline.text : inline.children.map((child) => child.text).join('');
		const end = sentenceEnd.exec(text);
		if (!end) {
			kept.push(inline);
			continue;
		}
		// A link is kept whole; a piece of text is cut after its sentence's end.
		kept.push(
			inline.type === 'text'
				? { ...inline, text: text.slice(0, end.index + end[0].length) }
				: inline
		);
		return kept;
	}
	return kept;
}
