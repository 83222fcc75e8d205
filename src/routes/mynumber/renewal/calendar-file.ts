import { calendarFile } from '$lib/calendar-file';
import type { DateParts } from '$lib/domain/calendar-date';

/** One all-day reminder in the calendar file. */
export type Reminder = { date: DateParts; summary: string; description: string; id: string };

/** An iCalendar file (.ics) with an all-day event on each day renewal opens. */
export function renewalCalendar(reminders: Reminder[]): string {
	return calendarFile({
		name: 'マイナンバーカード',
		product: 'mynumber-renewal',
		events: reminders.map((reminder) => ({ ...reminder, allDay: true }))
	});
}
