import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from './storage/database';

/**
 * The server's figures for an operator's Prometheus (`GET /metrics`): requests and their time by
 * route pattern, sign-ups by outcome, sync pushes and what became of their mutations, rate-limit
 * refusals, time spent in the database, and the process's own (memory, CPU, event loop). Labels
 * are patterns, kinds and codes only: never an id, a path or anything a person typed.
 */
export const metrics = new Registry();
collectDefaultMetrics({ register: metrics });

export const requestSeconds = new Histogram({
	name: 'yorisoi_http_request_duration_seconds',
	help: 'Time to answer a request the app handles (not static files), by route pattern',
	labelNames: ['method', 'route', 'status'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
	registers: [metrics]
});

export const signupsTotal = new Counter({
	name: 'yorisoi_signups_total',
	help: 'Sign-ups by outcome: confirmed, waitlisted, retry (the same id again) or the refusal code',
	labelNames: ['outcome'] as const,
	registers: [metrics]
});

export const syncPushesTotal = new Counter({
	name: 'yorisoi_sync_pushes_total',
	help: 'Sync pushes answered',
	registers: [metrics]
});

export const mutationsTotal = new Counter({
	name: 'yorisoi_sync_mutations_total',
	help: 'Pushed mutations by kind and outcome (applied, or the refusal code)',
	labelNames: ['kind', 'outcome'] as const,
	registers: [metrics]
});

export const rateLimitedTotal = new Counter({
	name: 'yorisoi_rate_limited_total',
	help: 'Requests refused by a rate limit',
	registers: [metrics]
});

export const databaseSeconds = new Histogram({
	name: 'yorisoi_database_duration_seconds',
	help: 'Time in the database per call (a transaction counts once, as a whole)',
	labelNames: ['operation'] as const,
	buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
	registers: [metrics]
});

/** The database with each call timed into `yorisoi_database_duration_seconds`. */
export function timedDatabase(database: Database): Database {
	const time = <T>(operation: string, call: () => Promise<T>): Promise<T> => {
		const end = databaseSeconds.startTimer({ operation });
		return call().finally(() => end());
	};
	return {
		dialect: database.dialect,
		lockRows: database.lockRows,
		all: <T>(sql: string, params?: readonly unknown[]) =>
			time('all', () => database.all<T>(sql, params)),
		first: <T>(sql: string, params?: readonly unknown[]) =>
			time('first', () => database.first<T>(sql, params)),
		run: (sql, params) => time('run', () => database.run(sql, params)),
		exec: (sql) => time('exec', () => database.exec(sql)),
		transaction: (work) => time('transaction', () => database.transaction(work)),
		close: () => database.close()
	};
}
