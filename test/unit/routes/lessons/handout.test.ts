import { describe, expect, it } from 'vitest';
import type { LessonBlock } from '$lib/lessons/lesson';
import { printableBlocks } from '../../../../src/routes/lessons/handout/handout';

describe('handout', () => {
	describe('printableBlocks', () => {
		const paragraph = (text: string): Extract<LessonBlock, { type: 'paragraph' }> => ({
			type: 'paragraph',
			inlines: [{ type: 'text', text }]
		});

		it('leaves out the practice widgets and their prompts, keeping the rest in order', () => {
			const blocks: LessonBlock[] = [
				{ type: 'picture', file: 'tap.svg', alt: '絵', width: 320, height: 240 },
				paragraph('画面にふれます。'),
				{ type: 'practice', kind: 'tap', params: {}, prompt: [paragraph('丸をタップ')] },
				{ type: 'device', device: 'iphone', blocks: [paragraph('サイドボタン')] }
			];
			expect(printableBlocks(blocks).map((block) => block.type)).toEqual([
				'picture',
				'paragraph',
				'device'
			]);
		});
	});
});
