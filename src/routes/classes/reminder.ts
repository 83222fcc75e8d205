import { eventDescription, type CalendarEvent } from '$lib/calendar-file';
import { stripFurigana } from '$lib/domain/furigana';
import type { Locale } from '$lib/domain/locale';
import type { PublicClassData } from '$lib/domain/sync';
import { translate, type MessageKey } from '$lib/i18n';

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

/**
 * The words for 参加費 in a locale: 無料 for a free class, the text the volunteer typed
 * otherwise, nothing for a class that never said (classes from before the fee).
 */
export function feeText(fee: string | null | undefined, locale: Locale): string | null {
	if (typeof fee !== 'string') return null;
	return fee === '' ? stripFurigana(translate(locale, 'classes.card.feeFree')) : fee;
}

/**
 * The calendar event's text, plain (no furigana markup): what is learnt, what to bring (the
 * usual things for this sign-up, then the class's own 持ち物) one per line, the fee, and whom
 * to call.
 */
export function classEventDescription(options: {
	klass: Pick<PublicClassData, 'topic' | 'bring' | 'fee'>;
	signup: { device: string };
	phone: string;
	locale: Locale;
}): string {
	const { klass, locale } = options;
	const t = (key: MessageKey, values?: Record<string, string>) =>
		stripFurigana(translate(locale, key, values));
	const fee = feeText(klass.fee, locale);
	return eventDescription({
		parts: [
			klass.topic,
			{
				heading: t('classes.calendar.bringHeading'),
				items: [...thingsToBring(options.signup).map((key) => t(key)), klass.bring ?? '']
			},
			fee === null ? null : t('classes.calendar.fee', { fee }),
			t('classes.calendar.help', { phone: options.phone })
		],
		bullet: (item) => t('classes.calendar.item', { item })
	});
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
