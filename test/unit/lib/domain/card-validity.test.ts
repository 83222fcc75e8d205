import { describe, expect, it } from 'vitest';
import { computeValidity, nthBirthdayAfter } from '$lib/domain/card-validity';

const day = (year: number, month: number, date: number) => ({ year, month, day: date });

function validity(birthDate: ReturnType<typeof day>, issueDate: ReturnType<typeof day>) {
	const result = computeValidity({ birthDate, issueDate });
	if (!result.ok) throw new Error(result.problem);
	return result.validity;
}

describe('card-validity', () => {
	describe('nthBirthdayAfter', () => {
		it('counts the birthday later in the year of issue as the first', () => {
			expect(nthBirthdayAfter(day(1950, 6, 1), day(2026, 4, 1), 10)).toEqual(day(2035, 6, 1));
		});

		it('starts counting next year when the birthday has passed', () => {
			expect(nthBirthdayAfter(day(1950, 3, 1), day(2026, 4, 1), 10)).toEqual(day(2036, 3, 1));
		});

		it('does not count a birthday on the day of issue', () => {
			expect(nthBirthdayAfter(day(1950, 4, 1), day(2026, 4, 1), 5)).toEqual(day(2031, 4, 1));
		});
	});

	describe('computeValidity', () => {
		it('gives an adult card 10 birthdays and the certificate 5', () => {
			const result = validity(day(1950, 6, 1), day(2026, 4, 1));
			expect(result.adultAtIssue).toBe(true);
			expect(result.cardExpiry).toEqual(day(2035, 6, 1));
			expect(result.certificateExpiry).toEqual(day(2030, 6, 1));
		});

		it('opens renewal 3 months before each expiry', () => {
			const result = validity(day(1950, 6, 1), day(2026, 4, 1));
			expect(result.cardRenewalFrom).toEqual(day(2035, 3, 1));
			expect(result.certificateRenewalFrom).toEqual(day(2030, 3, 1));
		});

		it('gives a card issued under 18 five birthdays', () => {
			const result = validity(day(2010, 9, 15), day(2026, 4, 1));
			expect(result.adultAtIssue).toBe(false);
			expect(result.cardExpiry).toEqual(day(2030, 9, 15));
			expect(result.certificateExpiry).toEqual(day(2030, 9, 15));
		});

		it('counts 18 from the birthday itself', () => {
			expect(validity(day(2008, 4, 1), day(2026, 4, 1)).adultAtIssue).toBe(true);
			expect(validity(day(2008, 4, 2), day(2026, 4, 1)).adultAtIssue).toBe(false);
		});

		it('used 20 as the adult age before April 2022', () => {
			const before = validity(day(2002, 1, 10), day(2022, 3, 31));
			expect(before.adultAge).toBe(20);
			expect(before.adultAtIssue).toBe(true);
			const nineteen = validity(day(2003, 1, 10), day(2022, 3, 31));
			expect(nineteen.adultAtIssue).toBe(false);
			expect(nineteen.cardExpiry).toEqual(day(2027, 1, 10));
			const after = validity(day(2003, 1, 10), day(2022, 4, 1));
			expect(after.adultAge).toBe(18);
			expect(after.adultAtIssue).toBe(true);
		});

		it('puts a 29 February birthday on 28 February in common years', () => {
			const result = validity(day(1960, 2, 29), day(2026, 4, 1));
			// Birthdays after issue: 2027 (1st) … 2031 (5th) … 2036 (10th, a leap year).
			expect(result.certificateExpiry).toEqual(day(2031, 2, 28));
			expect(result.cardExpiry).toEqual(day(2036, 2, 29));
			expect(result.certificateRenewalFrom).toEqual(day(2030, 11, 28));
			expect(result.cardRenewalFrom).toEqual(day(2035, 11, 29));
		});

		it('counts a 29 February issue correctly for a 28 February birthday', () => {
			// Issued on 29 Feb 2024, the birthday on 28 Feb 2024 has passed.
			expect(validity(day(1970, 2, 28), day(2024, 2, 29)).certificateExpiry).toEqual(
				day(2029, 2, 28)
			);
		});

		it('refuses an issue date before the birth date', () => {
			expect(computeValidity({ birthDate: day(2000, 1, 1), issueDate: day(1999, 1, 1) })).toEqual({
				ok: false,
				problem: 'issue-before-birth'
			});
		});
	});
});
