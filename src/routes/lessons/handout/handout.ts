import type { LessonBlock } from '$lib/lessons/lesson';

/**
 * A step's blocks as paper shows them: a practice widget (「下の丸をタップしてみましょう」)
 * needs a screen, so it and its prompt are left out; everything else is kept in order.
 */
export function printableBlocks(blocks: readonly LessonBlock[]): LessonBlock[] {
	return blocks.filter((block) => block.type !== 'practice');
}
