import { describe, expect, it } from 'vitest';
import { newClassSchema, newVenueSchema, textReadingsSchema } from '$lib/domain/class';
import {
	formReadings,
	isKana,
	proposeReadings,
	readingsFit,
	readingsOf
} from '$lib/domain/text-readings';
import { rubySegments } from '$lib/domain/furigana';
import list from '$lib/i18n/readings/readings.json';
import overrides from '$lib/i18n/readings/overrides.json';

const reviewed = { ...list, ...overrides };

describe('text-readings', () => {
	describe('proposeReadings', () => {
		it('takes the longest word of the list, a ruby on each run of kanji', () => {
			const words = {
				教室: 'きょうしつ',
				教: 'おし',
				室: 'しつ',
				写真: 'しゃしん',
				送る: 'おくる'
			};
			expect(proposeReadings('スマホ教室で写真を送る', words)).toEqual([
				{ written: '教室', reading: 'きょうしつ' },
				{ written: '写真', reading: 'しゃしん' },
				{ written: '送', reading: 'おく' }
			]);
		});

		it('prefers a longer word over its parts, from the reviewed list and its overrides', () => {
			// みどり町中央公民館 is one reviewed word (overrides.json): 町 reads ちょう there, not まち.
			expect(proposeReadings('みどり町中央公民館', reviewed)).toEqual([
				{ written: '町中央公民館', reading: 'ちょうちゅうおうこうみんかん' }
			]);
		});

		it('leaves kanji the list does not know empty, in order, for the volunteer', () => {
			expect(proposeReadings('鬱蒼とした森で写真', { 写真: 'しゃしん' })).toEqual([
				{ written: '鬱蒼', reading: '' },
				{ written: '森', reading: '' },
				{ written: '写真', reading: 'しゃしん' }
			]);
		});

		it('reads dates by their numbers (1日 ついたち, 4月 しがつ)', () => {
			expect(proposeReadings('4月1日の教室', { 教室: 'きょうしつ' })).toEqual([
				{ written: '4月', reading: 'しがつ' },
				{ written: '1日', reading: 'ついたち' },
				{ written: '教室', reading: 'きょうしつ' }
			]);
		});

		it('reads braces as text, never as markup, and has nothing to propose without kanji', () => {
			expect(proposeReadings('{教室|x}', { 教室: 'きょうしつ' })).toEqual([
				{ written: '教室', reading: 'きょうしつ' }
			]);
			expect(proposeReadings('はじめてのスマホ', reviewed)).toEqual([]);
		});
	});

	describe('formReadings', () => {
		it('shows what the volunteer typed, else the saved reading, else the proposal', () => {
			const runs = formReadings({
				text: '教室で写真を送る',
				list: { 教室: 'きょうしつ', 写真: 'しゃしん' },
				stored: [['写真', 'しゃしん!']],
				chosen: { 教室: 'クラス', 送: 'おく' }
			});
			expect(runs).toEqual([
				{ written: '教室', reading: 'クラス' },
				{ written: '写真', reading: 'しゃしん!' },
				{ written: '送', reading: 'おく' }
			]);
			expect(readingsOf([...runs, { written: '森', reading: ' ' }])).toEqual([
				['教室', 'クラス'],
				['写真', 'しゃしん!'],
				['送', 'おく']
			]);
		});
	});

	describe('rubySegments', () => {
		it('puts each reading over its kanji and skips pairs the text no longer has', () => {
			expect(
				rubySegments('LINEで写真を送ろう', [
					['動画', 'どうが'],
					['写真', 'しゃしん'],
					['送', 'おく']
				])
			).toEqual([
				{ text: 'LINEで' },
				{ text: '写真', reading: 'しゃしん' },
				{ text: 'を' },
				{ text: '送', reading: 'おく' },
				{ text: 'ろう' }
			]);
			expect(rubySegments('はじめてのスマホ', undefined)).toEqual([{ text: 'はじめてのスマホ' }]);
		});

		it('reads the same kanji twice in order', () => {
			expect(
				rubySegments('方と方', [
					['方', 'かた'],
					['方', 'ほう']
				])
			).toEqual([{ text: '方', reading: 'かた' }, { text: 'と' }, { text: '方', reading: 'ほう' }]);
		});
	});

	describe('schemas', () => {
		it('accept kana readings of kanji and refuse others', () => {
			expect(isKana('きょうしつ')).toBe(true);
			expect(isKana('キョウシツ')).toBe(true);
			expect(isKana('kyo')).toBe(false);
			expect(textReadingsSchema.safeParse([['教室', 'きょうしつ']]).success).toBe(true);
			expect(textReadingsSchema.safeParse([['教室', '教室']]).success).toBe(false);
			expect(textReadingsSchema.safeParse([['きょう', 'きょう']]).success).toBe(false);
			expect(textReadingsSchema.safeParse([['教室', '']]).success).toBe(false);
			expect(textReadingsSchema.safeParse('きょうしつ').success).toBe(false);
		});

		it('refuse readings made for another text', () => {
			const klass = {
				title: 'スマホ教室',
				venueId: '0b0c2f9e-5a4d-4c3b-9a1e-abcdefabcdef',
				topic: '',
				startsAt: '2026-12-03T10:00:00+09:00',
				endsAt: '2026-12-03T11:00:00+09:00',
				capacity: 10
			};
			expect(newClassSchema.safeParse(klass).success).toBe(true);
			expect(
				newClassSchema.safeParse({ ...klass, titleReadings: [['教室', 'きょうしつ']] }).success
			).toBe(true);
			const wrong = newClassSchema.safeParse({ ...klass, titleReadings: [['写真', 'しゃしん']] });
			expect(wrong.success).toBe(false);
			expect(wrong.error?.issues[0]?.path).toEqual(['titleReadings']);
			expect(
				readingsFit('教室の写真', [
					['写真', 'しゃしん'],
					['教室', 'きょうしつ']
				])
			).toBe(false);
			expect(
				newVenueSchema.safeParse({
					name: '北地区集会所',
					nameReadings: [['北地区', 'きたちく']],
					address: 'みどり町'
				}).success
			).toBe(true);
		});
	});
});
