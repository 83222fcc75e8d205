import type { Database } from '../storage/database';

/**
 * A volunteer's e-mail is unique within a town, not across towns (issue 17: nothing shared
 * between towns that should not be). Before, an admin of one town adding a volunteer learnt
 * from `email_taken` that the address had an account in some other town, and a volunteer who
 * helps two neighbouring towns could not use one address for both. Logins were already asked
 * per town (`logIn` looks the e-mail up on the request's town), so each town's account stays
 * its own: its own password, sessions and role.
 *
 * PostgreSQL swaps the constraint in place. SQLite cannot drop a column's UNIQUE: the table is
 * made again and the rows copied (`backfill`), as SQLite's documentation describes ("Making
 * Other Kinds Of Table Schema Changes"), but inside the migration's transaction, where foreign
 * keys cannot be turned off: the rows pointing at volunteers (sessions, tutors) are set aside
 * first and put back once the copy has the table's name, with the same ids.
 */
export const sql = '';

export const postgres = `
ALTER TABLE volunteers DROP CONSTRAINT volunteers_email_key;
ALTER TABLE volunteers ADD CONSTRAINT volunteers_town_email UNIQUE (town_id, email);
DROP INDEX volunteers_by_town;
`;

const columns =
	'id, email, name, role, password_hash, disabled, created_at, updated_at, last_login_at, town_id';

export async function backfill(tx: Database): Promise<void> {
	if (tx.dialect !== 'sqlite') return;
	// Triggers naming the table (migration 18's: a row written without a town gets the default
	// town, a session or audit line its volunteer's) are set aside while the table is away, since
	// SQLite checks every trigger when the copy is renamed, and are made again as they were.
	const triggers = await tx.all<{ name: string; sql: string }>(
		"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%volunteers%'"
	);
	const children = await tx.all<{ name: string }>(
		`SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'volunteers' ORDER BY m.name`
	);
	for (const trigger of triggers) await tx.exec(`DROP TRIGGER ${trigger.name}`);
	for (const { name } of children) {
		await tx.exec(`CREATE TEMP TABLE kept_${name} AS SELECT * FROM ${name}; DELETE FROM ${name};`);
	}
	await tx.exec(`
CREATE TABLE volunteers_per_town (
	id TEXT PRIMARY KEY,
	email TEXT NOT NULL,
	name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'volunteer')),
	password_hash TEXT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	last_login_at TEXT,
	town_id TEXT,
	UNIQUE (town_id, email)
);
INSERT INTO volunteers_per_town (${columns}) SELECT ${columns} FROM volunteers;
DROP TABLE volunteers;
ALTER TABLE volunteers_per_town RENAME TO volunteers;
`);
	for (const { name } of children) {
		await tx.exec(
			`INSERT INTO ${name} SELECT * FROM temp.kept_${name}; DROP TABLE temp.kept_${name};`
		);
	}
	for (const trigger of triggers) await tx.exec(trigger.sql);
}
