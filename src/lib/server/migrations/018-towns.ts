import { town as defaultTown } from '$lib/town';
import type { Database } from '../storage/database';

/**
 * Many towns in one database (issue 17): a `towns` table (its details are what
 * `town.config.json` holds, as JSON, checked by the same schema when read), the host names each
 * town answers on (`town_hosts`: a host belongs to one town at most, which the primary key says),
 * and a `town_id` on every table that holds a town's data. Rows from before belong to the
 * default town, the one of `town.config.json` (`backfill`).
 *
 * Who sets `town_id`:
 * - the server, on the rows that start a town's records: venues, volunteers, series and the
 *   devices that push mutations;
 * - the database, on every other row, from the row it hangs on (a class from its venue, a
 *   sign-up, attendance mark, call tick, tutor or questionnaire answer from its class, a session
 *   from its volunteer, a logged mutation from its device, an audit line from the record it
 *   names), so a row can never belong to another town than its parent, and the sign-up paths
 *   (SQLite's `signUpIn`, PostgreSQL's `yorisoi_sign_ups`) stay as they were.
 *   PostgreSQL fills it before the insert; SQLite cannot change a row before its insert, so it
 *   fills it right after, in the same statement;
 * - the database again, with the default town, on a starting row written without a town: by a
 *   server of the previous version still running during a rolling deploy (it knows one town),
 *   and by this one for the default town's venues, written as before (`createVenue`).
 *
 * Questionnaire answers get no column: anonymous by design, an answer keeps only its class
 * (migration 15), which is its town's.
 *
 * Left global, not a town's data: `app_secrets` (the server's own keys), `change_clock` (pull
 * cursors only need to grow; each pull reads its own town's rows) and `rate_limits` (counters
 * whose keys carry the town, `rate-limit.ts`).
 */
const derived: ReadonlyArray<{ table: string; key: string; parent: string; column: string }> = [
	{ table: 'classes', key: 'id = NEW.id', parent: 'venues', column: 'venue_id' },
	{ table: 'consultations', key: 'id = NEW.id', parent: 'venues', column: 'venue_id' },
	{ table: 'signups', key: 'id = NEW.id', parent: 'classes', column: 'class_id' },
	{
		table: 'attendance',
		key: 'class_id = NEW.class_id AND signup_id = NEW.signup_id',
		parent: 'classes',
		column: 'class_id'
	},
	{
		table: 'contact_marks',
		key: 'class_id = NEW.class_id AND signup_id = NEW.signup_id',
		parent: 'classes',
		column: 'class_id'
	},
	{
		table: 'class_tutors',
		key: 'class_id = NEW.class_id AND volunteer_id = NEW.volunteer_id',
		parent: 'classes',
		column: 'class_id'
	},
	{
		table: 'sessions',
		key: 'token_hash = NEW.token_hash',
		parent: 'volunteers',
		column: 'volunteer_id'
	},
	{ table: 'mutations', key: 'id = NEW.id', parent: 'sync_devices', column: 'device_id' }
];

const explicit = ['venues', 'volunteers', 'class_series', 'sync_devices'];

/** Every table that gets a `town_id`. */
export const townTables = [...explicit, ...derived.map((entry) => entry.table), 'audit_log'];

// Ids are UUIDs, unique across tables: the record an audit line names is in one of them.
const auditTown = `COALESCE(
	(SELECT town_id FROM signups WHERE id = NEW.record_id),
	(SELECT town_id FROM classes WHERE id = NEW.record_id),
	(SELECT town_id FROM venues WHERE id = NEW.record_id),
	(SELECT town_id FROM volunteers WHERE id = NEW.record_id),
	(SELECT town_id FROM class_series WHERE id = NEW.record_id),
	(SELECT town_id FROM consultations WHERE id = NEW.record_id)
)`;

const tables = `
CREATE TABLE towns (
	id TEXT PRIMARY KEY,
	details TEXT NOT NULL,
	suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
	created_at TEXT NOT NULL
);
CREATE TABLE town_hosts (
	host TEXT PRIMARY KEY,
	town_id TEXT NOT NULL REFERENCES towns (id)
);
CREATE INDEX town_hosts_by_town ON town_hosts (town_id);
${townTables.map((table) => `ALTER TABLE ${table} ADD COLUMN town_id TEXT;`).join('\n')}
CREATE INDEX venues_by_town ON venues (town_id);
CREATE INDEX volunteers_by_town ON volunteers (town_id);
CREATE INDEX classes_by_town_start ON classes (town_id, starts_at);
CREATE INDEX classes_by_town_change ON classes (town_id, change_seq);
CREATE INDEX signups_by_town_change ON signups (town_id, change_seq);
CREATE INDEX attendance_by_town_change ON attendance (town_id, change_seq);
CREATE INDEX contact_marks_by_town_change ON contact_marks (town_id, change_seq);
CREATE INDEX consultations_by_town ON consultations (town_id, starts_at);
CREATE INDEX audit_log_by_town ON audit_log (town_id, at);
`;

/**
 * SQLite's trigger that gives a new row left without a town the town `value` (an SQL expression
 * over NEW); `key` finds the row again (SQLite cannot change a row before its insert).
 */
function sqliteTownTrigger(table: string, key: string, value: string): string {
	return `CREATE TRIGGER ${table}_town AFTER INSERT ON ${table}
WHEN NEW.town_id IS NULL
BEGIN
	UPDATE ${table} SET town_id = ${value} WHERE ${key};
END;`;
}

/** PostgreSQL's trigger giving a new row without a town the town `value`, before storing it. */
function postgresTownTrigger(table: string, value: string): string {
	return `CREATE FUNCTION yorisoi_${table}_town() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
	IF NEW.town_id IS NULL THEN
		NEW.town_id := ${value};
	END IF;
	RETURN NEW;
END;
$fn$;
CREATE TRIGGER ${table}_town BEFORE INSERT ON ${table}
	FOR EACH ROW EXECUTE FUNCTION yorisoi_${table}_town();`;
}

/** The town of a derived table's new row: its parent's. */
const parentsTown = ({ parent, column }: { parent: string; column: string }) =>
	`(SELECT town_id FROM ${parent} WHERE id = NEW.${column})`;

export const sql = `${tables}
${derived.map((entry) => sqliteTownTrigger(entry.table, entry.key, parentsTown(entry))).join('\n')}
${sqliteTownTrigger('audit_log', 'id = NEW.id', auditTown)}
`;

export const postgres = `${tables}
${derived.map((entry) => postgresTownTrigger(entry.table, parentsTown(entry))).join('\n')}
${postgresTownTrigger('audit_log', auditTown)}
`;

/** Every row from before belongs to the default town, which is made here. */
export async function backfill(tx: Database): Promise<void> {
	// The town schema allows only `[a-z0-9-]` in an id: safe inside the statements.
	if (!/^[a-z0-9-]+$/.test(defaultTown.id)) throw new Error('invalid default town id');
	const fallback = `'${defaultTown.id}'`;
	// Each of these tables is keyed by `id`.
	for (const table of explicit) {
		await tx.exec(
			tx.dialect === 'postgres'
				? postgresTownTrigger(table, fallback)
				: sqliteTownTrigger(table, 'id = NEW.id', fallback)
		);
	}
	await tx.run('INSERT INTO towns (id, details, suspended, created_at) VALUES (?, ?, 0, ?)', [
		defaultTown.id,
		JSON.stringify(defaultTown),
		new Date().toISOString()
	]);
	for (const table of townTables) {
		await tx.run(`UPDATE ${table} SET town_id = ? WHERE town_id IS NULL`, [defaultTown.id]);
	}
}
