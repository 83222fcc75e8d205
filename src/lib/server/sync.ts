import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Locale } from '$lib/domain/locale';
import {
	anonymousMutationKinds,
	mutationKinds,
	parseMutation,
	volunteerMutationKinds,
	type MutationArgs,
	type MutationKind,
	type MutationResult
} from '$lib/domain/mutations';
import { fieldErrors } from '$lib/domain/signup';
import { fullPullCursor, type MutationAnswer } from '$lib/domain/sync';
import { translate, type MessageKey } from '$lib/i18n';
import { AttendanceError } from './attendance';
import { currentChange } from './changes';
import {
	ClassError,
	classesEndingAfter,
	venueFromRow,
	withRosters,
	type RosterClass,
	type Venue
} from './classes';
import { ContactError } from './contacts';
import { mutationsTotal, signupsTotal, syncPushesTotal } from './metrics';
import { madeRecords, mutationHandlers, type MutationContext } from './mutations';
import { defaultTownId, otherTownsCode, TownError } from './towns';
import { QuestionnaireError } from './questionnaire';
import {
	cancelTokenFor,
	listUpcomingClasses,
	SignupError,
	waitlistPositions,
	type PublicClass
} from './signups';
import type { Database } from './storage/database';
import { courseProgress, withCourseSessions, withSeriesRosters } from './series';

/** Who is pushing: any device, and the volunteer whose session came with it, if any. */
export type Pusher = { deviceId: string; volunteerId: string | null };

/** An answer as the mutation log keeps it: codes, never messages (those follow the reader). */
/** The kinds a metric may name (anything else a device sends is 'unknown'). */
const knownKinds = new Set<string>(mutationKinds.map((declaration) => declaration.kind));
const signupKinds = new Set(['signup.create', 'signup.createOnBehalf']);

type StoredAnswer = {
	status: 'applied' | 'rejected';
	result?: unknown;
	error?: { code: string; fields?: Record<string, unknown> };
	current?: unknown;
};

/** A refusal of the whole push (401 for volunteer mutations without a session). */
export class PushError extends Error {
	constructor(readonly code: 'login_required') {
		super(code);
	}
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The log's fingerprint of a mutation, to tell a retry from another body under the same id.
 * An anonymous kind's covers its header only: a hash of its arguments could be recomputed
 * from the answer it stored (a few ratings are soon guessed) and tie that answer to the
 * device and time the log keeps.
 */
function requestHash(raw: { id: string; seq: number; kind?: unknown }): string {
	if (typeof raw.kind === 'string' && anonymousMutationKinds.has(raw.kind)) {
		return sha256(JSON.stringify({ id: raw.id, seq: raw.seq, kind: raw.kind }));
	}
	return sha256(JSON.stringify(raw));
}

/** True when a push holds mutations that only a logged-in volunteer may make. */
export function needsVolunteer(mutations: ReadonlyArray<{ kind?: unknown }>): boolean {
	return mutations.some(
		(mutation) => typeof mutation.kind === 'string' && volunteerMutationKinds.has(mutation.kind)
	);
}

/**
 * Reads one pushed mutation with its kind's declaration and applies it with that kind's
 * handler, inside the caller's transaction: the handler's result, or why it cannot be read.
 */
async function apply(
	tx: Database,
	raw: unknown,
	context: MutationContext
): Promise<{ result: unknown } | { invalid: z.ZodError }> {
	const parsed = parseMutation(raw);
	if (!parsed.success) return { invalid: parsed.error };
	// Another town's record is refused as unknown, before the handler can read or change it.
	const elsewhere = await otherTownsCode(tx, {
		townId: context.townId,
		body: parsed.data.args,
		made: madeRecords[parsed.data.kind]
	});
	if (elsewhere) throw new TownError(elsewhere);
	return { result: await handle(tx, parsed.data, context) };
}

/** Hands a read mutation to its kind's handler. */
function handle<K extends MutationKind>(
	tx: Database,
	mutation: { kind: K; args: MutationArgs<K> },
	context: MutationContext
): Promise<MutationResult<K>> {
	const handler = mutationHandlers[mutation.kind];
	return handler(tx, mutation.args, context);
}

/** A business refusal as a stored answer, or null for an unexpected error (rethrown). */
function refusal(error: unknown): StoredAnswer | null {
	if (error instanceof SignupError) {
		return {
			status: 'rejected',
			error: { code: error.code },
			...(error.existing ? { current: error.existing } : {})
		};
	}
	if (
		error instanceof AttendanceError ||
		error instanceof ContactError ||
		error instanceof QuestionnaireError ||
		error instanceof TownError
	) {
		return { status: 'rejected', error: { code: error.code } };
	}
	if (error instanceof ClassError) {
		return {
			status: 'rejected',
			error: { code: error.code },
			...(error.current ? { current: error.current } : {})
		};
	}
	return null;
}

async function logAnswer(
	tx: Database,
	entry: {
		id: string;
		seq: number;
		kind: string;
		hash: string;
		answer: StoredAnswer;
		pusher: Pusher;
		at: string;
	}
): Promise<void> {
	await tx.run(
		`INSERT INTO mutations (id, device_id, seq, kind, actor, request_hash, answer, applied_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			entry.id,
			entry.pusher.deviceId,
			entry.seq,
			entry.kind,
			entry.pusher.volunteerId ?? 'resident',
			entry.hash,
			JSON.stringify(entry.answer),
			entry.at
		]
	);
	await tx.run('UPDATE sync_devices SET last_seq = ?, updated_at = ? WHERE id = ?', [
		entry.seq,
		entry.at,
		entry.pusher.deviceId
	]);
}

/**
 * Field errors of a mutation that could not be read: the fields of its `args` named as in the
 * single endpoints (`name`, `capacity`…), or the mutation's own fields (`kind`) otherwise.
 */
function mutationFieldErrors(error: z.ZodError, raw: object) {
	const inArgs = error.issues.every((issue) => issue.path[0] === 'args' && issue.path.length > 1);
	if (!inArgs) return fieldErrors(error, raw);
	const issues = error.issues.map((issue) => ({ ...issue, path: issue.path.slice(1) }));
	return fieldErrors(new z.ZodError(issues), (raw as { args?: unknown }).args);
}

/**
 * The answer as the log keeps it. A sign-up's cancel token is never stored: the first answer
 * carries the token its sign-up made, a replay derives it again (`withToken`).
 */
function forTheLog(answer: StoredAnswer): StoredAnswer {
	const result = answer.result;
	if (result && typeof result === 'object' && 'cancelToken' in result) {
		const kept = Object.fromEntries(
			Object.entries(result).filter(([name]) => name !== 'cancelToken')
		);
		return { ...answer, result: kept };
	}
	return answer;
}

/** A replayed sign-up's answer, with the token that belongs to the sign-up (the result's id). */
function withToken(answer: StoredAnswer, kind: unknown, key: string): StoredAnswer {
	const result = answer.result;
	const signup = kind === 'signup.create' || kind === 'signup.createOnBehalf';
	if (answer.status !== 'applied' || !signup || !result || typeof result !== 'object') {
		return answer;
	}
	if (!('id' in result) || typeof result.id !== 'string' || 'cancelToken' in result) return answer;
	return { ...answer, result: { ...result, cancelToken: cancelTokenFor(key, result.id) } };
}

function localise(
	answer: StoredAnswer,
	mutation: { id: string; seq: number },
	locale: Locale
): MutationAnswer {
	return {
		id: mutation.id,
		seq: mutation.seq,
		status: answer.status,
		...(answer.result === undefined ? {} : { result: answer.result }),
		...(answer.error
			? {
					error: {
						code: answer.error.code,
						message: translate(locale, `errors.request.${answer.error.code}` as MessageKey),
						fields: answer.error.fields ?? {}
					}
				}
			: {}),
		...(answer.current === undefined ? {} : { current: answer.current })
	};
}

/**
 * Applies a device's pushed mutations in order, each once: a mutation id seen before gets its
 * first answer again (nothing new happens), a new one is applied in its own transaction
 * together with its log entry and the device's sequence. Business refusals (class full of
 * waiting, cancelled, stale edit…) are answered and logged as rejected; they never stop the
 * mutations after them.
 */
export async function pushMutations(
	database: Database,
	options: {
		pusher: Pusher;
		mutations: ReadonlyArray<{ id: string; seq: number; kind?: unknown }>;
		now: Date;
		key: string;
		locale: Locale;
		/** The town of the host the push came to (default: the default town). */
		townId?: string;
	}
): Promise<MutationAnswer[]> {
	const { pusher, now, key, locale } = options;
	const townId = options.townId ?? defaultTownId;
	if (needsVolunteer(options.mutations) && !pusher.volunteerId)
		throw new PushError('login_required');
	const at = now.toISOString();
	await database.run(
		database.dialect === 'postgres'
			? 'INSERT INTO sync_devices (id, last_seq, created_at, updated_at, town_id) VALUES (?, 0, ?, ?, ?) ON CONFLICT (id) DO NOTHING'
			: 'INSERT OR IGNORE INTO sync_devices (id, last_seq, created_at, updated_at, town_id) VALUES (?, 0, ?, ?, ?)',
		[pusher.deviceId, at, at, townId]
	);
	// A device id is its own origin's, so one town's: the same id pushed to another town is
	// refused (its sequence and logged answers are the first town's).
	const deviceTown = await database.first<{ town_id: string | null }>(
		'SELECT town_id FROM sync_devices WHERE id = ?',
		[pusher.deviceId]
	);
	if (deviceTown?.town_id !== townId) {
		return options.mutations.map((raw) =>
			localise({ status: 'rejected', error: { code: 'id_conflict' } }, raw, locale)
		);
	}
	const context: MutationContext = {
		deviceId: pusher.deviceId,
		volunteerId: pusher.volunteerId ?? 'unknown',
		now,
		key,
		townId
	};
	const answers: MutationAnswer[] = [];
	for (const raw of options.mutations) {
		const hash = requestHash(raw);
		// A retry answered from the log is not counted again in the metrics.
		let replayed = false;
		const answer = await database.transaction(async (tx): Promise<StoredAnswer> => {
			replayed = false;
			// The device row is the device's lock: its mutations apply one at a time, in order.
			const device = await tx.first<{ last_seq: number }>(
				`SELECT last_seq FROM sync_devices WHERE id = ?${tx.lockRows}`,
				[pusher.deviceId]
			);
			const logged = await tx.first<{ device_id: string; request_hash: string; answer: string }>(
				'SELECT device_id, request_hash, answer FROM mutations WHERE id = ?',
				[raw.id]
			);
			if (logged) {
				replayed = true;
				if (logged.device_id !== pusher.deviceId || logged.request_hash !== hash) {
					return { status: 'rejected', error: { code: 'id_conflict' } };
				}
				return withToken(JSON.parse(logged.answer) as StoredAnswer, raw.kind, key);
			}
			if (raw.seq <= Number(device?.last_seq ?? 0)) {
				return { status: 'rejected', error: { code: 'sequence_reused' } };
			}
			const record = (stored: StoredAnswer) =>
				logAnswer(tx, {
					id: raw.id,
					seq: raw.seq,
					kind: typeof raw.kind === 'string' ? raw.kind.slice(0, 40) : '',
					hash,
					answer: forTheLog(stored),
					pusher,
					at
				}).then(() => stored);
			// The effect and its log entry commit together, or neither does.
			await tx.run('SAVEPOINT mutation');
			try {
				const applied = await apply(tx, raw, context);
				await tx.run('RELEASE mutation');
				if ('invalid' in applied) {
					return record({
						status: 'rejected',
						error: { code: 'invalid_input', fields: mutationFieldErrors(applied.invalid, raw) }
					});
				}
				return record({ status: 'applied', result: applied.result });
			} catch (error) {
				const refused = refusal(error);
				if (!refused) throw error;
				await tx.run('ROLLBACK TO mutation');
				return record(refused);
			}
		});
		if (!replayed) countMutation(raw.kind, answer);
		answers.push(localise(answer, raw, locale));
	}
	syncPushesTotal.inc();
	return answers;
}

/** Counts a mutation's first answer (and a sign-up's outcome) for `GET /metrics`. */
function countMutation(kind: unknown, answer: StoredAnswer): void {
	const known = typeof kind === 'string' && knownKinds.has(kind) ? kind : 'unknown';
	mutationsTotal.inc({
		kind: known,
		outcome: answer.status === 'applied' ? 'applied' : (answer.error?.code ?? 'rejected')
	});
	const status = (answer.result as { status?: unknown } | undefined)?.status;
	if (answer.status === 'applied' && signupKinds.has(known) && typeof status === 'string') {
		signupsTotal.inc({ outcome: status });
	}
}

/** A device's own sign-up as a pull reports it (no personal data: the device has that). */
export type PulledSignup = {
	id: string;
	classId: string;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	waitlistPosition: number | null;
	/** A course sign-up's 「全4回（2回目まで出席）」: its sessions and the last one attended. */
	course?: { seriesId: string; sessions: number; attendedThrough: number };
};

/** What a pull answers: changes after the cursor, and the cursor to send next time. */
export type PullAnswer = {
	cursor: number;
	classes: PublicClass[];
	signups: PulledSignup[];
	/** For a volunteer: the classes with their versions and rosters, and the venues. */
	volunteer?: {
		classes: RosterClass[];
		venues: Venue[];
		/** The town's volunteers, for assigning tutors offline (every pull: a short list). */
		volunteers: Array<{ id: string; name: string }>;
	};
};

/**
 * What changed after `cursor`: upcoming classes (seats, status), the device's own sign-ups
 * (status, waiting place) and, for a volunteer, rosters with attendance. `fullPullCursor` (and
 * a cursor ahead of the server's, from a database restored from a backup) asks for everything.
 * The new cursor is read first, so a change committed meanwhile comes again next time rather
 * than never. A fixed number of queries, however many classes and sign-ups.
 */
export async function pullChanges(
	database: Database,
	options: { deviceId: string; cursor: number; volunteer: boolean; now: Date; townId?: string }
): Promise<PullAnswer> {
	const townId = options.townId ?? defaultTownId;
	const cursor = await currentChange(database);
	const after: number | 'everything' =
		options.cursor === fullPullCursor || options.cursor > cursor ? 'everything' : options.cursor;
	const changed = async (sql: string): Promise<Set<string> | 'everything'> =>
		after === 'everything'
			? 'everything'
			: new Set((await database.all<{ id: string }>(sql, [after])).map((row) => row.id));
	const changedRows = await changed('SELECT id FROM classes WHERE change_seq > ?');
	// A course's first session holds its sign-ups: its change resends every session.
	const changedClasses =
		changedRows === 'everything' ? changedRows : await withCourseSessions(database, changedRows);
	const isChanged = (id: string, ...sets: Array<Set<string> | 'everything'>) =>
		sets.some((set) => set === 'everything' || set.has(id));
	const upcoming = await listUpcomingClasses(database, options.now, townId);
	const classes = upcoming.filter((klass) => isChanged(klass.id, changedClasses));
	const own = await database.all<{
		id: string;
		class_id: string;
		status: PulledSignup['status'];
	}>(
		`SELECT s.id, s.class_id, s.status FROM signups s
		JOIN classes c ON c.id = s.class_id
		WHERE s.device_id = ? AND s.town_id = ?${after === 'everything' ? '' : ' AND (s.change_seq > ? OR c.change_seq > ? OR s.id IN (SELECT signup_id FROM attendance WHERE change_seq > ?))'}`,
		after === 'everything'
			? [options.deviceId, townId]
			: [options.deviceId, townId, after, after, after]
	);
	const waiting = await waitlistPositions(database, [
		...new Set(own.filter((row) => row.status === 'waitlisted').map((row) => row.class_id))
	]);
	const progress = await courseProgress(
		database,
		own.map((row) => row.id)
	);
	const signups = own.map((row): PulledSignup => {
		const course = progress.get(row.id);
		return {
			id: row.id,
			classId: row.class_id,
			status: row.status,
			waitlistPosition: waiting.get(row.id) ?? null,
			...(course ? { course } : {})
		};
	});
	const answer: PullAnswer = { cursor, classes, signups };
	if (options.volunteer) {
		const marked = await changed(
			'SELECT DISTINCT class_id AS id FROM attendance WHERE change_seq > ?'
		);
		const ticked = await changed(
			'SELECT DISTINCT class_id AS id FROM contact_marks WHERE change_seq > ?'
		);
		// A day's grace, so a class just finished can still have its attendance finished.
		const dayAgo = new Date(options.now.getTime() - 24 * 60 * 60 * 1000);
		const sent = (await classesEndingAfter(database, dayAgo, townId)).filter((klass) =>
			isChanged(klass.id, changedClasses, marked, ticked)
		);
		answer.volunteer = {
			classes: await withSeriesRosters(database, await withRosters(database, sent)),
			venues: (
				await database.all<{
					id: string;
					name: string;
					name_readings: string | null;
					address: string;
				}>(
					'SELECT id, name, name_readings, address FROM venues WHERE town_id = ? AND retired_at IS NULL ORDER BY name, id',
					[townId]
				)
			).map(venueFromRow),
			// Those who can be picked as tutors (active), and any already assigned, for their names.
			volunteers: await database.all<{ id: string; name: string }>(
				`SELECT id, name FROM volunteers
				WHERE town_id = ? AND (disabled = 0 OR id IN (SELECT volunteer_id FROM class_tutors))
				ORDER BY name, id`,
				[townId]
			)
		};
	}
	return answer;
}
