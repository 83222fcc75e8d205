import { describe, expect, it } from 'vitest';
import {
	cardTerm,
	estimateFromIssue,
	firstCertificateExpiry,
	fromPrintedDates,
	insuranceGraceEnd,
	nthBirthdayAfter,
	renewalOpensOn,
	renewalState,
	renewedCertificateExpiry
} from '$lib/domain/card-validity';

const day = (year: number, month: number, date: number) => ({ year, month, day: date });

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

		it('puts a 29 February birthday on 28 February in common years', () => {
			expect(nthBirthdayAfter(day(1960, 2, 29), day(2026, 4, 1), 5)).toEqual(day(2031, 2, 28));
			expect(nthBirthdayAfter(day(1960, 2, 29), day(2026, 4, 1), 10)).toEqual(day(2036, 2, 29));
		});
	});

	describe('renewalOpensOn', () => {
		it('is the day after the date 3 months before expiry (the towns’ own example)', () => {
			expect(renewalOpensOn(day(2026, 6, 15))).toEqual(day(2026, 3, 16));
			expect(renewalOpensOn(day(2025, 5, 26))).toEqual(day(2025, 2, 27));
		});

		it('moves into the next month when 3 months before is a month’s last day', () => {
			// 31 May − 3 months = 28 February (29 in a leap year); renewal opens on 1 March.
			expect(renewalOpensOn(day(2027, 5, 31))).toEqual(day(2027, 3, 1));
			expect(renewalOpensOn(day(2028, 5, 31))).toEqual(day(2028, 3, 1));
			expect(renewalOpensOn(day(2027, 5, 29))).toEqual(day(2027, 3, 1));
			expect(renewalOpensOn(day(2028, 5, 29))).toEqual(day(2028, 3, 1));
			expect(renewalOpensOn(day(2028, 5, 28))).toEqual(day(2028, 2, 29));
			// 30 November − 3 months = 30 August; renewal opens on 31 August.
			expect(renewalOpensOn(day(2027, 11, 30))).toEqual(day(2027, 8, 31));
		});

		it('crosses the year', () => {
			expect(renewalOpensOn(day(2027, 3, 31))).toEqual(day(2027, 1, 1));
			expect(renewalOpensOn(day(2027, 2, 28))).toEqual(day(2026, 11, 29));
		});
	});

	describe('cardTerm', () => {
		it('gives a card made at 18 or over 10 birthdays, under 18 five', () => {
			expect(cardTerm({ birthDate: day(1950, 6, 1), issueDate: day(2026, 4, 1) })).toEqual({
				expiry: day(2035, 6, 1),
				years: 10,
				adultAge: 18
			});
			const young = cardTerm({ birthDate: day(2010, 9, 15), issueDate: day(2026, 4, 1) });
			expect(young.years).toBe(5);
			expect(young.expiry).toEqual(day(2030, 9, 15));
		});

		it('counts 18 from the birthday itself', () => {
			expect(cardTerm({ birthDate: day(2008, 4, 1), issueDate: day(2026, 4, 1) }).years).toBe(10);
			expect(cardTerm({ birthDate: day(2008, 4, 2), issueDate: day(2026, 4, 1) }).years).toBe(5);
		});

		it('takes the adult age from the application date, not the issue date', () => {
			// 19 when the card was made in April 2022: the application date decides.
			const birthDate = day(2003, 1, 10);
			const issueDate = day(2022, 4, 20);
			const before = cardTerm({ birthDate, issueDate, applicationDate: day(2022, 3, 25) });
			expect(before).toEqual({ expiry: day(2027, 1, 10), years: 5, adultAge: 20 });
			const after = cardTerm({ birthDate, issueDate, applicationDate: day(2022, 4, 1) });
			expect(after).toEqual({ expiry: day(2032, 1, 10), years: 10, adultAge: 18 });
		});

		it('knows a card made before April 2022 came from an application before it', () => {
			const term = cardTerm({ birthDate: day(2003, 1, 10), issueDate: day(2022, 3, 31) });
			expect(term).toEqual({ expiry: day(2027, 1, 10), years: 5, adultAge: 20 });
		});

		it('gives both answers when only the issue date is known and the application may be older', () => {
			const term = cardTerm({ birthDate: day(2003, 1, 10), issueDate: day(2022, 4, 20) });
			expect(term.expiry).toEqual(day(2032, 1, 10));
			expect(term.ifAppliedBeforeChange).toEqual(day(2027, 1, 10));
			// A card made at 20 or over, or long after the change, has one answer.
			expect(
				cardTerm({ birthDate: day(2001, 1, 10), issueDate: day(2022, 4, 20) }).ifAppliedBeforeChange
			).toBeUndefined();
			expect(
				cardTerm({ birthDate: day(2005, 1, 10), issueDate: day(2024, 4, 20) }).ifAppliedBeforeChange
			).toBeUndefined();
		});
	});

	describe('firstCertificateExpiry', () => {
		it('runs to the 5th birthday after issue', () => {
			expect(
				firstCertificateExpiry({
					birthDate: day(1950, 3, 15),
					issueDate: day(2021, 6, 1),
					cardExpiry: day(2031, 3, 15)
				})
			).toEqual(day(2026, 3, 15));
		});

		it('never outlasts the card', () => {
			// A card that ends sooner (a resident's period of stay, say) ends its certificate.
			expect(
				firstCertificateExpiry({
					birthDate: day(1990, 5, 1),
					issueDate: day(2026, 5, 2),
					cardExpiry: day(2028, 9, 30)
				})
			).toEqual(day(2028, 9, 30));
		});
	});

	describe('renewedCertificateExpiry', () => {
		const cardExpiry = day(2031, 3, 15);
		const previousExpiry = day(2026, 3, 15);

		it('runs to the 5th birthday after a renewal made after expiry, capped by the card', () => {
			expect(
				renewedCertificateExpiry({
					birthday: previousExpiry,
					previousExpiry,
					renewedOn: day(2026, 12, 6),
					cardExpiry: day(2040, 1, 1)
				})
			).toEqual(day(2031, 3, 15));
			expect(
				renewedCertificateExpiry({
					birthday: previousExpiry,
					previousExpiry,
					renewedOn: day(2026, 12, 6),
					cardExpiry: day(2029, 3, 15)
				})
			).toEqual(day(2029, 3, 15));
		});

		it('runs to the 6th birthday when renewed in the 3 months before expiry', () => {
			// Renewed on 1 February 2026: the birthday on 15 March 2026 is the first after it.
			expect(
				renewedCertificateExpiry({
					birthday: previousExpiry,
					previousExpiry,
					renewedOn: day(2026, 2, 1),
					cardExpiry: day(2040, 1, 1)
				})
			).toEqual(day(2031, 3, 15));
			expect(
				renewedCertificateExpiry({
					birthday: previousExpiry,
					previousExpiry,
					renewedOn: day(2026, 2, 1),
					cardExpiry
				})
			).toEqual(cardExpiry);
		});
	});

	describe('renewalState', () => {
		const expiry = day(2026, 6, 15);

		it('is valid before renewal opens, with the day it opens', () => {
			expect(renewalState({ expiry, today: day(2026, 3, 15) })).toEqual({
				state: 'valid',
				expiry,
				opensOn: day(2026, 3, 16)
			});
		});

		it('is open from the day renewal opens through the expiry date', () => {
			expect(renewalState({ expiry, today: day(2026, 3, 16) }).state).toBe('open');
			expect(renewalState({ expiry, today: expiry }).state).toBe('open');
		});

		it('is expired from the day after the expiry date', () => {
			expect(renewalState({ expiry, today: day(2026, 6, 16) })).toEqual({
				state: 'expired',
				expiry
			});
		});
	});

	describe('insuranceGraceEnd', () => {
		it('is the end of the third month after the expiry month', () => {
			expect(insuranceGraceEnd(day(2026, 3, 15))).toEqual(day(2026, 6, 30));
			expect(insuranceGraceEnd(day(2026, 11, 30))).toEqual(day(2027, 2, 28));
			expect(insuranceGraceEnd(day(2027, 11, 1))).toEqual(day(2028, 2, 29));
		});
	});

	describe('fromPrintedDates', () => {
		const today = day(2026, 12, 6);

		it('reads a valid card and an expired certificate (a senior born in 昭和25)', () => {
			const result = fromPrintedDates({
				cardExpiry: day(2031, 3, 15),
				certificateExpiry: day(2026, 3, 15),
				today
			});
			expect(result).toEqual({
				ok: true,
				dates: {
					card: { state: 'valid', expiry: day(2031, 3, 15), opensOn: day(2030, 12, 16) },
					certificate: { state: 'expired', expiry: day(2026, 3, 15) },
					firstCertificateGuide: day(2026, 3, 15)
				}
			});
		});

		it('works with the card’s date alone', () => {
			const result = fromPrintedDates({ cardExpiry: day(2027, 2, 1), today });
			expect(result.ok && result.dates.card.state).toBe('open');
			expect(result.ok && result.dates.certificate).toBeUndefined();
		});

		it('refuses a certificate that outlasts the card', () => {
			expect(
				fromPrintedDates({ cardExpiry: day(2030, 1, 1), certificateExpiry: day(2031, 1, 1), today })
			).toEqual({ ok: false, problem: 'certificate-after-card' });
		});
	});

	describe('estimateFromIssue', () => {
		it('estimates the card and the first certificate with their states', () => {
			const result = estimateFromIssue({
				birthDate: day(1950, 3, 15),
				issueDate: day(2021, 6, 1),
				today: day(2026, 12, 6)
			});
			if (!result.ok) throw new Error(result.problem);
			expect(result.estimate.card.expiry).toEqual(day(2031, 3, 15));
			expect(result.estimate.cardState.state).toBe('valid');
			expect(result.estimate.certificateState).toEqual({
				state: 'expired',
				expiry: day(2026, 3, 15)
			});
			expect(result.estimate.ifMadeEarlier).toBeUndefined();
		});

		it('gives the year-earlier dates when a birthday came just before the date given', () => {
			// Received on 5 June, birthday 1 June: a card made in May expires a year earlier.
			const result = estimateFromIssue({
				birthDate: day(1950, 6, 1),
				issueDate: day(2021, 6, 5),
				today: day(2026, 12, 6)
			});
			if (!result.ok) throw new Error(result.problem);
			expect(result.estimate.card.expiry).toEqual(day(2031, 6, 1));
			expect(result.estimate.ifMadeEarlier).toEqual({
				cardExpiry: day(2030, 6, 1),
				certificateExpiry: day(2025, 6, 1)
			});
		});

		it('refuses an issue date before the birth date', () => {
			expect(
				estimateFromIssue({
					birthDate: day(2000, 1, 1),
					issueDate: day(1999, 1, 1),
					today: day(2026, 12, 6)
				})
			).toEqual({ ok: false, problem: 'issue-before-birth' });
		});
	});
});
