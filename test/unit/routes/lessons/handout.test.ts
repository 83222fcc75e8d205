import { describe, expect, it } from 'vitest';
import type { LessonBlock, LessonInline } from '$lib/lessons/lesson';
import {
	firstSentence,
	printableBlocks,
	sheetTextSteps,
	summaryBlocks
} from '../../../../src/routes/lessons/handout/handout';

const text = (value: string, strong?: boolean): Extract<LessonInline, { type: 'text' }> =>
	strong ? { type: 'text', text: value, strong } : { type: 'text', text: value };

const paragraph = (
	...inlines: (string | LessonInline)[]
): Extract<LessonBlock, { type: 'paragraph' }> => ({
	type: 'paragraph',
	inlines: inlines.map((inline) => (typeof inline === 'string' ? text(inline) : inline))
});

const picture: LessonBlock = {
	type: 'picture',
	file: 'tap.svg',
	alt: '絵',
	width: 320,
	height: 240
};

describe('handout', () => {
	describe('printableBlocks', () => {
		it('leaves out the practice widgets and their prompts, keeping the rest in order', () => {
			const blocks: LessonBlock[] = [
				picture,
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

	describe('firstSentence', () => {
		it('ends after 。 and keeps a closing bracket with it', () => {
			expect(firstSentence([text('「{設定|せってい}」を開きます。次に押します。')])).toEqual([
				text('「{設定|せってい}」を開きます。')
			]);
			expect(firstSentence([text('「はい」を押します（{青|あお}い。）次へ。')])).toEqual([
				text('「はい」を押します（{青|あお}い。）')
			]);
		});

		it('ends an English sentence at a full stop before a space, not inside a number', () => {
			expect(firstSentence([text('It needs iOS 18.5 or later. Then tap Add.')])).toEqual([
				text('It needs iOS 18.5 or later.')
			]);
		});

		it('keeps bold text and links whole, stopping after the one the sentence ends in', () => {
			const link: LessonInline = {
				type: 'link',
				href: 'lesson:wifi',
				lessonId: 'wifi',
				children: [text('Wi-Fi のレッスン。')]
			};
			expect(
				firstSentence([text('まず'), text('マイナポータル', true), text('を入れます。あとで。')])
			).toEqual([text('まず'), text('マイナポータル', true), text('を入れます。')]);
			expect(firstSentence([text('くわしくは '), link, text('ほかに。')])).toEqual([
				text('くわしくは '),
				link
			]);
		});

		it('keeps all of a text without a sentence end', () => {
			expect(firstSentence([text('タップ')])).toEqual([text('タップ')]);
		});
	});

	describe('summaryBlocks', () => {
		it('gives the picture and the first sentence of the first text, without the phones', () => {
			const blocks: LessonBlock[] = [
				paragraph('画面にふれます。指の腹でふれます。'),
				picture,
				{ type: 'device', device: 'iphone', blocks: [paragraph('サイドボタン')] },
				{ type: 'practice', kind: 'tap', params: {}, prompt: [paragraph('丸をタップ')] }
			];
			expect(summaryBlocks(blocks, 8)).toEqual([picture, paragraph('画面にふれます。')]);
		});

		it("takes a list's first item, or the first phone's text when the step has no other", () => {
			const list: LessonBlock = {
				type: 'list',
				ordered: true,
				items: [[text('開きます。')], [text('押します。')]]
			};
			expect(summaryBlocks([list], 8)).toEqual([paragraph('開きます。')]);
			const onlyPhones: LessonBlock[] = [
				{ type: 'device', device: 'android', blocks: [paragraph('ホームを押します。長く。')] },
				{ type: 'device', device: 'iphone', blocks: [paragraph('サイドボタン。')] }
			];
			expect(summaryBlocks(onlyPhones, 8)).toEqual([paragraph('ホームを押します。')]);
		});

		it('keeps only the picture in a lesson too long for sentences on one sheet', () => {
			const blocks: LessonBlock[] = [picture, paragraph('画面にふれます。')];
			expect(summaryBlocks(blocks, sheetTextSteps)).toHaveLength(2);
			expect(summaryBlocks(blocks, sheetTextSteps + 1)).toEqual([picture]);
		});
	});
});
