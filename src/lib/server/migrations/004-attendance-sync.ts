/**
 * Attendance marks, and what the sync endpoints need: a change clock that stamps every class,
 * sign-up and mark it touches (pull returns what changed after a cursor), the devices that
 * push mutations with their last sequence number, and the mutation log that answers a retried
 * mutation with its first answer.
 */
export const sql = `
CREATE TABLE attendance (
	class_id TEXT NOT NULL REFERENCES classes (id),
	signup_id TEXT NOT NULL REFERENCES signups (id),
	status TEXT NOT NULL CHECK (status IN ('present', 'absent')),
	marked_at TEXT NOT NULL,
	marked_by TEXT NOT NULL,
	change_seq INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (class_id, signup_id)
);
CREATE INDEX attendance_by_change ON attendance (change_seq);

CREATE TABLE change_clock (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	value INTEGER NOT NULL
);
INSERT INTO change_clock (id, value) VALUES (1, 0);

ALTER TABLE classes ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX classes_by_change ON classes (change_seq);
ALTER TABLE signups ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE signups ADD COLUMN device_id TEXT;
CREATE INDEX signups_by_device ON signups (device_id, change_seq);
CREATE INDEX signups_by_change ON signups (change_seq);

CREATE TABLE sync_devices (
	id TEXT PRIMARY KEY,
	last_seq INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

CREATE TABLE mutations (
	id TEXT PRIMARY KEY,
	device_id TEXT NOT NULL REFERENCES sync_devices (id),
	seq INTEGER NOT NULL,
	kind TEXT NOT NULL,
	actor TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	answer TEXT NOT NULL,
	applied_at TEXT NOT NULL,
	UNIQUE (device_id, seq)
);
CREATE INDEX mutations_by_time ON mutations (applied_at);
`;
