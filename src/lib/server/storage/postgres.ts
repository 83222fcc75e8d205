import pg from 'pg';
import type { Database } from './database';

// PostgreSQL error codes worth retrying: serialization_failure, deadlock_detected, and
// unique_violation (two requests racing to insert one id: the retry finds the first's row).
const retryable = new Set(['40001', '40P01', '23505']);
const maxAttempts = 5;

/** Turns `?` placeholders into PostgreSQL's `$1, $2, …` (our SQL has no literal `?`). */
export function toPostgresPlaceholders(sql: string): string {
	let index = 0;
	return sql.replace(/\?/g, () => `$${++index}`);
}

type Queryable = pg.Pool | pg.PoolClient;

function over(client: Queryable): Omit<Database, 'transaction' | 'close'> {
	return {
		dialect: 'postgres',
		lockRows: ' FOR UPDATE',
		all: async <T>(sql: string, params: readonly unknown[] = []) =>
			(await client.query(toPostgresPlaceholders(sql), params as unknown[])).rows as T[],
		first: async <T>(sql: string, params: readonly unknown[] = []) =>
			(await client.query(toPostgresPlaceholders(sql), params as unknown[])).rows[0] as
				T | undefined,
		run: async (sql, params = []) => ({
			changes: (await client.query(toPostgresPlaceholders(sql), params as unknown[])).rowCount ?? 0
		}),
		exec: async (sql) => {
			await client.query(sql);
		}
	};
}

/**
 * PostgreSQL through a `pg` pool. Transactions run at READ COMMITTED with explicit row locks
 * (`lockRows`), and are retried when PostgreSQL reports a serialization failure or deadlock.
 */
export function openPostgres(url: string): Database {
	// A burst of sign-ups queues for a connection rather than failing: a busy minute at the hall
	// should slow answers down, not refuse them.
	const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 15_000 });
	// An idle client losing its connection must not crash the server; the pool replaces it.
	pool.on('error', () => undefined);

	return {
		...over(pool),
		transaction: async (work) => {
			for (let attempt = 1; ; attempt += 1) {
				const client = await pool.connect();
				try {
					await client.query('BEGIN');
					const result = await work({
						...over(client),
						transaction: () => Promise.reject(new Error('nested transactions are not supported')),
						close: () => Promise.resolve()
					});
					await client.query('COMMIT');
					return result;
				} catch (error) {
					await client.query('ROLLBACK').catch(() => undefined);
					const code = (error as { code?: string }).code;
					if (!code || !retryable.has(code) || attempt >= maxAttempts) throw error;
				} finally {
					client.release();
				}
			}
		},
		close: () => pool.end()
	};
}
