import { describe, expect, it } from 'vitest';
import {
	addDateReadings,
	addReadings,
	findFuriganaErrors,
	markWord,
	parseFurigana,
	stripFurigana
} from '$lib/domain/furigana';

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

	describe('markWord', () => {
		it('puts one ruby on a run of kanji (the whole word, not each kanji)', () => {
			expect(markWord('入力', 'にゅうりょく')).toBe('{入力|にゅうりょく}');
		});

		it('keeps okurigana outside the ruby', () => {
			expect(markWord('入力する', 'にゅうりょくする')).toBe('{入力|にゅうりょく}する');
			expect(markWord('読み上げ', 'よみあげ')).toBe('{読|よ}み{上|あ}げ');
			expect(markWord('お申し込み', 'おもうしこみ')).toBe('お{申|もう}し{込|こ}み');
		});

		it('finds katakana of the word in the hiragana reading', () => {
			expect(markWord('カードの表', 'かーどのおもて')).toBe('カードの{表|おもて}');
		});

		it('keeps a number outside when the reading writes it as digits', () => {
			expect(markWord('30分', '30ぷん')).toBe('30{分|ぷん}');
			expect(markWord('}}人', '}}にん')).toBe('}}{人|にん}');
		});

		it('gives the whole word the reading when the number changes its sound', () => {
			expect(markWord('1日', 'ついたち')).toBe('{1日|ついたち}');
			expect(markWord('1回', 'いっかい')).toBe('{1回|いっかい}');
		});
	});

	describe('addReadings', () => {
		const readings = {
			入力: 'にゅうりょく',
			入力欄: 'にゅうりょくらん',
			読み上げ: 'よみあげ',
			上: 'うえ',
			'1人': 'ひとり',
			'}}人': '}}にん',
			暗証番号: 'あんしょうばんごう'
		};

		it('marks every word of the list and reports none missing', () => {
			expect(addReadings('暗証番号を入力する', readings)).toEqual({
				text: '{暗証番号|あんしょうばんごう}を{入力|にゅうりょく}する',
				missing: []
			});
		});

		it('prefers the longest word written at a place', () => {
			expect(addReadings('入力欄の上', readings).text).toBe('{入力欄|にゅうりょくらん}の{上|うえ}');
			expect(addReadings('読み上げ', readings).text).toBe('{読|よ}み{上|あ}げ');
		});

		it('reads a number only from its first digit', () => {
			expect(addReadings('1人で', readings).text).toBe('{1人|ひとり}で');
			expect(addReadings('21人', readings)).toEqual({ text: '21人', missing: ['人'] });
		});

		it('reads a counter after an interpolated number', () => {
			expect(addReadings('{{count}}人', readings).text).toBe('{{count}}{人|にん}');
		});

		it('keeps readings an author wrote and reports kanji the list lacks', () => {
			expect(addReadings('{今日|きょう}は晴れ', readings)).toEqual({
				text: '{今日|きょう}は晴れ',
				missing: ['晴']
			});
		});

		it('leaves text without kanji unchanged', () => {
			expect(addReadings('スマホ {{name}} です', readings)).toEqual({
				text: 'スマホ {{name}} です',
				missing: []
			});
		});
	});

	describe('addDateReadings', () => {
		it('reads a class time as people say it', () => {
			expect(addDateReadings('12月3日(水) 午前10時〜11時30分')).toBe(
				'12{月|がつ}{3日|みっか}({水|すい}) {午前|ごぜん}10{時|じ}〜11{時|じ}30{分|ぷん}'
			);
		});

		it('gives the whole count the reading where the number changes its sound', () => {
			expect(addDateReadings('4月1日 9時1分')).toBe(
				'{4月|しがつ}{1日|ついたち} {9時|くじ}{1分|いっぷん}'
			);
			expect(addDateReadings('2026年11月24日')).toBe(
				'2026{年|ねん}11{月|がつ}{24日|にじゅうよっか}'
			);
			expect(addDateReadings('13日 15分 午後')).toBe('13{日|にち} 15{分|ふん} {午後|ごご}');
			expect(addDateReadings('令和元年5月1日')).toBe(
				'{令和|れいわ}{元年|がんねん}5{月|がつ}{1日|ついたち}'
			);
		});

		it('keeps marked text and leaves other text alone', () => {
			expect(addDateReadings('{今日|きょう}は12月')).toBe('{今日|きょう}は12{月|がつ}');
			expect(addDateReadings('(日本)')).toBe('(日本)');
			expect(addDateReadings('毎月第2日曜日')).toBe('毎月第2日曜日');
		});
	});
});
