import holidayJp from '@holiday-jp/holiday_jp';
import { RRule, Weekday, datetime } from 'rrule';
import { parseIsoDate } from './calendar-date';
import type { SeriesRule, weekdays } from './series';

// The dates of a series, apart from its schemas: rrule and the 祝日 data are for the class
// form's preview (and its tests) only, never for the sync code the service worker runs.

/** A date the rule gave that is not held, and why. */
export type SkippedDate = {
	date: string;
	reason: 'holiday' | 'closed';
	/** The 祝日's name, in Japanese and in English. */
	holiday?: { ja: string; en: string };
};

/** The 祝日 on a day (`YYYY-MM-DD`), from the holiday-jp data, or undefined. */
export function holidayOn(date: string): { ja: string; en: string } | undefined {
	const holidays = holidayJp.holidays as Record<string, { name: string; name_en: string }>;
	const found = holidays[date];
	return found ? { ja: found.name, en: found.name_en } : undefined;
}

const rruleDays: Record<(typeof weekdays)[number], Weekday> = {
	mo: RRule.MO,
	tu: RRule.TU,
	we: RRule.WE,
	th: RRule.TH,
	fr: RRule.FR,
	sa: RRule.SA,
	su: RRule.SU
};

// Enough candidates for every skip a year can hold, and never an endless scan.
const maxCandidates = 400;

/**
 * The dates a rule holds, in order, and the dates it skipped (祝日, closed days), as the form's
 * preview shows them before saving. rrule computes the dates; days are calendar days (UTC
 * midnights stand for the day in Japan, so no time zone moves one).
 */
export function seriesDates(rule: SeriesRule): { held: string[]; skipped: SkippedDate[] } {
	const first = parseIsoDate(rule.firstDate);
	if (!first) return { held: [], skipped: [] };
	const day = rruleDays[rule.weekday];
	const recurrence = new RRule({
		freq: rule.frequency === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY,
		interval: rule.frequency === 'weekly' ? rule.interval : 1,
		byweekday: rule.frequency === 'weekly' ? [day] : rule.nth.map((n) => day.nth(n)),
		dtstart: datetime(first.year, first.month, first.day)
	});
	const closed = new Set(rule.closedDates);
	const held: string[] = [];
	const skipped: SkippedDate[] = [];
	recurrence.all((date, index) => {
		if (index >= maxCandidates) return false;
		const iso = date.toISOString().slice(0, 10);
		const holiday = rule.skipHolidays ? holidayOn(iso) : undefined;
		if (closed.has(iso)) skipped.push({ date: iso, reason: 'closed' });
		else if (holiday) skipped.push({ date: iso, reason: 'holiday', holiday });
		else held.push(iso);
		return held.length < rule.sessions;
	});
	return { held, skipped };
}
