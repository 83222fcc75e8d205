import type { CalendarEvent } from '$lib/calendar-file';
import type { PublicClassData } from '$lib/domain/sync';
import type { MessageKey } from '$lib/i18n';

/** A day, in seconds: calendars remind the day before. */
export const remindBeforeSeconds = 24 * 60 * 60;

/**
 * What to bring to a class: one's own phone, charged (and glasses), or, without a phone,
 * nothing but glasses because a tablet is lent.
 */
export function thingsToBring(signup: { device: string }): MessageKey[] {
	if (signup.device === 'none') return ['classes.slip.bringNothing', 'classes.slip.glasses'];
	return ['classes.slip.bringPhone', 'classes.slip.charge', 'classes.slip.glasses'];
}

/** A class as a calendar event with a reminder the day before; one event per sign-up. */
export function classEvent(options: {
	klass: Pick<PublicClassData, 'title' | 'startsAt' | 'endsAt' | 'venue'>;
	signupId: string;
	description: string;
}): CalendarEvent {
	const { klass } = options;
	return {
		id: `signup-${options.signupId}`,
		summary: klass.title,
		description: options.description,
		location: { title: klass.venue.name, address: klass.venue.address },
		start: new Date(klass.startsAt),
		end: new Date(klass.endsAt),
		remindBefore: remindBeforeSeconds
	};
}
