import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { Database } from './database';

/** Transactions committed together at most (a bound on one batch's latency). */
const maxBatch = 128;

type PendingTransaction = {
	work: (tx: Database) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
};

/**
 * SQLite through `node:sqlite`: WAL, synchronous=FULL (an acknowledged sign-up survives a
 * crash or power cut), a busy timeout for other processes, and BEGIN IMMEDIATE for every
 * read-then-write. One connection per process, so calls are queued: a transaction's awaits
 * must not let another request's statements into it.
 *
 * Group commit: transactions that arrive while the connection is busy wait together and then
 * run one after another inside one BEGIN IMMEDIATE … COMMIT, each in its own savepoint (a
 * failing one is rolled back alone). One fsync then makes the whole group durable, and no
 * caller hears of its result before that COMMIT has returned.
 */
export function openSqlite(path: string): Database {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const connection = new DatabaseSync(path, { timeout: 5_000 });
	connection.exec('PRAGMA journal_mode = WAL');
	connection.exec('PRAGMA synchronous = FULL');
	connection.exec('PRAGMA foreign_keys = ON');
	// A 32 MiB page cache (SQLite's default is 2 MiB): with many towns in one file, a
	// volunteer's pull reads its town's rows from all over it.
	connection.exec('PRAGMA cache_size = -32768');

	let queue: Promise<unknown> = Promise.resolve();
	function serialised<T>(work: () => Promise<T>): Promise<T> {
		const result = queue.then(work, work);
		queue = result.catch(() => undefined);
		return result;
	}

	// Statements are prepared once per SQL text: preparing costs more than running them.
	const statements = new Map<string, StatementSync>();
	function statement(sql: string): StatementSync {
		let prepared = statements.get(sql);
		if (!prepared) {
			prepared = connection.prepare(sql);
			statements.set(sql, prepared);
		}
		return prepared;
	}

	const values = (params: readonly unknown[]) => params as SQLInputValue[];
	const direct: Database = {
		dialect: 'sqlite',
		lockRows: '',
		all: async <T>(sql: string, params: readonly unknown[] = []) =>
			statement(sql).all(...values(params)) as T[],
		first: async <T>(sql: string, params: readonly unknown[] = []) =>
			statement(sql).get(...values(params)) as T | undefined,
		run: async (sql, params = []) => ({
			changes: Number(statement(sql).run(...values(params)).changes)
		}),
		exec: async (sql) => {
			connection.exec(sql);
		},
		transaction: (work) => work(direct),
		close: async () => connection.close()
	};

	let collecting: PendingTransaction[] | null = null;

	async function commitGroup(group: PendingTransaction[]): Promise<void> {
		// Later arrivals form the next group while this one runs and commits.
		if (collecting === group) collecting = null;
		// Callers hear of their outcome only once the group is committed.
		const settle: (() => void)[] = [];
		try {
			connection.exec('BEGIN IMMEDIATE');
			for (const pending of group) {
				connection.exec('SAVEPOINT one');
				try {
					const value = await pending.work(direct);
					connection.exec('RELEASE one');
					settle.push(() => pending.resolve(value));
				} catch (error) {
					// Some errors (disk full, I/O) make SQLite roll back the whole transaction itself;
					// then the group is lost and everyone hears of it below.
					if (!connection.isTransaction) throw error;
					connection.exec('ROLLBACK TO one');
					connection.exec('RELEASE one');
					settle.push(() => pending.reject(error));
				}
			}
			connection.exec('COMMIT');
		} catch (error) {
			if (connection.isTransaction) connection.exec('ROLLBACK');
			for (const pending of group) pending.reject(error);
			return;
		}
		for (const done of settle) done();
	}

	return {
		...direct,
		all: (sql, params) => serialised(() => direct.all(sql, params)),
		first: (sql, params) => serialised(() => direct.first(sql, params)),
		run: (sql, params) => serialised(() => direct.run(sql, params)),
		exec: (sql) => serialised(() => direct.exec(sql)),
		transaction: <T>(work: (tx: Database) => Promise<T>) =>
			new Promise<T>((resolve, reject) => {
				if (!collecting || collecting.length >= maxBatch) {
					const group: PendingTransaction[] = [];
					collecting = group;
					// Start after the requests already read from the network have joined the group.
					setImmediate(() => void serialised(() => commitGroup(group)));
				}
				collecting.push({
					work,
					resolve: resolve as (value: unknown) => void,
					reject
				});
			}),
		close: () => serialised(() => direct.close())
	};
}
