/**
 * Series of classes (issue 16): a repeating class (each date its own class with its own
 * sign-ups) or a course (講座: one sign-up takes a seat in every session). Each session is a
 * class row as before, linked by `series_id` and numbered by `series_position` (1 first), so
 * every rule of a class (editing, conflicts, cancelling, attendance) applies per session. A
 * course's sign-ups are held by its first session: its row lock, capacity and waiting list are
 * the course's, on SQLite (in-process) and on PostgreSQL (`yorisoi_sign_up` is called with the
 * first session's id), so concurrent sign-ups to any session never overbook the course.
 * The same statements run on SQLite and PostgreSQL.
 */
export const sql = `
CREATE TABLE class_series (
	id TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('repeat', 'course')),
	created_at TEXT NOT NULL
);
ALTER TABLE classes ADD COLUMN series_id TEXT REFERENCES class_series (id);
ALTER TABLE classes ADD COLUMN series_position INTEGER;
CREATE INDEX classes_by_series ON classes (series_id, series_position);
`;
