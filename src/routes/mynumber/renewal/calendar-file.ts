import ical from 'ical-generator';
import type { DateParts } from '$lib/domain/calendar-date';

/** One all-day reminder in the calendar file. */
export type Reminder = { date: DateParts; summary: string; description: string; id: string };

/**
 * An iCalendar file (.ics) with an all-day event on each day renewal opens, made with
 * ical-generator in the browser (no network), for any calendar app to import.
 */
export function renewalCalendar(reminders: Reminder[]): string {
	const calendar = ical({
		name: 'マイナンバーカード',
		prodId: { company: 'yorisoi', product: 'mynumber-renewal' }
	});
	for (const reminder of reminders) {
		// All-day events take the date at UTC midnight, so no time zone can move the day.
		const start = new Date(
			Date.UTC(reminder.date.year, reminder.date.month - 1, reminder.date.day)
		);
		calendar.createEvent({
			id: `${reminder.id}@yorisoi`,
			start,
			allDay: true,
			summary: reminder.summary,
			description: reminder.description
		});
	}
	return calendar.toString();
}
