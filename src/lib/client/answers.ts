import type { Answer, CompletedWhenSent, MutationInput, MutationKind } from '$lib/domain/mutations';
import { fullPullCursor, rosterClassSchema } from '$lib/domain/sync-answers';
import { putContact } from './contacts';
import type { OutboxRow, YorisoiDatabase } from './db';

// Runs in the service worker too (Background Sync): the mutation kinds come in as types only,
// and what is read at run time is zod/mini (sync-answers.ts). ESLint keeps it that way.

/**
 * What the device does with the server's answer to one of its mutations, read with its kind's
 * schemas (`readAnswer`): the result, or the refusal and what it carries, typed by the kind.
 */
type AnswerHandler<K extends MutationKind> = (
	database: YorisoiDatabase,
	row: OutboxRow<K>,
	answer: Answer<K>
) => Promise<void>;

/** The mutation's arguments as sent, for kinds completed only when sent. */
type SendForm<K extends MutationKind> = (
	database: YorisoiDatabase,
	row: OutboxRow<K>
) => Promise<MutationInput<K>>;

const errorOf = (answer: Answer) =>
	answer.status === 'rejected' ? { code: answer.error.code, message: answer.error.message } : null;

/** The next pull starts over, so the records shown lose an optimistic change the server refused. */
const pullEverythingNext = (database: YorisoiDatabase) =>
	database.syncState.put({ key: 'cursor', value: fullPullCursor });

/**
 * A volunteer's change refused (a conflict, a class already cancelled…): kept for the volunteer
 * to see, and the next pull is a full one, so the rosters shown lose the optimistic change.
 * Applied changes need nothing: the next pull brings the records as they now are.
 */
async function volunteerChangeAnswered(
	database: YorisoiDatabase,
	row: OutboxRow,
	answer: Answer
): Promise<void> {
	if (answer.status !== 'rejected') return;
	const { code, message } = answer.error;
	await database.rejections.put({
		mutationId: row.id,
		kind: row.kind,
		args: row.args,
		...(row.about ? { about: row.about } : {}),
		classId: 'classId' in row.args ? row.args.classId : null,
		error: { code, message },
		...(answer.current === undefined ? {} : { current: answer.current }),
		at: Date.now()
	});
	await pullEverythingNext(database);
}

/**
 * The device's side of each mutation kind: what its answer means for the local record it
 * belongs to. Called inside the engine's transaction, before the row leaves the outbox; the
 * compiler asks for a handler when a kind is declared.
 */
export const answerHandlers: { [K in MutationKind]: AnswerHandler<K> } = {
	'signup.create': async (database, { args: { id } }, answer) => {
		if (answer.status === 'rejected') {
			await database.mySignups.update(id, { status: 'rejected', error: errorOf(answer) });
			return;
		}
		// The outcome (checked by `readAnswer`) and its token are kept on the device.
		const outcome = answer.result;
		const mine = await database.mySignups.get(id);
		// Cancelled on the device meanwhile: the cancel follows in the queue, and a cancelled
		// sign-up has no waiting place (the pull leaves it alone from then on).
		const cancelledHere = mine?.status === 'cancelled';
		await database.mySignups.update(id, {
			status: cancelledHere ? 'cancelled' : outcome.status,
			waitlistPosition: cancelledHere ? null : (outcome.waitlistPosition ?? null),
			cancelToken: outcome.cancelToken,
			error: null
		});
	},
	'signup.cancel': async (database, { args: { signupId } }, answer) => {
		if (answer.status !== 'rejected') return;
		// Its creation was refused first (cancelled while it waited to be sent): there was nothing
		// to cancel, and the sign-up stays refused rather than 「送信待ち」 with nothing to send.
		if ((await database.mySignups.get(signupId))?.status === 'rejected') return;
		// Not cancelled on the server: say why, and take its real status from a full pull.
		await database.mySignups.update(signupId, { status: 'pending', error: errorOf(answer) });
		await pullEverythingNext(database);
	},
	'signup.createOnBehalf': volunteerChangeAnswered,
	'signup.cancelOnBehalf': volunteerChangeAnswered,
	'venue.create': volunteerChangeAnswered,
	'venue.patch': volunteerChangeAnswered,
	'venue.retire': volunteerChangeAnswered,
	'class.create': volunteerChangeAnswered,
	'class.patch': volunteerChangeAnswered,
	'class.cancel': volunteerChangeAnswered,
	'series.create': volunteerChangeAnswered,
	'series.patch': async (database, row, answer) => {
		await volunteerChangeAnswered(database, row, answer);
		if (answer.status !== 'rejected') return;
		// A conflict is about the session changed meanwhile: its page compares the two.
		const classId = answer.current?.id ?? row.args.fromClassId;
		await database.rejections.update(row.id, { classId });
	},
	'attendance.set': async (database, row, answer) => {
		if (answer.status === 'rejected') {
			// A walk-in refused as a possible duplicate was never made, so its mark is refused
			// too: the duplicate notice says it all (entering them as another person marks them).
			const refusedCreations = await database.rejections
				.filter((other) => other.kind === 'signup.createOnBehalf')
				.toArray();
			const creationRefused = refusedCreations.some(
				({ error, args }) =>
					error.code === 'possible_duplicate' &&
					typeof args === 'object' &&
					args !== null &&
					'id' in args &&
					args.id === row.args.signupId
			);
			if (creationRefused) {
				await pullEverythingNext(database);
				return;
			}
			return volunteerChangeAnswered(database, row, answer);
		}
		// Applied, but the mark that stands may be another tablet's later one: the server then
		// changes nothing (so no pull brings it), and the roster shows that mark, not ours.
		const stands = answer.result;
		if (stands.status === row.args.status) return;
		const stored = await database.rosters.get(row.args.classId);
		const klass = rosterClassSchema.safeParse(stored);
		if (!stored || !klass.success) return;
		const roster = klass.data.roster.map((entry) =>
			entry.id === stands.signupId ? { ...entry, attendance: stands.status } : entry
		);
		await database.rosters.put({ ...stored, roster });
	},
	'consultation.create': volunteerChangeAnswered,
	'contact.mark': async (database, row, answer) => {
		if (answer.status === 'rejected') return volunteerChangeAnswered(database, row, answer);
		// The tick that stands may be another tablet's later one (the server then changed
		// nothing, so no pull brings it): the device shows that one. Ours standing, the
		// server's time and volunteer replace the device's guesses.
		const { classId, signupId, done, markedAt, markedBy } = answer.result;
		await putContact(database, { classId, signupId, contact: { done, markedAt, markedBy } });
	},
	// An answer leaves nothing on the device to update: accepted or refused (a class that was
	// cancelled), it is simply gone from the outbox, as an anonymous answer should be.
	'questionnaire.answer': async () => {}
};

/**
 * The arguments the device adds when it sends a kind (`filledWhenSent` in its declaration):
 * a cancel gets its sign-up's token, which the creation's answer brought after it was queued.
 */
export const sendForms: { [K in CompletedWhenSent]: SendForm<K> } = {
	'signup.cancel': async (database, { args: { signupId } }) => {
		const signup = await database.mySignups.get(signupId);
		const token = signup?.cancelToken;
		return { signupId, cancelToken: typeof token === 'string' ? token : '-' };
	}
};
