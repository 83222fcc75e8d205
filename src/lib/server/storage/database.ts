/**
 * The one seam between the server and its database: a thin wrapper with one implementation per
 * backend (sqlite.ts, postgres.ts), so that every query and rule above it is written once.
 * SQL uses `?` placeholders; both backends store booleans as 0/1, times as ISO-8601 UTC text
 * and lists as JSON text, so rows look the same on both.
 */
export interface Database {
	readonly dialect: 'sqlite' | 'postgres';
	/** ` FOR UPDATE` on PostgreSQL (row lock); SQLite locks the whole database instead. */
	readonly lockRows: string;
	/** All rows of a query. */
	all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
	/** The first row of a query, if any. */
	first<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
	/** Runs a statement; returns how many rows it changed. */
	run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
	/** Runs several statements (migrations). */
	exec(sql: string): Promise<void>;
	/**
	 * Runs `work` in a transaction that other writers cannot interleave with (SQLite: BEGIN
	 * IMMEDIATE; PostgreSQL: row locks, retried on serialization failures and deadlocks).
	 */
	transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>;
	/** Closes the connection(s). */
	close(): Promise<void>;
}

/** `?, ?, ?` for a list of values in `IN (…)`. */
export function placeholders(values: readonly unknown[]): string {
	return values.map(() => '?').join(', ');
}

/** Where the database is: a `postgres://` URL, or anything else as a SQLite file path. */
export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//.test(url);
}

/** Opens the database named by `url` (see `isPostgresUrl`). */
export async function openDatabase(url: string): Promise<Database> {
	if (isPostgresUrl(url)) {
		const { openPostgres } = await import('./postgres');
		return openPostgres(url);
	}
	const { openSqlite } = await import('./sqlite');
	return openSqlite(url);
}
