import type { AttendanceMark } from '$lib/domain/attendance';
import { audit } from './audit';
import { nextChange } from './changes';
import type { Database } from './storage/database';
import { seatClassId } from './series';

/** A refusal the endpoints map to 404/409. */
export class AttendanceError extends Error {
	constructor(
		readonly code: 'signup_not_found' | 'signup_cancelled',
		readonly status: 404 | 409
	) {
		super(code);
	}
}

/** A mark as stored: the last one made wins, whichever tablet sends it first. */
export type StoredMark = {
	classId: string;
	signupId: string;
	status: AttendanceMark['status'];
	markedAt: string;
	markedBy: string;
};

type MarkRow = {
	class_id: string;
	signup_id: string;
	status: AttendanceMark['status'];
	marked_at: string;
	marked_by: string;
};

const fromRow = (row: MarkRow): StoredMark => ({
	classId: row.class_id,
	signupId: row.signup_id,
	status: row.status,
	markedAt: row.marked_at,
	markedBy: row.marked_by
});

/**
 * Records whether a signed-up resident came, inside the caller's transaction. Marks are per
 * (class, sign-up), last write wins by the time the volunteer made the mark (`markedAt`), so a
 * tablet that syncs late does not undo a later mark from another. Returns the mark that stands.
 */
export async function markAttendanceIn(
	tx: Database,
	options: { classId: string; mark: AttendanceMark; volunteerId: string; now: Date }
): Promise<StoredMark> {
	const { classId, mark } = options;
	const signup = await tx.first<{ status: string }>(
		'SELECT status FROM signups WHERE id = ? AND class_id = ?',
		[mark.signupId, await seatClassId(tx, classId)]
	);
	if (!signup) throw new AttendanceError('signup_not_found', 404);
	if (signup.status === 'cancelled') throw new AttendanceError('signup_cancelled', 409);
	// A tablet whose clock runs ahead must not make its mark unbeatable.
	const markedAt = new Date(
		Math.min(Date.parse(mark.markedAt), options.now.getTime())
	).toISOString();
	const existing = await tx.first<MarkRow>(
		`SELECT class_id, signup_id, status, marked_at, marked_by FROM attendance
		WHERE class_id = ? AND signup_id = ?${tx.lockRows}`,
		[classId, mark.signupId]
	);
	if (existing && existing.marked_at >= markedAt) return fromRow(existing);
	const at = options.now.toISOString();
	const change = await nextChange(tx);
	if (existing) {
		await tx.run(
			`UPDATE attendance SET status = ?, marked_at = ?, marked_by = ?, change_seq = ?, updated_at = ?
			WHERE class_id = ? AND signup_id = ?`,
			[mark.status, markedAt, options.volunteerId, change, at, classId, mark.signupId]
		);
	} else {
		await tx.run(
			`INSERT INTO attendance (class_id, signup_id, status, marked_at, marked_by, change_seq, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			[classId, mark.signupId, mark.status, markedAt, options.volunteerId, change, at]
		);
	}
	await audit(tx, {
		actor: options.volunteerId,
		action: `attendance.${mark.status}`,
		recordType: 'signup',
		recordId: mark.signupId,
		at
	});
	return {
		classId,
		signupId: mark.signupId,
		status: mark.status,
		markedAt,
		markedBy: options.volunteerId
	};
}

/** Marks attendance in a transaction of its own (the single-mark endpoint). */
export async function markAttendance(
	database: Database,
	options: { classId: string; mark: AttendanceMark; volunteerId: string; now: Date }
): Promise<StoredMark> {
	return database.transaction((tx) => markAttendanceIn(tx, options));
}
