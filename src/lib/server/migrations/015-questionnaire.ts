/**
 * The after-class questionnaire (issue 16): one row per answer, keyed by its class and the id
 * the answering device made up for it, so a resend is accepted once. Anonymous by design: no
 * name, device, sign-up, volunteer or time is stored with an answer (not even a change number),
 * and on SQLite the table has no rowid (WITHOUT ROWID), so rows are kept in the order of their
 * random ids, not in the order they arrived, which the mutation log's times could match.
 * `can_do` and `want_next` are JSON lists of lesson ids (and `other`).
 */
const table = `CREATE TABLE questionnaire_answers (
	class_id TEXT NOT NULL REFERENCES classes (id),
	answer_id TEXT NOT NULL,
	clarity INTEGER NOT NULL CHECK (clarity BETWEEN 1 AND 5),
	satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
	can_do TEXT NOT NULL DEFAULT '[]',
	want_next TEXT NOT NULL DEFAULT '[]',
	comment TEXT,
	PRIMARY KEY (class_id, answer_id)
)`;

export const sql = `${table} WITHOUT ROWID;`;

/** PostgreSQL has no rowid to leave out. */
export const postgres = `${table};`;
