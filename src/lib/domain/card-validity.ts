import {
	ageOn,
	compareDates,
	sameDayInYear,
	subtractMonths,
	type DateParts
} from './calendar-date';

/**
 * How long a マイナンバーカード and its 電子証明書 are valid (番号法施行規則 and J-LIS):
 * - the card: until the 10th birthday after issue when the holder was 18 or over on the day of
 *   issue, the 5th when under 18 (before 1 April 2022 the age was 20);
 * - the 電子証明書: until the 5th birthday after issue, at any age;
 * - renewal opens 3 months before the expiry date.
 * "After issue" means strictly after: a birthday on the day of issue does not count.
 */

/** Adulthood for the card's 10-year validity was lowered from 20 to 18 on this day. */
const adultAgeChange: DateParts = { year: 2022, month: 4, day: 1 };

/** How many months before expiry renewal opens. */
export const renewalMonthsBefore = 3;

/** The expiry and renewal dates worked out from a birth date and an issue date. */
export type Validity = {
	/** Whether the holder counted as an adult on the day of issue (10-year card). */
	adultAtIssue: boolean;
	/** The age the card's rule looked at (18, or 20 before April 2022). */
	adultAge: number;
	cardExpiry: DateParts;
	cardRenewalFrom: DateParts;
	certificateExpiry: DateParts;
	certificateRenewalFrom: DateParts;
};

/** Why the dates could not be worked out. */
export type ValidityProblem = 'issue-before-birth';

/**
 * The n-th birthday strictly after a day. A 29 February birthday falls on 28 February in
 * common years (the holder's age changes at the end of 28 February).
 */
export function nthBirthdayAfter(birth: DateParts, after: DateParts, n: number): DateParts {
	const thisYear = sameDayInYear(birth, after.year);
	const firstYear = compareDates(thisYear, after) > 0 ? after.year : after.year + 1;
	return sameDayInYear(birth, firstYear + n - 1);
}

/** Works out the card's and the certificate's expiry and renewal dates. */
export function computeValidity({
	birthDate,
	issueDate
}: {
	birthDate: DateParts;
	issueDate: DateParts;
}): { ok: true; validity: Validity } | { ok: false; problem: ValidityProblem } {
	if (compareDates(issueDate, birthDate) < 0) return { ok: false, problem: 'issue-before-birth' };
	const adultAge = compareDates(issueDate, adultAgeChange) >= 0 ? 18 : 20;
	const adultAtIssue = ageOn(birthDate, issueDate) >= adultAge;
	const cardExpiry = nthBirthdayAfter(birthDate, issueDate, adultAtIssue ? 10 : 5);
	const certificateExpiry = nthBirthdayAfter(birthDate, issueDate, 5);
	return {
		ok: true,
		validity: {
			adultAtIssue,
			adultAge,
			cardExpiry,
			cardRenewalFrom: subtractMonths(cardExpiry, renewalMonthsBefore),
			certificateExpiry,
			certificateRenewalFrom: subtractMonths(certificateExpiry, renewalMonthsBefore)
		}
	};
}
