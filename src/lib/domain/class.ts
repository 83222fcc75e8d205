import { z } from 'zod';
import { containsIndividualNumber } from './mynumber-guard';
import { hasKanji, isKana, readingsFit, type TextReadings } from './text-readings';

const instant = z.iso.datetime({ offset: true, error: 'invalid' });
const count = (max: number) =>
	z
		.number({ error: 'invalid' })
		.int({ error: 'invalid' })
		.min(0, { error: 'invalid' })
		.max(max, { error: 'too_long' });

/**
 * The readings of a typed text (text-readings.ts): `[written, reading]` pairs, the written part
 * with a kanji, the reading in kana. Optional everywhere: rows and devices from before readings
 * have none, and a text without them is shown plain.
 */
export const textReadingsSchema = z
	.array(
		z.tuple([
			z.string().min(1, { error: 'invalid' }).max(80, { error: 'invalid' }).refine(hasKanji, {
				error: 'invalid'
			}),
			z
				.string()
				.trim()
				.min(1, { error: 'invalid_kana' })
				.max(160, { error: 'too_long' })
				.refine(isKana, { error: 'invalid_kana' })
		]),
		{ error: 'invalid' }
	)
	.max(100, { error: 'too_long' });

/** Refuses readings made for another text (each written part in the text, in order). */
const readingsFitText =
	<T extends Record<string, unknown>>(
		textField: keyof T & string,
		readingsField: keyof T & string
	) =>
	(value: T, context: z.RefinementCtx) => {
		const text = value[textField];
		const readings = value[readingsField] as TextReadings | undefined;
		if (typeof text === 'string' && readings && !readingsFit(text, readings)) {
			context.addIssue({ code: 'custom', message: 'invalid', path: [readingsField] });
		}
	};

const venueFields = {
	name: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(80, { error: 'too_long' }),
	nameReadings: textReadingsSchema.optional(),
	address: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(200, { error: 'too_long' })
};

/** A venue as volunteers enter it. */
export const newVenueSchema = z
	.strictObject(venueFields)
	.superRefine(readingsFitText('name', 'nameReadings'));

/** A venue as volunteers enter it. */
export type NewVenueInput = z.infer<typeof newVenueSchema>;

/** A change to a venue: its name (and its readings), its address, or both. */
export const venuePatchSchema = z
	.strictObject({
		name: venueFields.name.optional(),
		nameReadings: venueFields.nameReadings,
		address: venueFields.address.optional()
	})
	.refine(
		(patch) =>
			patch.name !== undefined || patch.address !== undefined || patch.nameReadings !== undefined,
		{ error: 'required' }
	)
	.superRefine(readingsFitText('name', 'nameReadings'));

/** A venue's changed fields. */
export type VenuePatch = z.infer<typeof venuePatchSchema>;

/** Limits of a class's details, shared by the form (maxlength) and the server. */
export const classDetailLimits = { bring: 200, fee: 60, tutors: 20 } as const;

// Control characters other than tab and line breaks: nothing a person types, and PostgreSQL
// refuses NUL outright.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A volunteer's free text shown to residents: never a 個人番号, nothing a person cannot type. */
const detailText = (max: number) =>
	z
		.string({ error: 'invalid' })
		.trim()
		.max(max, { error: 'too_long' })
		.refine((text) => !controlCharacters.test(text), { error: 'invalid' })
		.refine((text) => !containsIndividualNumber(text), { error: 'individual_number' });

const classFields = {
	title: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(80, { error: 'too_long' }),
	titleReadings: textReadingsSchema,
	topic: z.string({ error: 'required' }).trim().max(300, { error: 'too_long' }),
	topicReadings: textReadingsSchema,
	lessonIds: z
		.array(z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'invalid' }), { error: 'invalid' })
		.max(20, { error: 'too_long' }),
	venueId: z.uuid({ error: 'invalid' }),
	startsAt: instant,
	endsAt: instant,
	capacity: count(500),
	loanerTablets: count(200),
	tutors: count(50),
	/** 持ち物: what residents bring besides their phone ('' when nothing more). */
	bring: detailText(classDetailLimits.bring),
	bringReadings: textReadingsSchema,
	/**
	 * 参加費 as residents read it: '' means free (無料, the usual case, shown in each language),
	 * any other text is shown as typed (「300円（資料代）」). Classes from before have none.
	 */
	fee: detailText(classDetailLimits.fee),
	/** The volunteers of the town assigned as tutors, in the order chosen. */
	tutorIds: z
		.array(z.uuid({ error: 'invalid' }), { error: 'invalid' })
		.max(classDetailLimits.tutors, { error: 'too_long' })
		.refine((ids) => new Set(ids).size === ids.length, { error: 'invalid' })
};

const endsAfterStart = (value: { startsAt?: string; endsAt?: string }) =>
	!value.startsAt || !value.endsAt || new Date(value.endsAt) > new Date(value.startsAt);

/** A class as volunteers publish it. */
export const newClassSchema = z
	.strictObject({
		...classFields,
		titleReadings: classFields.titleReadings.optional(),
		topicReadings: classFields.topicReadings.optional(),
		lessonIds: classFields.lessonIds.optional(),
		loanerTablets: classFields.loanerTablets.optional(),
		tutors: classFields.tutors.optional(),
		bring: classFields.bring.optional(),
		bringReadings: classFields.bringReadings.optional(),
		fee: classFields.fee.optional(),
		tutorIds: classFields.tutorIds.optional()
	})
	.refine(endsAfterStart, { error: 'ends_before_start', path: ['endsAt'] })
	.superRefine(readingsFitText('title', 'titleReadings'))
	.superRefine(readingsFitText('topic', 'topicReadings'))
	.superRefine(readingsFitText('bring', 'bringReadings'));

/** A class as published. */
export type NewClassInput = z.infer<typeof newClassSchema>;

/** The fields whose stale change is a conflict for the volunteer to resolve, never overwritten. */
export const conflictingFields = ['startsAt', 'endsAt', 'venueId', 'capacity'] as const;

/**
 * A volunteer's edit: the fields changed and the version they were based on. Other fields
 * (title, topic and their readings, lessons, tablets, tutors, what to bring, the fee, the tutors
 * assigned) apply whatever the version: last write wins. Readings sent with their text must fit it; sent alone, they are checked against
 * the stored text when drawn (a pair the text lacks is skipped).
 */
export const classPatchSchema = z.strictObject({
	baseVersion: z
		.number({ error: 'required' })
		.int({ error: 'invalid' })
		.min(1, { error: 'invalid' }),
	changes: z
		.strictObject({
			title: classFields.title.optional(),
			titleReadings: classFields.titleReadings.optional(),
			topic: classFields.topic.optional(),
			topicReadings: classFields.topicReadings.optional(),
			lessonIds: classFields.lessonIds.optional(),
			venueId: classFields.venueId.optional(),
			startsAt: classFields.startsAt.optional(),
			endsAt: classFields.endsAt.optional(),
			capacity: classFields.capacity.optional(),
			loanerTablets: classFields.loanerTablets.optional(),
			tutors: classFields.tutors.optional(),
			bring: classFields.bring.optional(),
			bringReadings: classFields.bringReadings.optional(),
			fee: classFields.fee.optional(),
			tutorIds: classFields.tutorIds.optional()
		})
		.refine((changes) => Object.keys(changes).length > 0, { error: 'required' })
		.superRefine(readingsFitText('title', 'titleReadings'))
		.superRefine(readingsFitText('topic', 'topicReadings'))
		.superRefine(readingsFitText('bring', 'bringReadings'))
});

/** A volunteer's edit of a class. */
export type ClassPatch = z.infer<typeof classPatchSchema>;
