import type { MutationArgs, MutationKind, MutationResult } from '$lib/domain/mutations';
import { markAttendanceIn } from './attendance';
import {
	cancelClassIn,
	createClassIn,
	createVenue,
	patchClassIn,
	patchVenueIn,
	retireVenueIn
} from './classes';
import { markContactIn } from './contacts';
import { createConsultationIn } from './consultations';
import { createSeriesIn, patchSeriesIn } from './series';
import { recordAnswerIn } from './questionnaire';
import { cancelSignupIn, signUpIn, slotFullOr } from './signups';
import type { Database } from './storage/database';
import type { RecordKind } from './towns';

/** What a handler knows besides its arguments: the pushing device and volunteer, the time. */
export type MutationContext = {
	deviceId: string;
	/** The volunteer whose session came with the push (always there for volunteer kinds). */
	volunteerId: string;
	now: Date;
	/** The key behind cancel tokens. */
	key: string;
	/** The town of the host the push came to: every record a mutation names must be its. */
	townId: string;
};

/** Applies one kind inside the push's transaction, with the same rules as its endpoint. */
type MutationHandler<K extends MutationKind> = (
	tx: Database,
	args: MutationArgs<K>,
	context: MutationContext
) => Promise<MutationResult<K>>;

/**
 * The server's side of each mutation kind (`$lib/domain/mutations`): one handler per kind,
 * and the compiler asks for a new one when a kind is declared. A refusal is thrown as the
 * single endpoints throw it (`SignupError`, `ClassError`, `AttendanceError`, `ContactError`).
 */
export const mutationHandlers: { [K in MutationKind]: MutationHandler<K> } = {
	'signup.create': async (tx, request, { now, key, deviceId }) =>
		(await signUpIn(tx, request, { now, key, deviceId }).catch(refuseFullSlot)).outcome,
	'signup.cancel': (tx, { signupId, cancelToken }, { now }) =>
		cancelSignupIn(tx, { id: signupId, cancelToken, now }),
	'signup.createOnBehalf': async (tx, request, { now, key, deviceId, volunteerId }) =>
		(await signUpIn(tx, request, { now, key, actor: volunteerId, deviceId }).catch(refuseFullSlot))
			.outcome,
	'signup.cancelOnBehalf': (tx, { signupId }, { now, volunteerId }) =>
		cancelSignupIn(tx, { id: signupId, volunteerId, now }),
	'venue.create': async (tx, { id, ...venue }, { now, townId }) => ({
		id: await createVenue(tx, venue, now, id, townId)
	}),
	'venue.patch': (tx, { venueId, changes }, { now, volunteerId }) =>
		patchVenueIn(tx, { id: venueId, changes, actor: volunteerId, now }),
	'venue.retire': (tx, { venueId }, { now, volunteerId }) =>
		retireVenueIn(tx, { id: venueId, actor: volunteerId, now }),
	'class.create': async (tx, { id, ...klass }, { now, volunteerId }) => ({
		id: await createClassIn(tx, { klass, now, id, actor: volunteerId })
	}),
	'class.patch': (tx, { classId, ...patch }, { now, volunteerId }) =>
		patchClassIn(tx, { id: classId, patch, actor: volunteerId, now }),
	'class.cancel': (tx, { classId }, { now, volunteerId }) =>
		cancelClassIn(tx, { id: classId, actor: volunteerId, now }),
	'attendance.set': (tx, { classId, ...mark }, { now, volunteerId }) =>
		markAttendanceIn(tx, { classId, mark, volunteerId, now }),
	'contact.mark': (tx, { classId, ...mark }, { now, volunteerId }) =>
		markContactIn(tx, { classId, mark, volunteerId, now }),
	'series.create': (tx, { id, ...series }, { now, volunteerId }) =>
		createSeriesIn(tx, { id, series, actor: volunteerId, now }),
	'series.patch': (tx, { seriesId, ...patch }, { now, volunteerId }) =>
		patchSeriesIn(tx, { seriesId, patch, actor: volunteerId, now }),
	'questionnaire.answer': (tx, answer, { now }) => recordAnswerIn(tx, answer, now),
	'consultation.create': (tx, block, { now, volunteerId }) =>
		createConsultationIn(tx, { block, actor: volunteerId, now })
};

/** The kind of record each kind makes under the id it carries (the others only name records). */
export const madeRecords: Partial<Record<MutationKind, RecordKind>> = {
	'signup.create': 'signup',
	'signup.createOnBehalf': 'signup',
	'venue.create': 'venue',
	'class.create': 'class',
	'series.create': 'series',
	'consultation.create': 'consultation'
};

/** A full 相談会 slot without a waiting list, refused as the single endpoint refuses it. */
const refuseFullSlot = (error: unknown): never => {
	throw slotFullOr(error);
};
