import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { promotions, seatFor, seatsLeft } from '$lib/domain/class-rules';
import { personKeys } from '$lib/domain/person-match';
import type { SignupCreation, SignupStatus } from '$lib/domain/signup';
import type { TextReadings } from '$lib/domain/text-readings';
import { audit } from './audit';
import { slotFullMessage } from './migrations/014-consultations';
import { nextChange } from './changes';
import { placeholders, type Database } from './storage/database';
import { defaultTownId } from './towns';
import { signupsTotal } from './metrics';
import { readingsField } from './text-readings';
import { seatClassId, withSeriesSeats, type SeriesFacts } from './series';

/**
 * The earlier sign-up a new one probably repeats (no personal data: its seat, and for a
 * volunteer its id on the roster).
 */
export type ExistingSignup = { id?: string; status: SignupStatus; waitlistPosition?: number };

/**
 * A refusal the endpoint turns into an HTTP answer (404, 409…), never a crash. A duplicate
 * refusal carries the earlier sign-up: `possible_duplicate` for a volunteer (who may confirm
 * that it is another person), `already_signed_up` for a resident.
 */
export class SignupError extends Error {
	constructor(
		readonly code:
			| 'class_not_found'
			| 'class_cancelled'
			| 'class_past'
			| 'id_conflict'
			| 'signup_not_found'
			| 'bad_cancel_token'
			| 'possible_duplicate'
			| 'already_signed_up'
			| 'class_full',
		readonly status: 404 | 409 | 403,
		readonly existing?: ExistingSignup
	) {
		super(code);
	}
}

/**
 * A duplicate refusal: a volunteer may enter another person of the same name on purpose; a
 * resident is told they are already signed up (and how their seat stands).
 */
function duplicateOf(
	existing: ExistingSignup & { id: string },
	options: SignUpOptions
): SignupError {
	if ((options.actor ?? 'resident') === 'resident') {
		// Whoever typed a resident's name and phone learns how the seat stands, not its id.
		const { status, waitlistPosition } = existing;
		const seat = { status, ...(waitlistPosition === undefined ? {} : { waitlistPosition }) };
		return new SignupError('already_signed_up', 409, seat);
	}
	return new SignupError('possible_duplicate', 409, existing);
}

/** What a resident is told about a sign-up. */
export type SignupOutcome = {
	id: string;
	status: SignupStatus;
	waitlistPosition?: number;
	cancelToken: string;
};

/** A class as `GET /api/classes` lists it. */
export type PublicClass = {
	id: string;
	title: string;
	titleReadings?: TextReadings;
	topic: string;
	topicReadings?: TextReadings;
	lessonIds: string[];
	startsAt: string;
	endsAt: string;
	venue: { id: string; name: string; nameReadings?: TextReadings; address: string };
	capacity: number;
	seatsLeft: number;
	waitlistLength: number;
	loanerTablets: number;
	status: 'scheduled' | 'cancelled';
	/** 持ち物 ('' when nothing more than a phone). */
	bring: string;
	bringReadings?: TextReadings;
	/** 参加費: '' is free; null when the class never said. */
	fee: string | null;
	/** The short link's code (`/c/{code}`), for posters printed from a device. */
	shortCode: string | null;
	/** The series the class belongs to (a course's seats are the course's); none outside one. */
	series?: SeriesFacts;
	/** For a 相談会 slot: its block, and whether a full slot takes a waiting list. */
	consultation: { id: string; waitlist: boolean } | null;
};

type ClassRow = {
	id: string;
	capacity: number;
	starts_at: string;
	status: 'scheduled' | 'cancelled';
};

type SignupRow = {
	id: string;
	class_id: string;
	status: SignupStatus;
	waitlist_order: number | null;
	request_hash: string;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The key behind cancel tokens, made once per database. A token is derived from the sign-up's
 * id, so a retried request gets the same token back while only its hash is stored.
 */
export async function cancelTokenKey(database: Database): Promise<string> {
	await database.run(
		database.dialect === 'postgres'
			? 'INSERT INTO app_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING'
			: 'INSERT OR IGNORE INTO app_secrets (name, value) VALUES (?, ?)',
		['cancel-token-key', randomBytes(32).toString('base64url')]
	);
	const row = await database.first<{ value: string }>(
		'SELECT value FROM app_secrets WHERE name = ?',
		['cancel-token-key']
	);
	if (!row) throw new Error('cancel-token-key is missing');
	return row.value;
}

/** The cancel token of a sign-up: only its hash is stored, and a retry gets the same one. */
export function cancelTokenFor(key: string, signupId: string): string {
	return createHmac('sha256', key).update(`cancel:${signupId}`).digest('base64url');
}

/**
 * The same request always hashes the same, whatever the order of its fields. `walkIn` (and
 * `helpTopics`) count only when set, so sign-ups stored before keep their hash; `confirmDuplicate` is
 * a permission, not content, and never counts.
 */
function requestHash(request: SignupCreation): string {
	const { head, tail } = requestHashParts(request);
	return sha256(`${head}${JSON.stringify(request.classId)}${tail}`);
}

/**
 * The canonical JSON that `requestHash` hashes, without the class id: its text before and after
 * it. PostgreSQL's `yorisoi_sign_ups` (migration 17) finds the seat class itself (a course's first
 * session) and hashes `head + the class id as JSON + tail`, the same text as here.
 */
function requestHashParts(request: SignupCreation): { head: string; tail: string } {
	const rest = {
		name: request.name,
		nameKana: request.nameKana ?? '',
		phone: request.phone ?? '',
		device: request.device,
		needsLoaner: request.needsLoaner,
		needs: [...(request.needs ?? [])].sort(),
		note: request.note ?? '',
		...(request.walkIn ? { walkIn: true } : {}),
		...(request.helpTopics?.length ? { helpTopics: [...request.helpTopics].sort() } : {})
	};
	// JSON.stringify({ id, classId, ...rest }) is exactly head + JSON.stringify(classId) + tail.
	return {
		head: `{"id":${JSON.stringify(request.id)},"classId":`,
		tail: `,${JSON.stringify(rest).slice(1)}`
	};
}

/**
 * Confirmed sign-ups of a class (call inside the class's transaction): the class's own count,
 * kept by triggers (migration 17 on SQLite, 22 on PostgreSQL).
 */
export async function confirmedCount(tx: Database, classId: string): Promise<number> {
	const row = await tx.first<{ confirmed: number }>(
		'SELECT confirmed_count AS confirmed FROM classes WHERE id = ?',
		[classId]
	);
	return Number(row?.confirmed ?? 0);
}

/**
 * Each waiting sign-up's place (1, 2, …) on its class's waiting list, for the given classes,
 * by sign-up id: one query however many classes.
 */
export async function waitlistPositions(
	database: Database,
	classIds: readonly string[]
): Promise<Map<string, number>> {
	if (classIds.length === 0) return new Map();
	const rows = await database.all<{ id: string; position: number }>(
		`SELECT id, CAST(COUNT(*) OVER (PARTITION BY class_id ORDER BY waitlist_order) AS INTEGER)
			AS position
		FROM signups
		WHERE status = 'waitlisted' AND waitlist_order IS NOT NULL
			AND class_id IN (${placeholders(classIds)})`,
		[...classIds]
	);
	return new Map(rows.map((row) => [row.id, Number(row.position)]));
}

async function outcomeOf(tx: Database, signup: SignupRow, key: string): Promise<SignupOutcome> {
	const position =
		signup.status === 'waitlisted'
			? (await waitlistPositions(tx, [signup.class_id])).get(signup.id)
			: undefined;
	return {
		id: signup.id,
		status: signup.status,
		...(position === undefined ? {} : { waitlistPosition: position }),
		cancelToken: cancelTokenFor(key, signup.id)
	};
}

/**
 * Signs a resident up. Inside one transaction (the class row locked): a repeated id returns
 * the first answer and creates nothing; otherwise the class must exist, be scheduled and not
 * have started, and the sign-up gets a seat while seats are left, or the next waiting place.
 */
export async function createSignup(
	database: Database,
	request: SignupCreation,
	options: SignUpOptions
): Promise<{ created: boolean; outcome: SignupOutcome }> {
	try {
		const answer =
			database.dialect === 'postgres'
				? await signUpOnPostgres(database, request, options)
				: await database
						.transaction((tx) => signUpIn(tx, request, options))
						.catch((error: unknown) => Promise.reject(slotFullOr(error)));
		signupsTotal.inc({ outcome: answer.created ? answer.outcome.status : 'retry' });
		return answer;
	} catch (error) {
		if (error instanceof SignupError) signupsTotal.inc({ outcome: error.code });
		throw error;
	}
}

/**
 * What PostgreSQL reports for a statement to run again: a serialization failure, a deadlock, or
 * a unique violation (the same id signed up at once for another class through another server:
 * the second try finds the first's row and answers `id_conflict`).
 */
const retryableOnPostgres = new Set(['40001', '40P01', '23505']);

/** The refusals `yorisoi_sign_ups` answers, as the endpoint answers them. */
const postgresRefusals = {
	signup_not_found: 404,
	id_conflict: 409,
	class_not_found: 404,
	class_cancelled: 409,
	class_past: 409,
	class_full: 409
} as const;

/** One sign-up as `yorisoi_sign_ups` (migration 17) takes it, in its JSON argument. */
type PostgresSignUpItem = {
	id: string;
	classId: string;
	name: string;
	nameKana: string | null;
	phone: string | null;
	device: string;
	needsLoaner: 0 | 1;
	needs: string;
	note: string | null;
	helpTopics: string | null;
	cancelTokenHash: string;
	hashHead: string;
	hashTail: string;
	at: string;
	deviceId: string | null;
	actor: string;
	auditId: string;
	walkIn: 0 | 1;
	confirmDuplicate: 0 | 1;
	nameKey: string | null;
	phoneKey: string | null;
	readingKey: string | null;
	/** The host's town (migration 22): another town's class or sign-up id is answered unknown. */
	townId: string | null;
};

/** `yorisoi_sign_ups`'s answer for one item. */
type PostgresSignUpRow = {
	item: number;
	outcome: string;
	status: 'confirmed' | 'waitlisted' | 'cancelled' | null;
	waitlist_position: number | null;
	existing_id: string | null;
};

/** A sign-up waiting for its statement, and who hears its answer. */
type QueuedSignUp = {
	item: PostgresSignUpItem;
	resolve: (row: PostgresSignUpRow) => void;
	reject: (error: unknown) => void;
};

/** Sign-ups sent in one statement at most (a bound on its size and on one batch's time). */
const maxPostgresBatch = 64;

/**
 * Per database, per class asked for: the sign-ups waiting while a statement for that class
 * runs. A class present here has a statement running; its list is the next batch.
 */
const postgresQueues = new WeakMap<Database, Map<string, QueuedSignUp[]>>();

/**
 * `signUpIn`'s rules in one statement on PostgreSQL (`yorisoi_sign_ups`, migration 17): the
 * seat class, the class lock, the count, the insert with its help topics, the audit line and
 * the waiting place, in one round trip. Sign-ups for a class that arrive while its statement
 * runs go together in the next one (group commit): they would only have waited for the class
 * lock, each behind the other's WAL flush. Each caller hears its answer once the statement that
 * carried it has committed. Another server on the same database makes its own batches; the
 * class lock orders the two.
 */
async function signUpOnPostgres(
	database: Database,
	request: SignupCreation,
	options: SignUpOptions
): Promise<{ created: boolean; outcome: SignupOutcome }> {
	const keys = personKeys(request);
	const { head, tail } = requestHashParts(request);
	const item: PostgresSignUpItem = {
		id: request.id,
		classId: request.classId,
		name: request.name,
		nameKana: request.nameKana || null,
		phone: request.phone || null,
		device: request.device,
		needsLoaner: request.needsLoaner ? 1 : 0,
		needs: JSON.stringify(request.needs ?? []),
		note: request.note || null,
		helpTopics: request.helpTopics?.length ? JSON.stringify(request.helpTopics) : null,
		cancelTokenHash: sha256(cancelTokenFor(options.key, request.id)),
		hashHead: head,
		hashTail: tail,
		at: options.now.toISOString(),
		deviceId: options.deviceId ?? null,
		actor: options.actor ?? 'resident',
		auditId: randomUUID(),
		walkIn: request.walkIn ? 1 : 0,
		confirmDuplicate: request.confirmDuplicate ? 1 : 0,
		nameKey: keys.name,
		phoneKey: keys.phone,
		readingKey: keys.reading,
		townId: options.townId ?? null
	};
	const row = await queuedSignUp(database, item);
	if (row.outcome in postgresRefusals) {
		const code = row.outcome as keyof typeof postgresRefusals;
		throw new SignupError(code, postgresRefusals[code]);
	}
	if (!row.status) throw new Error(`yorisoi_sign_ups answered ${row.outcome} without a status`);
	const position =
		row.waitlist_position === null ? {} : { waitlistPosition: Number(row.waitlist_position) };
	if (row.outcome === 'possible_duplicate' && row.existing_id) {
		throw duplicateOf({ id: row.existing_id, status: row.status, ...position }, options);
	}
	return {
		created: row.outcome === 'created',
		outcome: {
			id: request.id,
			status: row.status,
			...position,
			cancelToken: cancelTokenFor(options.key, request.id)
		}
	};
}

/** Sends the sign-up now, or with the next batch when a statement for its class is running. */
function queuedSignUp(database: Database, item: PostgresSignUpItem): Promise<PostgresSignUpRow> {
	let queues = postgresQueues.get(database);
	if (!queues) {
		queues = new Map();
		postgresQueues.set(database, queues);
	}
	const classQueues = queues;
	return new Promise((resolve, reject) => {
		const waiting = classQueues.get(item.classId);
		if (waiting) {
			waiting.push({ item, resolve, reject });
			return;
		}
		classQueues.set(item.classId, []);
		void sendBatches(database, classQueues, item.classId, [{ item, resolve, reject }]);
	});
}

/** Sends a class's batches one after another until none is waiting. Never rejects. */
async function sendBatches(
	database: Database,
	queues: Map<string, QueuedSignUp[]>,
	classId: string,
	first: QueuedSignUp[]
): Promise<void> {
	let batch = first;
	for (;;) {
		await sendBatch(database, batch);
		const waiting = queues.get(classId) ?? [];
		if (waiting.length === 0) {
			queues.delete(classId);
			return;
		}
		batch = waiting.splice(0, maxPostgresBatch);
	}
}

/**
 * One statement for a batch; each caller hears its own row. An error fails the statement for
 * the whole batch, so then each sign-up goes again alone and only the one at fault hears it.
 */
async function sendBatch(database: Database, batch: QueuedSignUp[]): Promise<void> {
	let rows: PostgresSignUpRow[];
	try {
		rows = await signUpStatement(
			database,
			batch.map(({ item }) => item)
		);
	} catch (error) {
		if (batch.length === 1) {
			batch[0]!.reject(slotFullOr(error));
			return;
		}
		for (const one of batch) await sendBatch(database, [one]);
		return;
	}
	const byIndex = new Map(rows.map((row) => [Number(row.item), row]));
	for (const [index, { resolve, reject }] of batch.entries()) {
		const row = byIndex.get(index + 1);
		if (row) resolve(row);
		else reject(new Error('yorisoi_sign_ups answered no row for a sign-up'));
	}
}

/** `yorisoi_sign_ups` for some sign-ups of one class, again while PostgreSQL asks to retry. */
async function signUpStatement(
	database: Database,
	items: PostgresSignUpItem[]
): Promise<PostgresSignUpRow[]> {
	for (let attempt = 1; ; attempt += 1) {
		try {
			return await database.all<PostgresSignUpRow>(
				`SELECT r_index AS item, r_outcome AS outcome, r_status AS status,
					r_position AS waitlist_position, r_existing_id AS existing_id
				FROM yorisoi_sign_ups(?)`,
				[JSON.stringify(items)]
			);
		} catch (error) {
			const code = (error as { code?: string }).code;
			if (!code || !retryableOnPostgres.has(code) || attempt >= 5) throw error;
		}
	}
}

/** Who signs up and from where: a resident (default) or a volunteer taking a phone call. */
export type SignUpOptions = {
	now: Date;
	key: string;
	/** `resident`, or the id of the volunteer who entered it on a resident's behalf. */
	actor?: string;
	/** The syncing device that made it, so its pulls return the sign-up's status. */
	deviceId?: string;
	/**
	 * The host's town: a sign-up naming another town's class, or made under the id of another
	 * town's sign-up, is refused as unknown (`class_not_found`, `signup_not_found`), in the same
	 * transaction (on PostgreSQL the same statement) as the sign-up. The sync push checks every
	 * mutation's records itself (`otherTownsCode`) and leaves it out; the endpoints give it.
	 */
	townId?: string;
};

/**
 * `createSignup` inside the caller's transaction (the sync push uses it with its log).
 * Besides the seat rules: a walk-in (someone standing in the hall) is seated even when the
 * class is full or has begun; and a sign-up that repeats a person already on the class's list
 * (`samePerson`) is refused unless a volunteer confirmed it is someone else.
 */
export async function signUpIn(
	tx: Database,
	request: SignupCreation,
	options: SignUpOptions
): Promise<{ created: boolean; outcome: SignupOutcome }> {
	// A course's sessions share its seats: the sign-up is made on the session that holds them.
	request = { ...request, classId: await seatClassId(tx, request.classId) };
	const hash = requestHash(request);
	const at = options.now.toISOString();
	const klass = await tx.first<ClassRow & { town_id: string }>(
		`SELECT id, capacity, starts_at, status, town_id FROM classes WHERE id = ?${tx.lockRows}`,
		[request.classId]
	);
	const existing = await tx.first<SignupRow & { town_id: string }>(
		'SELECT id, class_id, status, waitlist_order, request_hash, town_id FROM signups WHERE id = ?',
		[request.id]
	);
	const elsewhere = (row: { town_id: string }) =>
		options.townId !== undefined && row.town_id !== options.townId;
	if (existing) {
		// Another town's sign-up is unknown here, as its id is (never its data).
		if (elsewhere(existing)) throw new SignupError('signup_not_found', 404);
		if (existing.request_hash !== hash) throw new SignupError('id_conflict', 409);
		return { created: false, outcome: await outcomeOf(tx, existing, options.key) };
	}
	if (!klass || elsewhere(klass)) throw new SignupError('class_not_found', 404);
	if (klass.status === 'cancelled') throw new SignupError('class_cancelled', 409);
	if (!request.walkIn && klass.starts_at <= at) throw new SignupError('class_past', 409);

	const keys = personKeys(request);
	if (!request.confirmDuplicate) {
		// A NULL key matches nothing: without a phone or a reading, only the other one counts.
		const same = await tx.first<SignupRow>(
			`SELECT id, class_id, status, waitlist_order, request_hash FROM signups
			WHERE class_id = ? AND name_key = ? AND status <> 'cancelled'
				AND (phone_key = ? OR reading_key = ?)
			ORDER BY created_at, id LIMIT 1`,
			[klass.id, keys.name, keys.phone, keys.reading]
		);
		if (same) {
			const { id, status, waitlistPosition } = await outcomeOf(tx, same, options.key);
			throw duplicateOf(
				{ id, status, ...(waitlistPosition === undefined ? {} : { waitlistPosition }) },
				options
			);
		}
	}

	const confirmed = await confirmedCount(tx, klass.id);
	// Walk-ins are seated even over capacity; they still count, so nobody else is seated then.
	const status = request.walkIn ? 'confirmed' : seatFor({ capacity: klass.capacity, confirmed });
	let order: number | null = null;
	if (status === 'waitlisted') {
		// Promoted and cancelled rows have no order, so the highest waiting one is the last.
		const last = await tx.first<{ last: number | null }>(
			"SELECT MAX(waitlist_order) AS last FROM signups WHERE class_id = ? AND status = 'waitlisted'",
			[klass.id]
		);
		order = Number(last?.last ?? 0) + 1;
	}
	const change = await nextChange(tx);
	await tx.run(
		`INSERT INTO signups (id, class_id, name, name_kana, phone, device, needs_loaner, needs, note,
			status, waitlist_order, cancel_token_hash, request_hash, created_at, updated_at, device_id,
			change_seq, walk_in, name_key, phone_key, reading_key, confirmed_distinct, help_topics,
			town_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			request.id,
			klass.id,
			request.name,
			request.nameKana || null,
			request.phone || null,
			request.device,
			request.needsLoaner ? 1 : 0,
			JSON.stringify(request.needs ?? []),
			request.note || null,
			status,
			order,
			sha256(cancelTokenFor(options.key, request.id)),
			hash,
			at,
			at,
			options.deviceId ?? null,
			change,
			request.walkIn ? 1 : 0,
			keys.name,
			keys.phone,
			keys.reading,
			request.confirmDuplicate ? 1 : 0,
			request.helpTopics?.length ? JSON.stringify(request.helpTopics) : null,
			// Its class's town, as migration 18's trigger would find it (one update less).
			klass.town_id
		]
	);
	// The class's seat count changed: pulls see it again.
	await tx.run('UPDATE classes SET change_seq = ? WHERE id = ?', [change, klass.id]);
	await audit(tx, {
		actor: options.actor ?? 'resident',
		action: `signup.${status}`,
		recordType: 'signup',
		recordId: request.id,
		at,
		townId: klass.town_id
	});
	const created: SignupRow = {
		id: request.id,
		class_id: klass.id,
		status,
		waitlist_order: order,
		request_hash: hash
	};
	return { created: true, outcome: await outcomeOf(tx, created, options.key) };
}

/**
 * A 相談会 slot without a waiting list refuses the sign-up the seat rules would have put on it
 * (migration 14's trigger, inside the class lock): that refusal as `class_full`, any other
 * error as it was. Callers of `signUpIn` in a transaction of their own map it too.
 */
export function slotFullOr(error: unknown): unknown {
	const message = error instanceof Error ? error.message : String(error);
	return message.includes(slotFullMessage) ? new SignupError('class_full', 409) : error;
}

/** Who may cancel: the holder of the sign-up's cancel token, or a logged-in volunteer. */
export type CancelAuthority = { cancelToken: string } | { volunteerId: string };

/**
 * Cancels a sign-up for the holder of its cancel token (or a volunteer, when a resident phones
 * the hall), and gives freed seats to the waiting list in order, in the same transaction.
 * Cancelling twice is not an error.
 */
export async function cancelSignup(
	database: Database,
	options: { id: string; now: Date } & CancelAuthority
): Promise<{ id: string; status: 'cancelled'; promoted: string[] }> {
	return database.transaction((tx) => cancelSignupIn(tx, options));
}

/** `cancelSignup` inside the caller's transaction. */
export async function cancelSignupIn(
	tx: Database,
	options: { id: string; now: Date } & CancelAuthority
): Promise<{ id: string; status: 'cancelled'; promoted: string[] }> {
	const at = options.now.toISOString();
	const found = await tx.first<SignupRow & { cancel_token_hash: string }>(
		'SELECT id, class_id, status, waitlist_order, request_hash, cancel_token_hash FROM signups WHERE id = ?',
		[options.id]
	);
	if (!found) throw new SignupError('signup_not_found', 404);
	if ('cancelToken' in options) {
		const given = Buffer.from(sha256(options.cancelToken));
		const stored = Buffer.from(found.cancel_token_hash);
		if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
			throw new SignupError('bad_cancel_token', 403);
		}
	}
	// Lock the class before counting seats, so that promotions never overbook.
	const klass = await tx.first<ClassRow>(
		`SELECT id, capacity, starts_at, status FROM classes WHERE id = ?${tx.lockRows}`,
		[found.class_id]
	);
	if (found.status === 'cancelled') return { id: found.id, status: 'cancelled', promoted: [] };
	const change = await nextChange(tx);
	await tx.run(
		"UPDATE signups SET status = 'cancelled', waitlist_order = NULL, updated_at = ?, change_seq = ? WHERE id = ?",
		[at, change, found.id]
	);
	await tx.run('UPDATE classes SET change_seq = ? WHERE id = ?', [change, found.class_id]);
	await audit(tx, {
		actor: 'volunteerId' in options ? options.volunteerId : 'resident',
		action: 'signup.cancelled',
		recordType: 'signup',
		recordId: found.id,
		at
	});
	const promoted = klass ? await promoteWaiting(tx, klass, at, change) : [];
	return { id: found.id, status: 'cancelled', promoted };
}

/** Moves waiting sign-ups up while seats are free (call inside a transaction, class locked). */
export async function promoteWaiting(
	tx: Database,
	klass: ClassRow,
	at: string,
	/** The caller's change number (`nextChange`), stamped on the promoted sign-ups. */
	change: number
): Promise<string[]> {
	if (klass.status === 'cancelled') return [];
	const confirmed = await confirmedCount(tx, klass.id);
	const waiting = await tx.all<{ id: string }>(
		"SELECT id FROM signups WHERE class_id = ? AND status = 'waitlisted' ORDER BY waitlist_order",
		[klass.id]
	);
	const moving = promotions({ capacity: klass.capacity, confirmed, waitlist: waiting });
	for (const { id } of moving) {
		await tx.run(
			"UPDATE signups SET status = 'confirmed', waitlist_order = NULL, updated_at = ?, change_seq = ? WHERE id = ?",
			[at, change, id]
		);
		await audit(tx, {
			actor: 'system',
			action: 'signup.promoted',
			recordType: 'signup',
			recordId: id,
			at
		});
	}
	return moving.map(({ id }) => id);
}

/** Classes that have not ended yet, soonest first, with their seats and waiting list. */
export async function listUpcomingClasses(
	database: Database,
	now: Date,
	townId: string = defaultTownId
): Promise<PublicClass[]> {
	const rows = await database.all<{
		id: string;
		title: string;
		title_readings: string | null;
		topic: string;
		topic_readings: string | null;
		lesson_ids: string;
		starts_at: string;
		ends_at: string;
		capacity: number;
		loaner_tablets: number;
		status: 'scheduled' | 'cancelled';
		bring: string;
		bring_readings: string | null;
		fee: string | null;
		short_code: string | null;
		venue_id: string;
		venue_name: string;
		venue_name_readings: string | null;
		venue_address: string;
		consultation_id: string | null;
		consultation_waitlist: number | null;
		confirmed: number;
		waiting: number;
	}>(
		`SELECT c.id, c.title, c.title_readings, c.topic, c.topic_readings, c.lesson_ids, c.starts_at,
			c.ends_at, c.capacity, c.loaner_tablets, c.status, c.bring, c.bring_readings, c.fee,
			c.short_code, v.id AS venue_id, v.name AS venue_name,
			v.name_readings AS venue_name_readings, v.address AS venue_address,
			k.id AS consultation_id, k.waitlist AS consultation_waitlist,
			CAST(COALESCE(SUM(CASE WHEN s.status = 'confirmed' THEN 1 ELSE 0 END), 0) AS INTEGER) AS confirmed,
			CAST(COALESCE(SUM(CASE WHEN s.status = 'waitlisted' THEN 1 ELSE 0 END), 0) AS INTEGER) AS waiting
		FROM classes c
		JOIN venues v ON v.id = c.venue_id
		LEFT JOIN consultations k ON k.id = c.consultation_id
		LEFT JOIN signups s ON s.class_id = c.id
		WHERE c.town_id = ? AND c.ends_at > ?
		GROUP BY c.id, c.title, c.title_readings, c.topic, c.topic_readings, c.lesson_ids,
			c.starts_at, c.ends_at, c.capacity, c.loaner_tablets, c.status, c.bring, c.bring_readings,
			c.fee, c.short_code, v.id, v.name,
			v.name_readings, v.address, k.id, k.waitlist
		ORDER BY c.starts_at, c.id`,
		[townId, now.toISOString()]
	);
	const classes = rows.map((row) => ({
		id: row.id,
		title: row.title,
		...readingsField('titleReadings', row.title_readings),
		topic: row.topic,
		...readingsField('topicReadings', row.topic_readings),
		lessonIds: JSON.parse(row.lesson_ids) as string[],
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		venue: {
			id: row.venue_id,
			name: row.venue_name,
			...readingsField('nameReadings', row.venue_name_readings),
			address: row.venue_address
		},
		capacity: Number(row.capacity),
		seatsLeft: seatsLeft({ capacity: Number(row.capacity), confirmed: Number(row.confirmed) }),
		waitlistLength: Number(row.waiting),
		loanerTablets: Number(row.loaner_tablets),
		status: row.status,
		bring: row.bring,
		...readingsField('bringReadings', row.bring_readings),
		fee: row.fee,
		shortCode: row.short_code ?? null,
		consultation: row.consultation_id
			? { id: row.consultation_id, waitlist: Number(row.consultation_waitlist) === 1 }
			: null
	}));
	return withSeriesSeats(database, classes);
}
