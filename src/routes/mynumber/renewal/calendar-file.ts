import { calendarFile } from '$lib/calendar-file';
import { compareDates, type DateParts } from '$lib/domain/calendar-date';
import type { RenewalState } from '$lib/domain/card-validity';

/** What a reminder is about. */
export type RenewalItem = 'card' | 'certificate';

/** One all-day reminder in the calendar file. */
export type Reminder = {
	item: RenewalItem;
	date: DateParts;
	summary: string;
	description: string;
};

/** A day renewal opens that is still to come. */
export type UpcomingRenewal = { item: RenewalItem; opensOn: DateParts; expiry: DateParts };

/**
 * The renewal days worth a reminder: only those after today. Renewal already open, or a date
 * already past, gets no reminder (the page says so instead).
 */
export function upcomingRenewals(
	items: Array<{ item: RenewalItem; state: RenewalState }>,
	today: DateParts
): UpcomingRenewal[] {
	return items.flatMap(({ item, state }) =>
		state.state === 'valid' && compareDates(state.opensOn, today) > 0
			? [{ item, opensOn: state.opensOn, expiry: state.expiry }]
			: []
	);
}

/**
 * An iCalendar file (.ics) with an all-day event on each day renewal opens, or null when no
 * reminder is after today: a reminder in the past is never offered, whoever asks.
 */
export function renewalCalendar({
	reminders,
	today
}: {
	reminders: Reminder[];
	today: DateParts;
}): string | null {
	const future = reminders.filter((reminder) => compareDates(reminder.date, today) > 0);
	if (future.length === 0) return null;
	return calendarFile({
		name: 'マイナンバーカード',
		product: 'mynumber-renewal',
		events: future.map(({ item, date, summary, description }) => ({
			// Stable ids: importing the file again updates the events instead of doubling them.
			id: `${item}-renewal`,
			date,
			summary,
			description,
			allDay: true
		}))
	});
}
