/**
 * Dates without a time or a time zone (a birthday, an issue date), as `YYYY-MM-DD` strings
 * and `{ year, month, day }` parts. Pure arithmetic on the proleptic Gregorian calendar, so the
 * answer never depends on the device's clock or time zone.
 */

/** A calendar date's parts; `month` is 1–12. */
export type DateParts = { year: number; month: number; day: number };

/** True for leap years of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True if the parts name a real day (no 31 April, no 29 February in 2023). */
export function isValidDate({ year, month, day }: DateParts): boolean {
	return (
		Number.isInteger(year) &&
		Number.isInteger(month) &&
		Number.isInteger(day) &&
		year >= 1 &&
		year <= 9999 &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysInMonth(year, month)
	);
}

/** Reads `YYYY-MM-DD` (as an `<input type="date">` gives it); null when it is not a real day. */
export function parseIsoDate(text: string): DateParts | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	if (!match) return null;
	const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
	return isValidDate(parts) ? parts : null;
}

/** Writes a date as `YYYY-MM-DD`. */
export function toIsoDate({ year, month, day }: DateParts): string {
	const pad = (value: number, width: number) => String(value).padStart(width, '0');
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Compares two dates: negative when `a` is earlier, 0 when the same day, positive when later. */
export function compareDates(a: DateParts, b: DateParts): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The same month and day in another year. A 29 February falls on 28 February in common years,
 * as 年齢計算ニ関スル法律 counts a year of age as ending on the day before the birthday.
 */
export function sameDayInYear(date: DateParts, year: number): DateParts {
	return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) };
}

/** The date some months earlier, kept inside a shorter month (31 May − 3 months = 28/29 Feb). */
export function subtractMonths(date: DateParts, months: number): DateParts {
	const index = date.year * 12 + (date.month - 1) - months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** The next calendar day (31 December → 1 January of the next year). */
export function nextDay({ year, month, day }: DateParts): DateParts {
	if (day < daysInMonth(year, month)) return { year, month, day: day + 1 };
	return month < 12 ? { year, month: month + 1, day: 1 } : { year: year + 1, month: 1, day: 1 };
}

/** Whole years of age on a day, counting a birthday from the day itself. */
export function ageOn(birth: DateParts, on: DateParts): number {
	const years = on.year - birth.year;
	const birthdayThisYear = sameDayInYear(birth, on.year);
	return compareDates(on, birthdayThisYear) >= 0 ? years : years - 1;
}
