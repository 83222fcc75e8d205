import { describe, expect, it } from 'vitest';
import {
	containsIndividualNumber,
	individualNumberCheckDigit,
	isIndividualNumber,
	normaliseDigits
} from '$lib/domain/mynumber-guard';

/** Builds a valid 個人番号 from 11 digits by appending the check digit. */
const valid = (first11: string) => first11 + individualNumberCheckDigit(first11);

describe('mynumber-guard', () => {
	describe('individualNumberCheckDigit', () => {
		it('computes the 総務省令 check digit (the published sample 1234 5678 9018)', () => {
			expect(individualNumberCheckDigit('12345678901')).toBe(8);
		});

		it('gives 0 when the remainder is 0 or 1', () => {
			// 00000000000: sum 0, remainder 0 → 0.
			expect(individualNumberCheckDigit('00000000000')).toBe(0);
			// 10000000000: P11 = 1, Q11 = 6 → sum 6 → 11 − 6 = 5.
			expect(individualNumberCheckDigit('10000000000')).toBe(5);
			// 00000000010: P2 = 1, Q2 = 3 → 11 − 3 = 8.
			expect(individualNumberCheckDigit('00000000010')).toBe(8);
		});

		it('weights the digits 2…7 then 2…6 from the right', () => {
			// Only P1 (rightmost of the 11) = 5: sum 5 × 2 = 10 → 11 − 10 = 1.
			expect(individualNumberCheckDigit('00000000005')).toBe(1);
			// Only P7 = 1: Q7 = 2 → 9.
			expect(individualNumberCheckDigit('00001000000')).toBe(9);
		});
	});

	describe('isIndividualNumber', () => {
		it('accepts 12 digits with the right check digit', () => {
			expect(isIndividualNumber('123456789018')).toBe(true);
			expect(isIndividualNumber(valid('98765432109'))).toBe(true);
		});

		it('refuses a wrong check digit, other lengths and non-digits', () => {
			expect(isIndividualNumber('123456789017')).toBe(false);
			expect(isIndividualNumber('12345678901')).toBe(false);
			expect(isIndividualNumber('1234567890180')).toBe(false);
			expect(isIndividualNumber('12345678901a')).toBe(false);
		});
	});

	describe('normaliseDigits', () => {
		it('turns full-width digits into ASCII and drops spaces and hyphens of every width', () => {
			expect(normaliseDigits('１２３４　５６７８－９０１８')).toBe('123456789018');
			expect(normaliseDigits('1234-5678‐9018')).toBe('123456789018');
		});
	});

	describe('containsIndividualNumber', () => {
		it.each([
			['123456789018'],
			['1234 5678 9018'],
			['１２３４ ５６７８ ９０１８'],
			['番号は1234-5678-9018です'],
			['メモ: 1234　5678　9018 を書いてしまった']
		])('finds one in %j', (text) => {
			expect(containsIndividualNumber(text)).toBe(true);
		});

		it.each([
			['090-1234-5678'],
			['123456789017'],
			['郵便番号 000-0000、電話 000-000-0000'],
			// Two phone numbers written together make a 21-digit run, not a 個人番号.
			['09012345678 0312345678'],
			['12月3日 午前10時']
		])('leaves %j alone', (text) => {
			expect(containsIndividualNumber(text)).toBe(false);
		});
	});
});
