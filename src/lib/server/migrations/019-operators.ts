/**
 * The operator (issue 17): whoever runs the service for many towns (a prefecture, a vendor, an
 * NPO) and makes, lists and suspends towns. Not a town's volunteer: no `town_id`, and a
 * session valid on every host. Sessions are kept like volunteers' (`sessions`, version 3):
 * only the SHA-256 of the token is stored, with an idle and an absolute end.
 * The statements are the same on SQLite and PostgreSQL.
 */
export const sql = `
CREATE TABLE operators (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_login_at TEXT
);
CREATE TABLE operator_sessions (
	token_hash TEXT PRIMARY KEY,
	operator_id TEXT NOT NULL REFERENCES operators (id),
	created_at TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);
CREATE INDEX operator_sessions_by_operator ON operator_sessions (operator_id);
`;
