import { z } from 'zod';
import { attendanceMarkSchema } from './attendance';
import { classPatchSchema, newClassSchema, newVenueSchema, venuePatchSchema } from './class';
import { onBehalfSignupSchema, signupRequestSchema } from './signup';
import { maxPushBatch } from './sync-answers';

const uuid = z.uuid({ error: 'invalid' });

/**
 * What every mutation carries: the client's UUID for it (a retry sends the same) and the
 * device's sequence number (1, 2, 3… in the order the user made them).
 */
export const mutationHeaderSchema = z.object({
	id: uuid,
	seq: z
		.number({ error: 'invalid' })
		.int({ error: 'invalid' })
		.min(1, { error: 'invalid' })
		.max(Number.MAX_SAFE_INTEGER, { error: 'invalid' })
});

const mutation = <K extends string, A extends z.ZodType>(kind: K, args: A) =>
	z.strictObject(
		{ ...mutationHeaderSchema.shape, kind: z.literal(kind), args },
		{ error: 'unknown_field' }
	);

/**
 * The intent-level changes a device queues in its outbox and pushes (DESIGN.md: sync). The
 * server applies each with the same domain rules as the single endpoints.
 */
export const mutationSchema = z.discriminatedUnion(
	'kind',
	[
		// A resident on their own phone.
		mutation('signup.create', signupRequestSchema),
		mutation(
			'signup.cancel',
			z.strictObject({ signupId: uuid, cancelToken: z.string().min(1).max(200) })
		),
		// A volunteer (the push must carry a volunteer's session).
		mutation('signup.createOnBehalf', onBehalfSignupSchema.extend({ classId: uuid })),
		mutation('signup.cancelOnBehalf', z.strictObject({ signupId: uuid })),
		mutation('venue.create', newVenueSchema.extend({ id: uuid })),
		mutation('venue.patch', z.strictObject({ venueId: uuid, changes: venuePatchSchema })),
		mutation('venue.retire', z.strictObject({ venueId: uuid })),
		mutation('class.create', newClassSchema.safeExtend({ id: uuid })),
		mutation('class.patch', classPatchSchema.extend({ classId: uuid })),
		mutation('class.cancel', z.strictObject({ classId: uuid })),
		mutation('attendance.set', attendanceMarkSchema.extend({ classId: uuid }))
	],
	{ error: 'invalid_choice' }
);

/** One validated mutation. */
export type Mutation = z.infer<typeof mutationSchema>;

/** A mutation's kind, such as `signup.create`. */
export type MutationKind = Mutation['kind'];

/**
 * `POST /api/sync/push`. Each mutation is validated on its own, so that one the server cannot
 * read is answered as rejected instead of blocking the rest of the queue.
 */
export const pushRequestSchema = z.strictObject(
	{
		deviceId: uuid,
		mutations: z
			.array(mutationHeaderSchema.loose(), { error: 'invalid' })
			.min(1, { error: 'required' })
			.max(maxPushBatch, { error: 'too_long' })
	},
	{ error: 'unknown_field' }
);

/** `GET /api/sync/pull` query: the device and what it has already seen. */
export const pullQuerySchema = z.strictObject({
	deviceId: uuid,
	cursor: z.coerce
		.number({ error: 'invalid' })
		.int({ error: 'invalid' })
		.min(0, { error: 'invalid' })
		.max(Number.MAX_SAFE_INTEGER, { error: 'invalid' })
});

// What devices read back (answers, pulled classes and rosters) and the push's limits live in
// sync-answers.ts, written with zod/mini: the service worker's Background Sync needs them and
// nothing else of zod.
export * from './sync-answers';
