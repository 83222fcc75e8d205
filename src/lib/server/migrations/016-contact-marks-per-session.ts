import { nextChange } from '../changes';
import type { Database } from '../storage/database';

/**
 * A 「連絡済み」 tick per session (issue 16): a course's sign-up is called before each of its
 * sessions, so `contact_marks` is keyed by (class, sign-up), not by sign-up alone; a tick made
 * before session 2 no longer shows on session 3's list.
 *
 * Existing ticks move to the class they were made for (`backfill`):
 * - a single class's (or a repeating class's): the sign-up's own class, as it already was;
 * - a course sign-up's: the session on whose call list the standing tick was made. The
 *   mutation log tells it (the answer of the `contact.mark` that set it names its class); else,
 *   when the audit log shows that the sign-up's tick was set only once (never changed after),
 *   the row's own class is it (a row kept the class of its first tick). A tick neither tells
 *   (the log's retention, a tick made through `PUT …/contacts` then changed) goes to the
 *   course's first session that has not begun when the migration runs, the next call to make;
 *   when every session has begun, it stays where it was first ticked.
 * Every session of such a course is stamped with the change clock, so volunteers' tablets pull
 * the sessions' lists again and stop showing one session's tick on the others.
 *
 * SQLite cannot change a primary key: the table is made again and the rows copied.
 */
export const sql = `
CREATE TABLE contact_marks_per_session (
	class_id TEXT NOT NULL REFERENCES classes (id),
	signup_id TEXT NOT NULL REFERENCES signups (id),
	done INTEGER NOT NULL CHECK (done IN (0, 1)),
	marked_at TEXT NOT NULL,
	marked_by TEXT NOT NULL,
	change_seq INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (class_id, signup_id)
);
INSERT INTO contact_marks_per_session
	(class_id, signup_id, done, marked_at, marked_by, change_seq, updated_at)
	SELECT class_id, signup_id, done, marked_at, marked_by, change_seq, updated_at FROM contact_marks;
DROP TABLE contact_marks;
ALTER TABLE contact_marks_per_session RENAME TO contact_marks;
CREATE INDEX contact_marks_by_signup ON contact_marks (signup_id);
CREATE INDEX contact_marks_by_change ON contact_marks (change_seq);
`;

/** PostgreSQL changes the key in place; the primary key's index now leads with the class. */
export const postgres = `
ALTER TABLE contact_marks DROP CONSTRAINT contact_marks_pkey;
ALTER TABLE contact_marks ADD PRIMARY KEY (class_id, signup_id);
DROP INDEX contact_marks_by_class;
CREATE INDEX contact_marks_by_signup ON contact_marks (signup_id);
`;

type MarkRow = {
	class_id: string;
	signup_id: string;
	done: number;
	marked_at: string;
	marked_by: string;
	seat_class_id: string;
	course_id: string | null;
};

/** The parts of a logged `contact.mark` answer this reads (older rows may lack any). */
type LoggedAnswer = {
	status?: unknown;
	result?: {
		classId?: unknown;
		signupId?: unknown;
		done?: unknown;
		markedAt?: unknown;
		markedBy?: unknown;
	};
};

/** Moves each existing tick to the class it was made for (see above). */
export async function backfill(tx: Database): Promise<void> {
	const marks = await tx.all<MarkRow>(
		`SELECT m.class_id, m.signup_id, m.done, m.marked_at, m.marked_by,
			s.class_id AS seat_class_id, course.id AS course_id
		FROM contact_marks m
		JOIN signups s ON s.id = m.signup_id
		JOIN classes seat ON seat.id = s.class_id
		LEFT JOIN class_series course ON course.id = seat.series_id AND course.kind = 'course'`
	);
	if (marks.length === 0) return;
	const moves: Array<{ from: string; to: string; signupId: string }> = [];
	for (const mark of marks) {
		if (mark.course_id === null && mark.class_id !== mark.seat_class_id) {
			moves.push({ from: mark.class_id, to: mark.seat_class_id, signupId: mark.signup_id });
		}
	}
	const courseMarks = marks.filter((mark) => mark.course_id !== null);
	const courses = new Set(courseMarks.map((mark) => mark.course_id as string));
	if (courseMarks.length > 0) {
		const sessions = await tx.all<{ id: string; series_id: string; starts_at: string }>(
			`SELECT id, series_id, starts_at FROM classes WHERE series_id IN (
				SELECT seat.series_id FROM contact_marks m
				JOIN signups s ON s.id = m.signup_id
				JOIN classes seat ON seat.id = s.class_id
			) ORDER BY series_position`
		);
		const sessionsOf = new Map<string, Array<{ id: string; startsAt: string }>>();
		for (const row of sessions) {
			sessionsOf.set(row.series_id, [
				...(sessionsOf.get(row.series_id) ?? []),
				{ id: row.id, startsAt: row.starts_at }
			]);
		}
		// The first logged answer naming a tick is the one that set it; later ones only echoed it.
		const madeFor = new Map<string, string>();
		const logged = await tx.all<{ answer: string }>(
			"SELECT answer FROM mutations WHERE kind = 'contact.mark' ORDER BY applied_at, seq"
		);
		for (const { answer } of logged) {
			let parsed: LoggedAnswer;
			try {
				parsed = JSON.parse(answer) as LoggedAnswer;
			} catch {
				continue;
			}
			const result = parsed.result;
			if (parsed.status !== 'applied' || !result || typeof result.classId !== 'string') continue;
			const key = [result.signupId, result.done, result.markedAt, result.markedBy].join(' ');
			if (!madeFor.has(key)) madeFor.set(key, result.classId);
		}
		// Ticks that stood once only: every tick or untick that changed what stood is audited.
		const audited = await tx.all<{ record_id: string; times: number }>(
			`SELECT record_id, CAST(COUNT(*) AS INTEGER) AS times FROM audit_log
			WHERE record_type = 'signup' AND action IN ('contact.done', 'contact.undone')
			GROUP BY record_id`
		);
		const setOnce = new Set(
			audited.filter((row) => Number(row.times) === 1).map((row) => row.record_id)
		);
		const now = new Date().toISOString();
		for (const mark of courseMarks) {
			const course = sessionsOf.get(mark.course_id as string) ?? [];
			const key = [mark.signup_id, Number(mark.done) === 1, mark.marked_at, mark.marked_by].join(
				' '
			);
			const logged = madeFor.get(key);
			const to =
				(logged && course.some((session) => session.id === logged) ? logged : undefined) ??
				(setOnce.has(mark.signup_id) ? mark.class_id : undefined) ??
				course.find((session) => session.startsAt > now)?.id ??
				mark.class_id;
			if (to !== mark.class_id) moves.push({ from: mark.class_id, to, signupId: mark.signup_id });
		}
	}
	if (moves.length === 0 && courses.size === 0) return;
	const change = await nextChange(tx);
	for (const move of moves) {
		await tx.run(
			'UPDATE contact_marks SET class_id = ?, change_seq = ? WHERE class_id = ? AND signup_id = ?',
			[move.to, change, move.from, move.signupId]
		);
	}
	for (const course of courses) {
		await tx.run('UPDATE classes SET change_seq = ? WHERE series_id = ?', [change, course]);
	}
}
