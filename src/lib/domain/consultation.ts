import { z } from 'zod';

/** What a resident can ask for help with at a 相談会 (the choices; free text goes in `note`). */
export const helpTopics = ['line', 'photos', 'mynumber', 'phone_mail', 'other'] as const;

/** One help topic. */
export type HelpTopic = (typeof helpTopics)[number];

/** The slot lengths a volunteer may choose, in minutes. */
export const slotMinuteChoices = [15, 20, 30] as const;

/** Limits of a block: at most 12 hours long, at most 10 helpers (people per slot). */
export const consultationLimits = { hours: 12, helpers: 10, title: 80 } as const;

/** The most slots one block can have (12 hours of 15 minutes). */
export const maxSlots = (consultationLimits.hours * 60) / Math.min(...slotMinuteChoices);

const minuteMs = 60_000;

/** The slots of a block, in order: each `slotMinutes` long; a remainder at the end is no slot. */
export function consultationSlots(block: {
	startsAt: string;
	endsAt: string;
	slotMinutes: number;
}): Array<{ startsAt: string; endsAt: string }> {
	const start = new Date(block.startsAt).getTime();
	const end = new Date(block.endsAt).getTime();
	const length = block.slotMinutes * minuteMs;
	if (!Number.isFinite(start) || !Number.isFinite(end) || length <= 0) return [];
	const slots: Array<{ startsAt: string; endsAt: string }> = [];
	for (let at = start; at + length <= end; at += length) {
		slots.push({
			startsAt: new Date(at).toISOString(),
			endsAt: new Date(at + length).toISOString()
		});
	}
	return slots;
}

/** The optional topic choices of a sign-up for a consultation slot (each at most once). */
export const helpTopicsSchema = z
	.array(z.enum(helpTopics, { error: 'invalid_choice' }), { error: 'invalid' })
	.max(helpTopics.length, { error: 'invalid' })
	.refine((list) => new Set(list).size === list.length, { error: 'invalid' });

const instant = z.iso.datetime({ offset: true, error: 'invalid' });

const blockFields = {
	title: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(consultationLimits.title, { error: 'too_long' }),
	venueId: z.uuid({ error: 'invalid' }),
	startsAt: instant,
	endsAt: instant,
	slotMinutes: z.union(
		slotMinuteChoices.map((minutes) => z.literal(minutes)),
		{ error: 'invalid_choice' }
	),
	helpers: z
		.number({ error: 'invalid' })
		.int({ error: 'invalid' })
		.min(1, { error: 'invalid' })
		.max(consultationLimits.helpers, { error: 'too_long' }),
	waitlist: z.boolean({ error: 'invalid' })
};

/** Ends after it starts, lasts at most 12 hours and holds at least one slot. */
function blockRules(
	block: { startsAt: string; endsAt: string; slotMinutes: number },
	context: z.RefinementCtx
): void {
	const start = new Date(block.startsAt).getTime();
	const end = new Date(block.endsAt).getTime();
	if (end <= start) {
		context.addIssue({ code: 'custom', message: 'ends_before_start', path: ['endsAt'] });
	} else if (end - start > consultationLimits.hours * 60 * minuteMs) {
		context.addIssue({ code: 'custom', message: 'too_long', path: ['endsAt'] });
	} else if (consultationSlots(block).length === 0) {
		context.addIssue({ code: 'custom', message: 'too_short', path: ['endsAt'] });
	}
}

/**
 * A block of 1対1 相談会 slots as a volunteer publishes it: where, from when to when, how long
 * each slot is, how many helpers (so how many people per slot) and whether a full slot takes a
 * waiting list.
 */
export const newConsultationSchema = z.strictObject(blockFields).superRefine(blockRules);

/** A block as published. */
export type NewConsultation = z.infer<typeof newConsultationSchema>;

/**
 * A block with the ids the device made: the block's, and one per slot in order (each slot is a
 * class, so a device offline knows its slots' ids and the server makes exactly those).
 */
export const consultationCreateSchema = z
	.strictObject({
		...blockFields,
		id: z.uuid({ error: 'invalid' }),
		slotIds: z
			.array(z.uuid({ error: 'invalid' }), { error: 'invalid' })
			.min(1, { error: 'required' })
			.max(maxSlots, { error: 'too_long' })
			.refine((ids) => new Set(ids).size === ids.length, { error: 'invalid' })
	})
	.superRefine(blockRules)
	.superRefine((value, context) => {
		if (consultationSlots(value).length !== value.slotIds.length) {
			context.addIssue({ code: 'custom', message: 'invalid', path: ['slotIds'] });
		}
	});

/** A block with its ids, as the mutation and the volunteer endpoint take it. */
export type ConsultationCreate = z.infer<typeof consultationCreateSchema>;

const clockFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Asia/Tokyo',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

const dayFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Tokyo',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** A slot's time in Japan as a timetable writes it: 「13:20〜13:40」 (English: 13:20–13:40). */
export function slotClock(slot: { startsAt: string; endsAt: string }, locale: string): string {
	const from = clockFormat.format(new Date(slot.startsAt));
	const to = clockFormat.format(new Date(slot.endsAt));
	return locale === 'en' ? `${from}–${to}` : `${from}〜${to}`;
}

/** The day of an instant in Japan, as `YYYY-MM-DD` (the hall's day, whatever the device says). */
export function tokyoDay(instant: string | Date): string {
	return dayFormat.format(new Date(instant));
}

/** A day (`YYYY-MM-DD`) and a clock time (`HH:MM`) in Japan as an instant with its offset. */
export function tokyoInstant(day: string, time: string): string {
	return `${day}T${time}:00+09:00`;
}
