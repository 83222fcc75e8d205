/**
 * Venues, classes and sign-ups: what the public sign-up endpoint needs. Volunteers, sessions,
 * attendance and the mutation log come in later migrations with the code that uses them.
 */
export const sql = `
CREATE TABLE app_secrets (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE venues (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	address TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE classes (
	id TEXT PRIMARY KEY,
	title TEXT NOT NULL,
	topic TEXT NOT NULL,
	lesson_ids TEXT NOT NULL DEFAULT '[]',
	venue_id TEXT NOT NULL REFERENCES venues (id),
	starts_at TEXT NOT NULL,
	ends_at TEXT NOT NULL,
	capacity INTEGER NOT NULL CHECK (capacity >= 0),
	loaner_tablets INTEGER NOT NULL DEFAULT 0 CHECK (loaner_tablets >= 0),
	tutors INTEGER NOT NULL DEFAULT 1 CHECK (tutors >= 0),
	status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
	version INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX classes_by_start ON classes (starts_at);

CREATE TABLE signups (
	id TEXT PRIMARY KEY,
	class_id TEXT NOT NULL REFERENCES classes (id),
	name TEXT NOT NULL,
	name_kana TEXT,
	phone TEXT,
	device TEXT NOT NULL CHECK (device IN ('android', 'iphone', 'other', 'none')),
	needs_loaner INTEGER NOT NULL CHECK (needs_loaner IN (0, 1)),
	needs TEXT NOT NULL DEFAULT '[]',
	note TEXT,
	status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
	waitlist_order INTEGER,
	cancel_token_hash TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX signups_by_class ON signups (class_id, status, waitlist_order);

CREATE TABLE audit_log (
	id TEXT PRIMARY KEY,
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	record_type TEXT NOT NULL,
	record_id TEXT NOT NULL
);
CREATE INDEX audit_log_by_record ON audit_log (record_type, record_id);
`;
