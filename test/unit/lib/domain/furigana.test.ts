import { describe, expect, it } from 'vitest';
import { findFuriganaErrors, parseFurigana, stripFurigana } from '$lib/domain/furigana';

describe('furigana', () => {
	describe('parseFurigana', () => {
		it('returns plain text as one segment without a reading', () => {
			expect(parseFurigana('スマホ教室')).toEqual([{ text: 'スマホ教室' }]);
		});

		it('returns nothing for empty text', () => {
			expect(parseFurigana('')).toEqual([]);
		});

		it('splits text around an annotated word', () => {
			expect(parseFurigana('みどり{町|ちょう}の{役場|やくば}です')).toEqual([
				{ text: 'みどり' },
				{ text: '町', reading: 'ちょう' },
				{ text: 'の' },
				{ text: '役場', reading: 'やくば' },
				{ text: 'です' }
			]);
		});

		it('handles adjacent annotations and annotations at both ends', () => {
			expect(parseFurigana('{推進|すいしん}{委員|いいん}')).toEqual([
				{ text: '推進', reading: 'すいしん' },
				{ text: '委員', reading: 'いいん' }
			]);
		});

		it('keeps every character of the base text and the plain text', () => {
			const text = '{毎週|まいしゅう}{水曜日|すいようび}の{午後|ごご}1{時|じ}から';
			const joined = parseFurigana(text)
				.map((segment) => segment.text)
				.join('');

			expect(joined).toBe(stripFurigana(text));
		});

		it('leaves malformed markup as plain text', () => {
			expect(parseFurigana('{町|}と{|ちょう}')).toEqual([{ text: '{町|}と{|ちょう}' }]);
		});

		it('can be called again on the same text (no global regex state leaks)', () => {
			const text = '{町|ちょう}';

			expect(parseFurigana(text)).toEqual(parseFurigana(text));
		});
	});

	describe('stripFurigana', () => {
		it('keeps the base text and drops the readings', () => {
			expect(stripFurigana('みどり{町|ちょう}{役場|やくば}')).toBe('みどり町役場');
		});

		it('leaves text without markup unchanged', () => {
			expect(stripFurigana('Midori Town {{name}}')).toBe('Midori Town {{name}}');
		});
	});

	describe('findFuriganaErrors', () => {
		it('accepts well-formed markup and plain text', () => {
			expect(findFuriganaErrors('{漢字|かんじ}と ひらがな')).toEqual([]);
			expect(findFuriganaErrors('')).toEqual([]);
		});

		it.each([
			['an unclosed brace', '{漢字|かんじ'],
			['a stray closing brace', '漢字|かんじ}'],
			['an empty reading', '{漢字|}'],
			['an empty base', '{|かんじ}'],
			['a missing separator', '{漢字}'],
			['two separators', '{漢字|かん|じ}'],
			['nested markup', '{{漢字|かんじ}|かんじ}']
		])('reports %s', (_, text) => {
			const errors = findFuriganaErrors(text);

			expect(errors).toHaveLength(1);
			expect(errors[0]).toContain(text);
		});

		it('reports a broken part even next to a good one', () => {
			expect(findFuriganaErrors('{町|ちょう}と{役場|やくば')).toHaveLength(1);
		});
	});
});
