import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Database } from './database';

/**
 * SQLite through `node:sqlite`: WAL, synchronous=FULL (an acknowledged sign-up survives a
 * crash or power cut), a busy timeout for other processes, and BEGIN IMMEDIATE for every
 * read-then-write. One connection per process, so calls are queued: a transaction's awaits
 * must not let another request's statements into it.
 */
export function openSqlite(path: string): Database {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const connection = new DatabaseSync(path, { timeout: 5_000 });
	connection.exec('PRAGMA journal_mode = WAL');
	connection.exec('PRAGMA synchronous = FULL');
	connection.exec('PRAGMA foreign_keys = ON');

	let queue: Promise<unknown> = Promise.resolve();
	function serialised<T>(work: () => Promise<T>): Promise<T> {
		const result = queue.then(work, work);
		queue = result.catch(() => undefined);
		return result;
	}

	const values = (params: readonly unknown[]) => params as SQLInputValue[];
	const direct: Database = {
		dialect: 'sqlite',
		lockRows: '',
		all: async <T>(sql: string, params: readonly unknown[] = []) =>
			connection.prepare(sql).all(...values(params)) as T[],
		first: async <T>(sql: string, params: readonly unknown[] = []) =>
			connection.prepare(sql).get(...values(params)) as T | undefined,
		run: async (sql, params = []) => ({
			changes: Number(connection.prepare(sql).run(...values(params)).changes)
		}),
		exec: async (sql) => {
			connection.exec(sql);
		},
		transaction: (work) => work(direct),
		close: async () => connection.close()
	};

	return {
		...direct,
		all: (sql, params) => serialised(() => direct.all(sql, params)),
		first: (sql, params) => serialised(() => direct.first(sql, params)),
		run: (sql, params) => serialised(() => direct.run(sql, params)),
		exec: (sql) => serialised(() => direct.exec(sql)),
		transaction: (work) =>
			serialised(async () => {
				connection.exec('BEGIN IMMEDIATE');
				try {
					const result = await work(direct);
					connection.exec('COMMIT');
					return result;
				} catch (error) {
					connection.exec('ROLLBACK');
					throw error;
				}
			}),
		close: () => serialised(() => direct.close())
	};
}
