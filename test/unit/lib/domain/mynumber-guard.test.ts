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

		it('weights every one of the 11 positions as the 総務省令 says', () => {
			// Position i from the left is P(11 − i); its weight Q is n + 1 up to n = 6, then n − 5.
			const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
			weights.forEach((weight, index) => {
				const digits = '00000000000'.slice(0, index) + '1' + '00000000000'.slice(index + 1);
				const remainder = weight % 11;
				expect(individualNumberCheckDigit(digits), `position ${index + 1}`).toBe(
					remainder <= 1 ? 0 : 11 - remainder
				);
			});
		});
	});

	describe('isIndividualNumber', () => {
		it('notices a changed digit in every position of a valid number', () => {
			const number = '123456789018';
			for (let index = 0; index < 12; index += 1) {
				const changed =
					number.slice(0, index) +
					String((Number(number[index]) + 1) % 10) +
					number.slice(index + 1);
				expect(isIndividualNumber(changed), `digit ${index + 1} changed: ${changed}`).toBe(false);
			}
		});

		it('accepts known valid numbers and refuses their neighbours', () => {
			// Each built by hand from the 総務省令 formula, not by the function under test.
			for (const [valid, wrong] of <Array<[string, string]>>[
				['123456789018', '123456789019'],
				['000000000000', '000000000001'],
				['100000000005', '100000000006'],
				['000010000009', '000010000000']
			]) {
				expect(isIndividualNumber(valid), valid).toBe(true);
				expect(isIndividualNumber(wrong), wrong).toBe(false);
			}
		});

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
			['メモ: 1234　5678　9018 を書いてしまった'],
			['１２３４－５６７８－９０１８'],
			['1234‐5678‐9018'],
			['1234 − 5678 − 9018'],
			['ｶｰﾄﾞ 123456789018']
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
