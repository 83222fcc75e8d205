import { z } from 'zod';

const instant = z.iso.datetime({ offset: true, error: 'invalid' });
const count = (max: number) =>
	z
		.number({ error: 'invalid' })
		.int({ error: 'invalid' })
		.min(0, { error: 'invalid' })
		.max(max, { error: 'too_long' });

/** A venue as volunteers enter it. */
export const newVenueSchema = z.strictObject({
	name: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(80, { error: 'too_long' }),
	address: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(200, { error: 'too_long' })
});

/** A change to a venue: its name, its address, or both. */
export const venuePatchSchema = z
	.strictObject({
		name: newVenueSchema.shape.name.optional(),
		address: newVenueSchema.shape.address.optional()
	})
	.refine((patch) => patch.name !== undefined || patch.address !== undefined, {
		error: 'required'
	});

/** A venue's changed fields. */
export type VenuePatch = z.infer<typeof venuePatchSchema>;

const classFields = {
	title: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(80, { error: 'too_long' }),
	topic: z.string({ error: 'required' }).trim().max(300, { error: 'too_long' }),
	lessonIds: z
		.array(z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'invalid' }), { error: 'invalid' })
		.max(20, { error: 'too_long' }),
	venueId: z.uuid({ error: 'invalid' }),
	startsAt: instant,
	endsAt: instant,
	capacity: count(500),
	loanerTablets: count(200),
	tutors: count(50)
};

const endsAfterStart = (value: { startsAt?: string; endsAt?: string }) =>
	!value.startsAt || !value.endsAt || new Date(value.endsAt) > new Date(value.startsAt);

/** A class as volunteers publish it. */
export const newClassSchema = z
	.strictObject({
		...classFields,
		lessonIds: classFields.lessonIds.optional(),
		loanerTablets: classFields.loanerTablets.optional(),
		tutors: classFields.tutors.optional()
	})
	.refine(endsAfterStart, { error: 'ends_before_start', path: ['endsAt'] });

/** A class as published. */
export type NewClassInput = z.infer<typeof newClassSchema>;

/** The fields whose stale change is a conflict for the volunteer to resolve, never overwritten. */
export const conflictingFields = ['startsAt', 'endsAt', 'venueId', 'capacity'] as const;

/**
 * A volunteer's edit: the fields changed and the version they were based on. Other fields
 * (title, topic, lessons, tablets, tutors) apply whatever the version: last write wins.
 */
export const classPatchSchema = z.strictObject({
	baseVersion: z
		.number({ error: 'required' })
		.int({ error: 'invalid' })
		.min(1, { error: 'invalid' }),
	changes: z
		.strictObject({
			title: classFields.title.optional(),
			topic: classFields.topic.optional(),
			lessonIds: classFields.lessonIds.optional(),
			venueId: classFields.venueId.optional(),
			startsAt: classFields.startsAt.optional(),
			endsAt: classFields.endsAt.optional(),
			capacity: classFields.capacity.optional(),
			loanerTablets: classFields.loanerTablets.optional(),
			tutors: classFields.tutors.optional()
		})
		.refine((changes) => Object.keys(changes).length > 0, { error: 'required' })
});

/** A volunteer's edit of a class. */
export type ClassPatch = z.infer<typeof classPatchSchema>;
