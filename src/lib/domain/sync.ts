import { z } from 'zod';
import { attendanceMarkSchema } from './attendance';
import { classPatchSchema, newClassSchema, newVenueSchema } from './class';
import { onBehalfSignupSchema, signupRequestSchema } from './signup';

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

/** The kinds only a logged-in volunteer may push. */
export const volunteerMutationKinds: ReadonlySet<string> = new Set<MutationKind>([
	'signup.createOnBehalf',
	'signup.cancelOnBehalf',
	'venue.create',
	'class.create',
	'class.patch',
	'class.cancel',
	'attendance.set'
]);

/** Most mutations in one push; a longer outbox goes in several batches. */
export const maxPushBatch = 100;

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

/** The server's answer to one mutation. */
export type MutationAnswer = {
	id: string;
	seq: number;
	status: 'applied' | 'rejected';
	/** What happened (a sign-up's outcome, the class as it now is…), when applied. */
	result?: unknown;
	/** Why not, in the request's language, when rejected. */
	error?: { code: string; message: string; fields: Record<string, unknown> };
	/** For a conflict: the record as it is now, for the volunteer to compare. */
	current?: unknown;
};

/** A class as `GET /api/classes` and a pull list it (validated when read back on the device). */
export const publicClassSchema = z.object({
	id: z.string(),
	title: z.string(),
	topic: z.string(),
	lessonIds: z.array(z.string()),
	startsAt: z.string(),
	endsAt: z.string(),
	venue: z.object({ id: z.string(), name: z.string(), address: z.string() }),
	capacity: z.number(),
	seatsLeft: z.number(),
	waitlistLength: z.number(),
	loanerTablets: z.number(),
	status: z.enum(['scheduled', 'cancelled'])
});

/** An upcoming class as residents see it. */
export type PublicClassData = z.infer<typeof publicClassSchema>;

/** The answer to one pushed mutation, as the device reads it. */
export const mutationAnswerSchema = z.object({
	id: z.string(),
	seq: z.number(),
	status: z.enum(['applied', 'rejected']),
	result: z.unknown().optional(),
	error: z
		.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.unknown()) })
		.optional(),
	current: z.unknown().optional()
});

/** `POST /api/sync/push`'s answer. */
export const pushAnswerSchema = z.object({ answers: z.array(mutationAnswerSchema) });

/** The outcome of a sign-up, in an applied `signup.create` answer. */
export const signupOutcomeSchema = z.object({
	id: z.string(),
	status: z.enum(['confirmed', 'waitlisted']),
	waitlistPosition: z.number().optional(),
	cancelToken: z.string()
});

/** `GET /api/sync/pull`'s answer (the volunteer part is read by the volunteer pages). */
export const pullAnswerSchema = z.object({
	cursor: z.number(),
	classes: z.array(publicClassSchema),
	signups: z.array(
		z.object({
			id: z.string(),
			classId: z.string(),
			status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
			waitlistPosition: z.number().nullable()
		})
	),
	volunteer: z.unknown().optional()
});
