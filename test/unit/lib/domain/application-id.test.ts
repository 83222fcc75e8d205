import { describe, expect, it } from 'vitest';
import {
	checkApplicationId,
	groupApplicationId,
	spreadApplicationId
} from '$lib/domain/application-id';

const sample = '12345678901234567890123';

describe('application-id', () => {
	describe('checkApplicationId', () => {
		it('accepts 23 digits', () => {
			expect(checkApplicationId(sample)).toEqual({ ok: true, digits: sample });
		});

		it.each([
			['1234 5678 9012 3456 7890 123'],
			['1234-5678-9012-3456-7890-123'],
			['１２３４５６７８９０１２３４５６７８９０１２３'],
			['１２３４　５６７８－９０１２ 3456 7890 123']
		])('accepts the full-width, spaced and hyphenated form %j', (text) => {
			expect(checkApplicationId(text)).toEqual({ ok: true, digits: sample });
		});

		it('says how many digits are missing or extra', () => {
			expect(checkApplicationId(sample.slice(0, 22))).toEqual({
				ok: false,
				problem: 'too-short',
				length: 22
			});
			expect(checkApplicationId(sample + '4')).toEqual({
				ok: false,
				problem: 'too-long',
				length: 24
			});
		});

		it('refuses letters and empty input', () => {
			expect(checkApplicationId('1234 ABCD')).toMatchObject({ ok: false, problem: 'not-digits' });
			expect(checkApplicationId('  ')).toMatchObject({ ok: false, problem: 'empty' });
		});

		it('recognises a 個人番号 typed by mistake', () => {
			expect(checkApplicationId('1234 5678 9018')).toMatchObject({
				ok: false,
				problem: 'individual-number'
			});
			// 12 digits with a wrong check digit are just too short.
			expect(checkApplicationId('123456789017')).toMatchObject({ problem: 'too-short' });
		});
	});

	describe('groupApplicationId', () => {
		it('splits into groups of 4, 4, 4, 4, 4 and 3', () => {
			expect(groupApplicationId(sample)).toEqual(['1234', '5678', '9012', '3456', '7890', '123']);
			expect(groupApplicationId('12345')).toEqual(['1234', '5']);
		});
	});
});

describe('spreadApplicationId', () => {
	const empty = ['', '', '', '', '', ''];

	it('spreads all 23 digits typed or pasted into the first box over every box', () => {
		expect(
			spreadApplicationId({ groups: empty, index: 0, typed: '12345678901234567890123' })
		).toEqual({ groups: ['1234', '5678', '9012', '3456', '7890', '123'], focus: 5 });
	});

	it('moves on to the next box when typing goes past a full box', () => {
		const typedFour = spreadApplicationId({ groups: empty, index: 0, typed: '1234' });
		expect(typedFour).toEqual({ groups: ['1234', '', '', '', '', ''], focus: 0 });
		expect(spreadApplicationId({ groups: typedFour.groups, index: 0, typed: '12345' })).toEqual({
			groups: ['1234', '5', '', '', '', ''],
			focus: 1
		});
	});

	it('accepts full-width digits, spaces and hyphens as pasted from elsewhere', () => {
		expect(
			spreadApplicationId({ groups: empty, index: 0, typed: '１２３４-５６７８ 9012' }).groups
		).toEqual(['1234', '5678', '9012', '', '', '']);
	});

	it('keeps extra digits in the last box, and text that is not digits as typed', () => {
		const long = spreadApplicationId({ groups: empty, index: 0, typed: '1'.repeat(25) });
		expect(long.groups[5]).toBe('11111');
		expect(long.focus).toBe(5);
		expect(spreadApplicationId({ groups: empty, index: 2, typed: '12a' })).toEqual({
			groups: ['', '', '12a', '', '', ''],
			focus: 2
		});
	});
});
