import {
	ageOn,
	compareDates,
	daysInMonth,
	nextDay,
	sameDayInYear,
	subtractMonths,
	type DateParts
} from './calendar-date';

/**
 * How long a マイナンバーカード and its 電子証明書 are valid, and when they can be renewed
 * (sources: src/lib/components/mynumber/sources.ts, ids in brackets):
 * - the card: until the 10th birthday after the day it was made (発行日) when the holder was 18
 *   or over on that day, the 5th when under 18 [yonago, matsudo]. The age was 20 for
 *   applications that J-LIS received before 1 April 2022: the application date decides, not
 *   the issue date [himeji, kobe];
 * - a 電子証明書: until the 5th birthday after it was issued, or the card's expiry if that comes
 *   first [fujinomiya]; one renewed in the last 3 months before its expiry runs to the 6th
 *   birthday after the renewal instead [jpkiPeriod, higashimurayama]; after it expires, the card
 *   still serves as a health insurance card to the end of the third month after [izumo];
 * - renewal opens on the day after the date 3 months before the expiry date: expiry 15 June,
 *   renewal from 16 March [koshigaya, tokorozawa].
 * "After" means strictly after: a birthday on the day of issue does not count. The 発行日 is the
 * day J-LIS made the card; it is printed nowhere, while the card's expiry date is printed on it.
 */

/** From this day of receiving an application, 18 (not 20) was the age for a 10-year card. */
export const adultAgeChange: DateParts = { year: 2022, month: 4, day: 1 };

/** How many months before expiry renewal opens (on the day after that date). */
export const renewalMonthsBefore = 3;

/**
 * An application waits weeks for its card, not a year: a card made a year or more after the
 * change cannot come from an application received before it.
 */
const lastIssueFromOldApplications: DateParts = { year: 2023, month: 3, day: 31 };

/**
 * The n-th birthday strictly after a day. A 29 February birthday falls on 28 February in
 * common years (the holder's age changes at the end of 28 February). Only the month and day of
 * `birth` count, so any date on the birthday will do.
 */
export function nthBirthdayAfter(birth: DateParts, after: DateParts, n: number): DateParts {
	const thisYear = sameDayInYear(birth, after.year);
	const firstYear = compareDates(thisYear, after) > 0 ? after.year : after.year + 1;
	return sameDayInYear(birth, firstYear + n - 1);
}

/** The earlier of two dates. */
function earlier(a: DateParts, b: DateParts): DateParts {
	return compareDates(a, b) <= 0 ? a : b;
}

/**
 * The first day renewal is possible: the day after the date 3 months before expiry. A date
 * missing from the shorter month is its last day (expiry 31 May → 28 February → 1 March).
 */
export function renewalOpensOn(expiry: DateParts): DateParts {
	return nextDay(subtractMonths(expiry, renewalMonthsBefore));
}

/** The card's expiry, and what decided it. */
export type CardTerm = {
	expiry: DateParts;
	/** A 10-year card (adult on the day it was made) or a 5-year card. */
	years: 10 | 5;
	/** The age the rule looked at: 20 for applications received before April 2022, else 18. */
	adultAge: 18 | 20;
	/**
	 * Set when only the issue date is known and it matters when J-LIS received the
	 * application (18 or 19 when the card was made, soon after April 2022): the expiry the card
	 * has if the application arrived before 1 April 2022.
	 */
	ifAppliedBeforeChange?: DateParts;
};

/**
 * The card's expiry from the birth date and the day the card was made. The application date,
 * when known, decides whether 18 or 20 was the adult age; without it, a card made before
 * April 2022 came from an older application.
 */
export function cardTerm({
	birthDate,
	issueDate,
	applicationDate
}: {
	birthDate: DateParts;
	issueDate: DateParts;
	applicationDate?: DateParts;
}): CardTerm {
	const appliedBeforeChange = compareDates(applicationDate ?? issueDate, adultAgeChange) < 0;
	const adultAge = appliedBeforeChange ? 20 : 18;
	const age = ageOn(birthDate, issueDate);
	const years = age >= adultAge ? 10 : 5;
	const term: CardTerm = { expiry: nthBirthdayAfter(birthDate, issueDate, years), years, adultAge };
	const uncertain =
		!applicationDate &&
		!appliedBeforeChange &&
		(age === 18 || age === 19) &&
		compareDates(issueDate, lastIssueFromOldApplications) <= 0;
	if (uncertain) term.ifAppliedBeforeChange = nthBirthdayAfter(birthDate, issueDate, 5);
	return term;
}

/** The expiry of the 電子証明書 put on a card on the day it was made. */
export function firstCertificateExpiry({
	birthDate,
	issueDate,
	cardExpiry
}: {
	birthDate: DateParts;
	issueDate: DateParts;
	cardExpiry: DateParts;
}): DateParts {
	return earlier(nthBirthdayAfter(birthDate, issueDate, 5), cardExpiry);
}

/**
 * The expiry of a 電子証明書 renewed on a given day: the 5th birthday after the renewal, the
 * 6th when renewed within the last 3 months before the old certificate's expiry, and never
 * after the card's expiry. `birthday` needs only the right month and day; the old expiry date
 * is one (for 29 February birthdays it says 28 February, which errs a day early).
 */
export function renewedCertificateExpiry({
	birthday,
	previousExpiry,
	renewedOn,
	cardExpiry
}: {
	birthday: DateParts;
	previousExpiry: DateParts;
	renewedOn: DateParts;
	cardExpiry: DateParts;
}): DateParts {
	const inWindow =
		compareDates(renewedOn, renewalOpensOn(previousExpiry)) >= 0 &&
		compareDates(renewedOn, previousExpiry) <= 0;
	return earlier(nthBirthdayAfter(birthday, renewedOn, inWindow ? 6 : 5), cardExpiry);
}

/** Where a card or a certificate stands on a day. */
export type RenewalState =
	| { state: 'valid'; expiry: DateParts; opensOn: DateParts }
	| { state: 'open'; expiry: DateParts; opensOn: DateParts }
	| { state: 'expired'; expiry: DateParts };

/**
 * Valid (renewal not open yet), open for renewal (through the expiry date itself, the last
 * valid day), or expired (from the day after the expiry date).
 */
export function renewalState({
	expiry,
	today
}: {
	expiry: DateParts;
	today: DateParts;
}): RenewalState {
	if (compareDates(today, expiry) > 0) return { state: 'expired', expiry };
	const opensOn = renewalOpensOn(expiry);
	return compareDates(today, opensOn) >= 0
		? { state: 'open', expiry, opensOn }
		: { state: 'valid', expiry, opensOn };
}

/**
 * The last day an expired certificate still lets the card serve as a health insurance card:
 * the end of the third month after the month of expiry [izumo].
 */
export function insuranceGraceEnd(expiry: DateParts): DateParts {
	const index = expiry.year * 12 + (expiry.month - 1) + 3;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return { year, month, day: daysInMonth(year, month) };
}

/** The dates read from the card and the notice, and where each stands today. */
export type PrintedDates = {
	card: RenewalState;
	/** Present when the certificate's expiry date was given. */
	certificate?: RenewalState;
	/**
	 * For a card made at 18 or over, the first certificate ran to the same day 5 years before
	 * the card's expiry; shown as a guide when the certificate's own date is not known.
	 */
	firstCertificateGuide: DateParts;
};

/** Why the dates do not fit together. */
export type DatesProblem = 'issue-before-birth' | 'certificate-after-card';

/**
 * Works from what a resident can read: the card's printed expiry and, when known, the
 * certificate's (from the 有効期限通知書 or the card's handwritten field).
 */
export function fromPrintedDates({
	cardExpiry,
	certificateExpiry,
	today
}: {
	cardExpiry: DateParts;
	certificateExpiry?: DateParts;
	today: DateParts;
}): { ok: true; dates: PrintedDates } | { ok: false; problem: DatesProblem } {
	if (certificateExpiry && compareDates(certificateExpiry, cardExpiry) > 0) {
		return { ok: false, problem: 'certificate-after-card' };
	}
	return {
		ok: true,
		dates: {
			card: renewalState({ expiry: cardExpiry, today }),
			...(certificateExpiry
				? { certificate: renewalState({ expiry: certificateExpiry, today }) }
				: {}),
			firstCertificateGuide: sameDayInYear(cardExpiry, cardExpiry.year - 5)
		}
	};
}

/** An estimate from the birth date and a rough date the card was made (or received). */
export type Estimate = {
	card: CardTerm;
	cardState: RenewalState;
	/** The certificate put on the card when it was made (if never renewed). */
	certificateState: RenewalState;
	/**
	 * Set when a birthday fell in the 2 months before the date given: a card made before that
	 * birthday expires a year earlier, on these days.
	 */
	ifMadeEarlier?: { cardExpiry: DateParts; certificateExpiry: DateParts };
};

/** How long before the day it is received a card may have been made. */
const madeBeforeReceivedMonths = 2;

/**
 * The estimate path: the 発行日 is not printed on the card, so the date given is the day it was
 * received or roughly when it was made; the answers are a guide, and an earlier pair is given
 * when the real 発行日 may have come before a birthday.
 */
export function estimateFromIssue({
	birthDate,
	issueDate,
	today
}: {
	birthDate: DateParts;
	issueDate: DateParts;
	today: DateParts;
}): { ok: true; estimate: Estimate } | { ok: false; problem: DatesProblem } {
	if (compareDates(issueDate, birthDate) < 0) return { ok: false, problem: 'issue-before-birth' };
	const expiries = (issue: DateParts) => {
		const card = cardTerm({ birthDate, issueDate: issue });
		const certificate = firstCertificateExpiry({
			birthDate,
			issueDate: issue,
			cardExpiry: card.expiry
		});
		return { card, certificate };
	};
	const { card, certificate } = expiries(issueDate);
	const madeEarlier = subtractMonths(issueDate, madeBeforeReceivedMonths);
	const early = compareDates(madeEarlier, birthDate) >= 0 ? expiries(madeEarlier) : null;
	const differs =
		early &&
		(compareDates(early.card.expiry, card.expiry) !== 0 ||
			compareDates(early.certificate, certificate) !== 0);
	return {
		ok: true,
		estimate: {
			card,
			cardState: renewalState({ expiry: card.expiry, today }),
			certificateState: renewalState({ expiry: certificate, today }),
			...(early && differs
				? { ifMadeEarlier: { cardExpiry: early.card.expiry, certificateExpiry: early.certificate } }
				: {})
		}
	};
}
