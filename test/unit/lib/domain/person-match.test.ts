import { describe, expect, it } from 'vitest';
import { nameKey, personKeys, phoneKey, readingKey, samePerson } from '$lib/domain/person-match';

describe('person-match', () => {
	describe('nameKey', () => {
		it('ignores every kind of space, including the ideographic one', () => {
			expect(nameKey('佐藤 一郎')).toBe('佐藤一郎');
			expect(nameKey('佐藤　一郎')).toBe('佐藤一郎');
			expect(nameKey(' 佐藤\t一郎 ')).toBe('佐藤一郎');
		});

		it('folds full- and half-width letters and case', () => {
			expect(nameKey('ＳＡＴＯ　Ｉｃｈｉｒｏ')).toBe(nameKey('sato ichiro'));
			expect(nameKey('ｻﾄｳ ｲﾁﾛｳ')).toBe('サトウイチロウ');
		});

		it('keeps different names apart', () => {
			expect(nameKey('佐藤 一郎')).not.toBe(nameKey('佐藤 次郎'));
		});
	});

	describe('phoneKey', () => {
		it('keeps the digits only, full-width ones folded', () => {
			expect(phoneKey('090-1111-2222')).toBe('09011112222');
			expect(phoneKey('０９０－１１１１－２２２２')).toBe('09011112222');
			expect(phoneKey('(090) 1111 2222')).toBe('09011112222');
		});

		it('is null without a number', () => {
			expect(phoneKey(undefined)).toBeNull();
			expect(phoneKey('')).toBeNull();
			expect(phoneKey(' - ')).toBeNull();
		});
	});

	describe('readingKey', () => {
		it('folds katakana (full and half width) to hiragana, without spaces or dots', () => {
			expect(readingKey('サトウ イチロウ')).toBe('さとういちろう');
			expect(readingKey('ｻﾄｳ ｲﾁﾛｳ')).toBe('さとういちろう');
			expect(readingKey('さとう・いちろう')).toBe('さとういちろう');
			expect(readingKey('さとう　いちろう')).toBe('さとういちろう');
		});

		it('keeps the long vowel mark and voiced sounds', () => {
			expect(readingKey('ジョージ')).toBe('じょーじ');
			expect(readingKey('ｼﾞｮｰｼﾞ')).toBe('じょーじ');
		});

		it('is null without a reading', () => {
			expect(readingKey(null)).toBeNull();
			expect(readingKey('　')).toBeNull();
		});
	});

	describe('samePerson', () => {
		const ichiro = personKeys({
			name: '佐藤 一郎',
			nameKana: 'さとう いちろう',
			phone: '090-1111-2222'
		});

		it('is the same name with the same phone digits', () => {
			expect(
				samePerson(ichiro, personKeys({ name: '佐藤　一郎', phone: '０９０１１１１２２２２' }))
			).toBe(true);
		});

		it('is the same name with the same reading, without a phone', () => {
			expect(samePerson(ichiro, personKeys({ name: '佐藤一郎', nameKana: 'サトウイチロウ' }))).toBe(
				true
			);
		});

		it('is never a couple sharing a phone', () => {
			expect(
				samePerson(
					ichiro,
					personKeys({ name: '佐藤 花子', nameKana: 'さとう はなこ', phone: '090-1111-2222' })
				)
			).toBe(false);
		});

		it('needs more than the name: no phone and no reading match nothing', () => {
			expect(samePerson(ichiro, personKeys({ name: '佐藤 一郎' }))).toBe(false);
			expect(samePerson(personKeys({ name: '佐藤 一郎' }), personKeys({ name: '佐藤 一郎' }))).toBe(
				false
			);
			expect(samePerson(ichiro, personKeys({ name: '佐藤 一郎', phone: '080-3333-4444' }))).toBe(
				false
			);
		});
	});
});
