import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Locale } from '$lib/domain/locale';
import { fieldErrors } from '$lib/domain/signup';
import {
	mutationSchema,
	volunteerMutationKinds,
	type Mutation,
	type MutationAnswer
} from '$lib/domain/sync';
import { translate, type MessageKey } from '$lib/i18n';
import { AttendanceError, markAttendanceIn } from './attendance';
import { currentChange } from './changes';
import {
	cancelClassIn,
	ClassError,
	createClassIn,
	getClass,
	patchClassIn,
	patchVenueIn,
	retireVenueIn,
	roster,
	type RosterEntry,
	type VolunteerClass
} from './classes';
import {
	cancelSignupIn,
	cancelTokenFor,
	listUpcomingClasses,
	signUpIn,
	SignupError,
	type PublicClass
} from './signups';
import type { Database } from './storage/database';

/** Who is pushing: any device, and the volunteer whose session came with it, if any. */
export type Pusher = { deviceId: string; volunteerId: string | null };

/** An answer as the mutation log keeps it: codes, never messages (those follow the reader). */
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

/** True when a push holds mutations that only a logged-in volunteer may make. */
export function needsVolunteer(mutations: ReadonlyArray<{ kind?: unknown }>): boolean {
	return mutations.some(
		(mutation) => typeof mutation.kind === 'string' && volunteerMutationKinds.has(mutation.kind)
	);
}

/** Applies one validated mutation inside the caller's transaction; returns its result. */
async function apply(
	tx: Database,
	mutation: Mutation,
	context: { pusher: Pusher; now: Date; key: string }
): Promise<unknown> {
	const { now, key, pusher } = context;
	const volunteerId = pusher.volunteerId ?? 'unknown';
	switch (mutation.kind) {
		case 'signup.create':
			return (await signUpIn(tx, mutation.args, { now, key, deviceId: pusher.deviceId })).outcome;
		case 'signup.cancel':
			return cancelSignupIn(tx, {
				id: mutation.args.signupId,
				cancelToken: mutation.args.cancelToken,
				now
			});
		case 'signup.createOnBehalf':
			return (
				await signUpIn(tx, mutation.args, {
					now,
					key,
					actor: volunteerId,
					deviceId: pusher.deviceId
				})
			).outcome;
		case 'signup.cancelOnBehalf':
			return cancelSignupIn(tx, { id: mutation.args.signupId, volunteerId, now });
		case 'venue.create': {
			const { id, ...venue } = mutation.args;
			const at = now.toISOString();
			const existing = await tx.first<{ id: string }>('SELECT id FROM venues WHERE id = ?', [id]);
			if (!existing) {
				await tx.run(
					'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
					[id, venue.name, venue.address, at, at]
				);
			}
			return { id };
		}
		case 'venue.patch':
			return patchVenueIn(tx, {
				id: mutation.args.venueId,
				changes: mutation.args.changes,
				actor: volunteerId,
				now
			});
		case 'venue.retire':
			return retireVenueIn(tx, { id: mutation.args.venueId, actor: volunteerId, now });
		case 'class.create': {
			const { id, ...klass } = mutation.args;
			await createClassIn(tx, { klass, now, id, actor: volunteerId });
			return { id };
		}
		case 'class.patch': {
			const { classId, ...patch } = mutation.args;
			return patchClassIn(tx, { id: classId, patch, actor: volunteerId, now });
		}
		case 'class.cancel':
			return cancelClassIn(tx, { id: mutation.args.classId, actor: volunteerId, now });
		case 'attendance.set': {
			const { classId, ...mark } = mutation.args;
			return markAttendanceIn(tx, { classId, mark, volunteerId, now });
		}
	}
}

/** A business refusal as a stored answer, or null for an unexpected error (rethrown). */
function refusal(error: unknown): StoredAnswer | null {
	if (error instanceof SignupError || error instanceof AttendanceError) {
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

/** A sign-up's cancel token is never stored; a replayed answer gets it derived again. */
function withoutToken(result: unknown): unknown {
	if (result && typeof result === 'object' && 'cancelToken' in result) {
		return Object.fromEntries(Object.entries(result).filter(([name]) => name !== 'cancelToken'));
	}
	return result;
}

function localise(
	answer: StoredAnswer,
	mutation: { id: string; seq: number; kind?: unknown },
	context: { locale: Locale; key: string }
): MutationAnswer {
	const replayToken =
		answer.status === 'applied' &&
		(mutation.kind === 'signup.create' || mutation.kind === 'signup.createOnBehalf') &&
		answer.result &&
		typeof answer.result === 'object' &&
		!('cancelToken' in answer.result);
	// The token belongs to the sign-up (the result's id), not to the mutation that made it.
	const result = replayToken
		? {
				...(answer.result as object),
				cancelToken: cancelTokenFor(context.key, (answer.result as { id: string }).id)
			}
		: answer.result;
	return {
		id: mutation.id,
		seq: mutation.seq,
		status: answer.status,
		...(result === undefined ? {} : { result }),
		...(answer.error
			? {
					error: {
						code: answer.error.code,
						message: translate(context.locale, `errors.request.${answer.error.code}` as MessageKey),
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
	}
): Promise<MutationAnswer[]> {
	const { pusher, now, key, locale } = options;
	if (needsVolunteer(options.mutations) && !pusher.volunteerId)
		throw new PushError('login_required');
	const at = now.toISOString();
	await database.run(
		database.dialect === 'postgres'
			? 'INSERT INTO sync_devices (id, last_seq, created_at, updated_at) VALUES (?, 0, ?, ?) ON CONFLICT (id) DO NOTHING'
			: 'INSERT OR IGNORE INTO sync_devices (id, last_seq, created_at, updated_at) VALUES (?, 0, ?, ?)',
		[pusher.deviceId, at, at]
	);
	const answers: MutationAnswer[] = [];
	for (const raw of options.mutations) {
		const hash = sha256(JSON.stringify(raw));
		const answer = await database.transaction(async (tx): Promise<StoredAnswer> => {
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
				if (logged.device_id !== pusher.deviceId || logged.request_hash !== hash) {
					return { status: 'rejected', error: { code: 'id_conflict' } };
				}
				return JSON.parse(logged.answer) as StoredAnswer;
			}
			if (raw.seq <= Number(device?.last_seq ?? 0)) {
				return { status: 'rejected', error: { code: 'sequence_reused' } };
			}
			const parsed = mutationSchema.safeParse(raw);
			const record = (stored: StoredAnswer) =>
				logAnswer(tx, {
					id: raw.id,
					seq: raw.seq,
					kind: typeof raw.kind === 'string' ? raw.kind.slice(0, 40) : '',
					hash,
					answer: stored,
					pusher,
					at
				}).then(() => stored);
			if (!parsed.success) {
				return record({
					status: 'rejected',
					error: { code: 'invalid_input', fields: mutationFieldErrors(parsed.error, raw) }
				});
			}
			// The effect and its log entry commit together, or neither does.
			await tx.run('SAVEPOINT mutation');
			try {
				const result = await apply(tx, parsed.data, { pusher, now, key });
				await tx.run('RELEASE mutation');
				return record({ status: 'applied', result: withoutToken(result) });
			} catch (error) {
				const refused = refusal(error);
				if (!refused) throw error;
				await tx.run('ROLLBACK TO mutation');
				return record(refused);
			}
		});
		answers.push(localise(answer, raw, { locale, key }));
	}
	return answers;
}

/** A device's own sign-up as a pull reports it (no personal data: the device has that). */
export type PulledSignup = {
	id: string;
	classId: string;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	waitlistPosition: number | null;
};

/** What a pull answers: changes after the cursor, and the cursor to send next time. */
export type PullAnswer = {
	cursor: number;
	classes: PublicClass[];
	signups: PulledSignup[];
	/** For a volunteer: the classes with their versions and rosters, and the venues. */
	volunteer?: {
		classes: Array<VolunteerClass & { roster: RosterEntry[] }>;
		venues: Array<{ id: string; name: string; address: string }>;
	};
};

/**
 * What changed after `cursor`: upcoming classes (seats, status), the device's own sign-ups
 * (status, waiting place) and, for a volunteer, rosters with attendance. Cursor 0 is a full
 * snapshot. The new cursor is read first, so a change committed meanwhile comes again next
 * time rather than never.
 */
export async function pullChanges(
	database: Database,
	options: { deviceId: string; cursor: number; volunteer: boolean; now: Date }
): Promise<PullAnswer> {
	const cursor = await currentChange(database);
	const since = options.cursor > cursor ? 0 : options.cursor;
	const changedClassIds = new Set(
		(
			await database.all<{ id: string }>('SELECT id FROM classes WHERE change_seq > ?', [since])
		).map((row) => row.id)
	);
	const upcoming = await listUpcomingClasses(database, options.now);
	const classes = upcoming.filter((klass) => since === 0 || changedClassIds.has(klass.id));
	const own = await database.all<{
		id: string;
		class_id: string;
		status: PulledSignup['status'];
		waitlist_order: number | null;
	}>(
		`SELECT s.id, s.class_id, s.status, s.waitlist_order FROM signups s
		JOIN classes c ON c.id = s.class_id
		WHERE s.device_id = ? AND (s.change_seq > ? OR c.change_seq > ?)`,
		[options.deviceId, since, since]
	);
	const signups: PulledSignup[] = [];
	for (const row of own) {
		let waitlistPosition: number | null = null;
		if (row.status === 'waitlisted' && row.waitlist_order !== null) {
			const ahead = await database.first<{ n: number }>(
				`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM signups
				WHERE class_id = ? AND status = 'waitlisted' AND waitlist_order <= ?`,
				[row.class_id, row.waitlist_order]
			);
			waitlistPosition = Number(ahead?.n ?? 1);
		}
		signups.push({ id: row.id, classId: row.class_id, status: row.status, waitlistPosition });
	}
	const answer: PullAnswer = { cursor, classes, signups };
	if (options.volunteer) {
		const marked = new Set(
			(
				await database.all<{ class_id: string }>(
					'SELECT DISTINCT class_id FROM attendance WHERE change_seq > ?',
					[since]
				)
			).map((row) => row.class_id)
		);
		const volunteerClasses = await database.all<{ id: string }>(
			'SELECT id FROM classes WHERE ends_at > ? ORDER BY starts_at, id',
			// A day's grace, so a class just finished can still have its attendance finished.
			[new Date(options.now.getTime() - 24 * 60 * 60 * 1000).toISOString()]
		);
		const withRosters: Array<VolunteerClass & { roster: RosterEntry[] }> = [];
		for (const { id } of volunteerClasses) {
			if (since !== 0 && !changedClassIds.has(id) && !marked.has(id)) continue;
			const klass = await getClass(database, id);
			if (klass) withRosters.push({ ...klass, roster: await roster(database, id) });
		}
		answer.volunteer = {
			classes: withRosters,
			venues: await database.all(
				'SELECT id, name, address FROM venues WHERE retired_at IS NULL ORDER BY name, id'
			)
		};
	}
	return answer;
}
