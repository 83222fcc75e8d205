import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import type { Answer, MutationCurrent, MutationKind, MutationResult } from './mutations';

// The parts of the sync protocol a device needs to read what the server answers, in zod/mini
// (which bundles only what is used): the sync engine runs in the service worker too, where the
// whole of zod would be most of the worker's size. The mutation kinds and the server side are
// in mutations/ and sync.ts; code the worker runs imports only their types.

/**
 * The pull cursor that asks for everything (`cursor=0` on the wire): a device holds it before
 * its first pull and again when it must start over (a volunteer's login or logout, a change
 * the server refused). Any other cursor is a change number the server answered.
 */
export const fullPullCursor = 0;

/** Most mutations in one push; a longer outbox goes in several batches. */
export const maxPushBatch = 100;

/**
 * The readings of a typed text (`[written, reading]` pairs, see text-readings.ts). Optional:
 * classes a device stored before readings existed, and texts nobody gave readings, have none.
 */
// Lists of strings, not z.tuple: the tuple's code would join the zod/mini every page loads.
const readingsSchema = z.optional(z.array(z.array(z.string())));

/** A venue. */
export const venueSchema = z.object({
	id: z.string(),
	name: z.string(),
	nameReadings: readingsSchema,
	address: z.string()
});

/**
 * A class's series, when it is one of several dates: a repeating class or a course (whose
 * seats and waiting list are the course's), its place (1 first) and how many sessions.
 */
export const seriesFactsSchema = z.object({
	id: z.string(),
	kind: z.enum(['repeat', 'course']),
	position: z.number(),
	sessions: z.number()
});

/** A class as `GET /api/classes` and a pull list it (validated when read back on the device). */
export const publicClassSchema = z.object({
	id: z.string(),
	title: z.string(),
	titleReadings: readingsSchema,
	topic: z.string(),
	topicReadings: readingsSchema,
	lessonIds: z.array(z.string()),
	startsAt: z.string(),
	endsAt: z.string(),
	venue: venueSchema,
	capacity: z.number(),
	seatsLeft: z.number(),
	waitlistLength: z.number(),
	loanerTablets: z.number(),
	status: z.enum(['scheduled', 'cancelled']),
	/** 持ち物 ('' when nothing more than a phone); missing on classes stored before it. */
	bring: z.optional(z.string()),
	bringReadings: readingsSchema,
	/** 参加費: '' is free; null (or missing) when the class never said. */
	fee: z.optional(z.nullable(z.string())),
	/** The short link's code; classes a device stored before codes existed have none. */
	shortCode: z.optional(z.nullable(z.string())),
	series: z.optional(seriesFactsSchema),
	/** For a 相談会 slot: its block and whether a full slot takes a waiting list. */
	consultation: z.optional(z.nullable(z.object({ id: z.string(), waitlist: z.boolean() })))
});

/** An upcoming class as residents see it. */
export type PublicClassData = z.infer<typeof publicClassSchema>;

/**
 * The server's answer to one pushed mutation: `applied` with what happened (a sign-up's
 * outcome, the class as it now is…), or `rejected` with why, in the request's language, and
 * for a conflict the record as it is now, for the volunteer to compare.
 */
export const mutationAnswerSchema = z.object({
	id: z.string(),
	seq: z.number(),
	status: z.enum(['applied', 'rejected']),
	result: z.optional(z.unknown()),
	error: z.optional(
		z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.unknown()) })
	),
	current: z.optional(z.unknown())
});

/** The server's answer to one mutation. */
export type MutationAnswer = z.infer<typeof mutationAnswerSchema>;

/** `POST /api/sync/push`'s answer. */
export const pushAnswerSchema = z.object({ answers: z.array(mutationAnswerSchema) });

/**
 * The outcome of a sign-up, in an applied `signup.create` answer (`cancelled` when a retry
 * comes after the sign-up was cancelled).
 */
export const signupOutcomeSchema = z.object({
	id: z.string(),
	status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
	waitlistPosition: z.optional(z.number()),
	cancelToken: z.string()
});

/** How a resident's earlier sign-up of the same person stands (`already_signed_up`). */
export const signupSeatSchema = z.object({
	status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
	waitlistPosition: z.optional(z.number())
});

/** The earlier sign-up of the same person, for a volunteer (`possible_duplicate`). */
export const earlierSignupSchema = z.extend(signupSeatSchema, { id: z.string() });

/** A cancelled sign-up, and the waiting ones that took the freed seats. */
export const cancelledSignupSchema = z.object({
	id: z.string(),
	status: z.literal('cancelled'),
	promoted: z.array(z.string())
});

/** The id of the record a mutation made or changed. */
export const idResultSchema = z.object({ id: z.string() });

/** An attendance mark as it stands on the server (the latest `markedAt` won). */
export const attendanceMarkResultSchema = z.object({
	classId: z.string(),
	signupId: z.string(),
	status: z.enum(['present', 'absent']),
	markedAt: z.string(),
	markedBy: z.string()
});

/** A 「連絡済み」 tick as it stands on the server (the latest `markedAt` won). */
export const contactMarkResultSchema = z.object({
	classId: z.string(),
	signupId: z.string(),
	done: z.boolean(),
	markedAt: z.string(),
	markedBy: z.string()
});

/** A class as volunteers see it: every field, with the version edits are based on. */
export const volunteerClassSchema = z.object({
	id: z.string(),
	title: z.string(),
	titleReadings: readingsSchema,
	topic: z.string(),
	topicReadings: readingsSchema,
	lessonIds: z.array(z.string()),
	venueId: z.string(),
	startsAt: z.string(),
	endsAt: z.string(),
	capacity: z.number(),
	loanerTablets: z.number(),
	tutors: z.number(),
	status: z.enum(['scheduled', 'cancelled']),
	version: z.number(),
	bring: z.optional(z.string()),
	bringReadings: readingsSchema,
	fee: z.optional(z.nullable(z.string())),
	/** The volunteers assigned as tutors (missing on classes stored before tutors by name). */
	tutorIds: z.optional(z.array(z.string())),
	/** The short link's code (`/c/{code}`), for the poster printed offline. */
	shortCode: z.optional(z.nullable(z.string())),
	series: z.optional(seriesFactsSchema),
	/** The 相談会 block this class is a slot of (null or missing for a class). */
	consultationId: z.optional(z.nullable(z.string()))
});

/** An applied class edit: the class as it now is, and the waiting sign-ups it confirmed. */
export const patchedClassSchema = z.object({
	klass: volunteerClassSchema,
	promoted: z.array(z.string())
});

/** A class for volunteers. */
export type VolunteerClassData = z.infer<typeof volunteerClassSchema>;

/** A published series: its id and its sessions' classes, in order. */
export const seriesCreatedSchema = z.object({ id: z.string(), classIds: z.array(z.string()) });

/** An applied 「この回から後すべて」: the sessions it moved, as they now are. */
export const seriesPatchedSchema = z.object({ classes: z.array(volunteerClassSchema) });

/** A questionnaire answer taken (or taken before: a resend is accepted again). */
export const answerAcceptedSchema = z.object({ accepted: z.literal(true) });

/** One person on a class's roster (personal data: volunteers only, upcoming classes only). */
export const rosterEntrySchema = z.object({
	id: z.string(),
	name: z.string(),
	nameKana: z.nullable(z.string()),
	phone: z.nullable(z.string()),
	device: z.string(),
	needsLoaner: z.boolean(),
	needs: z.array(z.string()),
	note: z.nullable(z.string()),
	status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
	waitlistPosition: z.nullable(z.number()),
	attendance: z.nullable(z.enum(['present', 'absent'])),
	createdAt: z.string(),
	// For the call list (optional: rows pulled before it existed have none).
	/** Who entered the sign-up: the resident, or a volunteer for them (by phone, at the desk). */
	enteredBy: z.optional(z.enum(['resident', 'volunteer'])),
	/** When the sign-up moved up from the waiting list, if it did. */
	promotedAt: z.optional(z.nullable(z.string())),
	/** The 「連絡済み」 tick that stands, if any. */
	contact: z.optional(
		z.nullable(z.object({ done: z.boolean(), markedAt: z.string(), markedBy: z.string() }))
	),
	// Optional: rosters a device stored before walk-ins and the duplicate check existed.
	walkIn: z.optional(z.boolean()),
	possibleDuplicateOf: z.optional(z.nullable(z.string())),
	/** For a 相談会 slot: what they want help with (missing on rosters stored before). */
	helpTopics: z.optional(z.array(z.string()))
});

/** One roster row. */
export type RosterEntryData = z.infer<typeof rosterEntrySchema>;

/** A class with its roster, as a volunteer's device keeps it. */
export const rosterClassSchema = z.extend(volunteerClassSchema, {
	roster: z.array(rosterEntrySchema),
	/** When the class was cancelled, and last moved (time or venue): for the call list. */
	cancelledAt: z.optional(z.nullable(z.string())),
	movedAt: z.optional(z.nullable(z.string()))
});

/** A class with its roster. */
export type RosterClassData = z.infer<typeof rosterClassSchema>;

/** A volunteer of the town, as the class form offers them as tutors. */
export const townVolunteerSchema = z.object({ id: z.string(), name: z.string() });

/** A volunteer of the town. */
export type TownVolunteer = z.infer<typeof townVolunteerSchema>;

/**
 * The volunteer part of a pull: classes with rosters (changed ones only), all venues and the
 * town's volunteers (to assign tutors offline; missing from servers before tutors by name).
 */
export const volunteerPullSchema = z.object({
	classes: z.array(rosterClassSchema),
	venues: z.array(venueSchema),
	volunteers: z.optional(z.array(townVolunteerSchema))
});

/** The volunteer part of a pull, validated. */
export type VolunteerPull = z.infer<typeof volunteerPullSchema>;

/** `GET /api/sync/pull`'s answer. */
export const pullAnswerSchema = z.object({
	cursor: z.number(),
	classes: z.array(publicClassSchema),
	signups: z.array(
		z.object({
			id: z.string(),
			classId: z.string(),
			status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
			waitlistPosition: z.nullable(z.number()),
			/** A course sign-up: its sessions and the last one attended. */
			course: z.optional(
				z.object({ seriesId: z.string(), sessions: z.number(), attendedThrough: z.number() })
			)
		})
	),
	volunteer: z.optional(volunteerPullSchema)
});

/** A zod/mini schema that reads a value of type T. */
type Reads<T> = core.$ZodType<T>;

/**
 * How a device reads the answer to each kind: its result and, for the kinds whose refusals
 * carry one, the record as it now is. The same schemas as the kinds' declarations
 * (`$lib/domain/mutations`), listed here because the service worker cannot load those: the
 * compiler checks each against the kind's declared types and asks for every kind.
 */
export const answerSchemas: {
	[K in MutationKind]: { result: Reads<MutationResult<K>>; current?: Reads<MutationCurrent<K>> };
} = {
	'signup.create': { result: signupOutcomeSchema, current: signupSeatSchema },
	'signup.cancel': { result: cancelledSignupSchema },
	'signup.createOnBehalf': { result: signupOutcomeSchema, current: earlierSignupSchema },
	'signup.cancelOnBehalf': { result: cancelledSignupSchema },
	'venue.create': { result: idResultSchema },
	'venue.patch': { result: venueSchema },
	'venue.retire': { result: idResultSchema },
	'class.create': { result: idResultSchema },
	'class.patch': { result: patchedClassSchema, current: volunteerClassSchema },
	'class.cancel': { result: volunteerClassSchema },
	'attendance.set': { result: attendanceMarkResultSchema },
	'contact.mark': { result: contactMarkResultSchema },
	'series.create': { result: seriesCreatedSchema },
	'series.patch': { result: seriesPatchedSchema, current: volunteerClassSchema },
	'questionnaire.answer': { result: answerAcceptedSchema },
	'consultation.create': { result: idResultSchema }
};

/**
 * Reads the answer to a mutation of kind K with its kind's schemas: an applied answer with
 * its result, a refusal with its code and what it carries. Null when it cannot be read as
 * one (a server newer than this app): the mutation still leaves the outbox, and the next
 * pull brings the records as they are.
 */
export function readAnswer<K extends MutationKind>(
	kind: K,
	answer: MutationAnswer
): Answer<K> | null {
	const schemas = answerSchemas[kind];
	const { id, seq } = answer;
	if (answer.status === 'applied') {
		const result = z.safeParse(schemas.result, answer.result);
		return result.success ? { id, seq, status: 'applied', result: result.data } : null;
	}
	if (!answer.error) return null;
	const current = schemas.current && z.safeParse(schemas.current, answer.current);
	return {
		id,
		seq,
		status: 'rejected',
		error: answer.error,
		...(current?.success && current.data !== undefined ? { current: current.data } : {})
	};
}
