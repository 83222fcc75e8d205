import type { ContactMark } from '$lib/domain/call-list';
import { audit } from './audit';
import { nextChange } from './changes';
import { placeholders, type Database } from './storage/database';
import { seatClassId } from './series';

/** A refusal the push answers as rejected (404: no such sign-up in that class). */
export class ContactError extends Error {
	constructor(
		readonly code: 'signup_not_found',
		readonly status: 404
	) {
		super(code);
	}
}

/** A 「連絡済み」 tick as stored: the last one made wins, whichever tablet sends it first. */
export type StoredContact = {
	classId: string;
	signupId: string;
	done: boolean;
	markedAt: string;
	markedBy: string;
};

type ContactRow = {
	class_id: string;
	signup_id: string;
	done: number;
	marked_at: string;
	marked_by: string;
};

const fromRow = (row: ContactRow): StoredContact => ({
	classId: row.class_id,
	signupId: row.signup_id,
	done: Number(row.done) === 1,
	markedAt: row.marked_at,
	markedBy: row.marked_by
});

/**
 * Records a 「連絡済み」 tick or untick inside the caller's transaction. One per sign-up and
 * class (a course's sign-up is called before each session: each session's list has its own
 * tick); the latest `markedAt` wins (an equal one keeps what stands), so a tablet that syncs late never
 * undoes a later tick from another. Every tick that changes what stands is audited (who,
 * when). Returns the tick that stands.
 */
export async function markContactIn(
	tx: Database,
	options: { classId: string; mark: ContactMark; volunteerId: string; now: Date }
): Promise<StoredContact> {
	const { classId, mark } = options;
	// A course's sign-ups are held by its first session; its later sessions' lists show them too.
	const signup = await tx.first<{ id: string }>(
		'SELECT id FROM signups WHERE id = ? AND class_id = ?',
		[mark.signupId, await seatClassId(tx, classId)]
	);
	if (!signup) throw new ContactError('signup_not_found', 404);
	// A tablet whose clock runs ahead must not make its tick unbeatable.
	const markedAt = new Date(
		Math.min(Date.parse(mark.markedAt), options.now.getTime())
	).toISOString();
	const existing = await tx.first<ContactRow>(
		`SELECT class_id, signup_id, done, marked_at, marked_by FROM contact_marks
		WHERE class_id = ? AND signup_id = ?${tx.lockRows}`,
		[classId, mark.signupId]
	);
	if (existing && existing.marked_at >= markedAt) return fromRow(existing);
	const at = options.now.toISOString();
	const change = await nextChange(tx);
	const done = mark.done ? 1 : 0;
	if (existing) {
		await tx.run(
			`UPDATE contact_marks SET done = ?, marked_at = ?, marked_by = ?, change_seq = ?, updated_at = ?
			WHERE class_id = ? AND signup_id = ?`,
			[done, markedAt, options.volunteerId, change, at, classId, mark.signupId]
		);
	} else {
		await tx.run(
			`INSERT INTO contact_marks (signup_id, class_id, done, marked_at, marked_by, change_seq, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			[mark.signupId, classId, done, markedAt, options.volunteerId, change, at]
		);
	}
	await audit(tx, {
		actor: options.volunteerId,
		action: mark.done ? 'contact.done' : 'contact.undone',
		recordType: 'signup',
		recordId: mark.signupId,
		at
	});
	return {
		classId,
		signupId: mark.signupId,
		done: mark.done,
		markedAt,
		markedBy: options.volunteerId
	};
}

/** Marks contact in a transaction of its own. */
export async function markContact(
	database: Database,
	options: { classId: string; mark: ContactMark; volunteerId: string; now: Date }
): Promise<StoredContact> {
	return database.transaction((tx) => markContactIn(tx, options));
}

/** What the call list needs of a sign-up besides the roster: who entered it, its promotion, its tick. */
export type SignupCallFacts = {
	enteredBy: 'resident' | 'volunteer';
	promotedAt: string | null;
	contact: Omit<StoredContact, 'classId' | 'signupId'> | null;
};

/**
 * The call facts of every sign-up of some classes (those holding the sign-ups), by sign-up id,
 * in two queries: the audit log says who entered each sign-up (a volunteer's id, or
 * `resident`) and when it was promoted; `contact_marks` holds each class's ticks. A course's
 * later sessions take their own ticks (`contactTicks`), not these.
 */
export async function signupCallFacts(
	database: Database,
	classIds: readonly string[]
): Promise<Map<string, SignupCallFacts>> {
	const facts = new Map<string, SignupCallFacts>();
	if (classIds.length === 0) return facts;
	// The sign-ups' ids as a list looked up in the log's (record_type, record_id) index: written
	// as a join, SQLite walked every town's sign-up entries of the log (393 ms against 18 ms for
	// a town's 800 sign-ups among 50 towns' 40,000; npm run bench:towns).
	const audited = await database.all<{ id: string; actor: string; action: string; at: string }>(
		`SELECT l.record_id AS id, l.actor, l.action, l.at FROM audit_log l
		WHERE l.record_type = 'signup'
			AND l.record_id IN (SELECT id FROM signups WHERE class_id IN (${placeholders(classIds)}))
			AND l.action IN ('signup.confirmed', 'signup.waitlisted', 'signup.promoted')
		ORDER BY l.at, l.id`,
		[...classIds]
	);
	const of = (id: string) => {
		let fact = facts.get(id);
		if (!fact) {
			fact = { enteredBy: 'resident', promotedAt: null, contact: null };
			facts.set(id, fact);
		}
		return fact;
	};
	for (const row of audited) {
		if (row.action === 'signup.promoted') of(row.id).promotedAt = row.at;
		else of(row.id).enteredBy = row.actor === 'resident' ? 'resident' : 'volunteer';
	}
	// The ticks of each sign-up's own class: a course's later sessions' ticks are theirs only.
	const ticks = await database.all<ContactRow>(
		`SELECT m.class_id, m.signup_id, m.done, m.marked_at, m.marked_by FROM contact_marks m
		JOIN signups s ON s.id = m.signup_id AND s.class_id = m.class_id
		WHERE m.class_id IN (${placeholders(classIds)})`,
		[...classIds]
	);
	for (const row of ticks) {
		const { done, markedAt, markedBy } = fromRow(row);
		of(row.signup_id).contact = { done, markedAt, markedBy };
	}
	return facts;
}

/** The 「連絡済み」 ticks of some classes' call lists: by class id, then by sign-up id. */
export async function contactTicks(
	database: Database,
	classIds: readonly string[]
): Promise<Map<string, Map<string, NonNullable<SignupCallFacts['contact']>>>> {
	const byClass = new Map<string, Map<string, NonNullable<SignupCallFacts['contact']>>>();
	if (classIds.length === 0) return byClass;
	const rows = await database.all<ContactRow>(
		`SELECT class_id, signup_id, done, marked_at, marked_by FROM contact_marks
		WHERE class_id IN (${placeholders(classIds)})`,
		[...classIds]
	);
	for (const row of rows) {
		const { done, markedAt, markedBy } = fromRow(row);
		const ticks = byClass.get(row.class_id) ?? new Map();
		ticks.set(row.signup_id, { done, markedAt, markedBy });
		byClass.set(row.class_id, ticks);
	}
	return byClass;
}

/** When a class was cancelled, and when its time or venue last changed (null: never). */
export type ClassCallFacts = { cancelledAt: string | null; movedAt: string | null };

// The patched fields that change where or when residents must be.
const movingFields = new Set(['startsAt', 'endsAt', 'venueId']);

/** The call facts of some classes, by class id, from the audit log (one query). */
export async function classCallFacts(
	database: Database,
	classIds: readonly string[]
): Promise<Map<string, ClassCallFacts>> {
	const facts = new Map<string, ClassCallFacts>(
		classIds.map((id) => [id, { cancelledAt: null, movedAt: null }])
	);
	if (classIds.length === 0) return facts;
	const rows = await database.all<{ record_id: string; action: string; at: string }>(
		`SELECT record_id, action, at FROM audit_log
		WHERE record_type = 'class' AND record_id IN (${placeholders(classIds)})
			AND (action = 'class.cancel' OR action LIKE 'class.patch:%')
		ORDER BY at, id`,
		[...classIds]
	);
	for (const row of rows) {
		const fact = facts.get(row.record_id);
		if (!fact) continue;
		if (row.action === 'class.cancel') fact.cancelledAt = row.at;
		else if (
			row.action
				.slice('class.patch:'.length)
				.split(',')
				.some((field) => movingFields.has(field))
		) {
			fact.movedAt = row.at;
		}
	}
	return facts;
}
