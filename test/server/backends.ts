import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where the machine's PostgreSQL is (trust auth); fresh test databases are made beside it. */
export const postgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database made for one suite: where it is, and how to remove it afterwards. */
export type TestDatabase = {
	/** What DATABASE_URL (or `openDatabase`) takes: a SQLite file path or a postgres:// URL. */
	url: string;
	/** Removes the database (the file, or DROP DATABASE … WITH (FORCE)). */
	drop(): Promise<void>;
};

/** One storage backend the suites run over; `skipReason` is set when it cannot run here. */
export type Backend = {
	name: 'sqlite' | 'postgres';
	skipReason: string | null;
	/** Makes a new, empty database (no migrations applied). */
	create(): Promise<TestDatabase>;
};

/** Runs `work` on a connection to the admin database, closed after. */
export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({
		connectionString: postgresAdminUrl,
		connectionTimeoutMillis: 2_000
	});
	// A connection error after connect() must fail the call, not crash the test process.
	client.on('error', () => undefined);
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** Why PostgreSQL cannot be used here, or null when it answers within two seconds. */
export async function postgresUnavailable(): Promise<string | null> {
	try {
		await withAdmin((client) => client.query('SELECT 1'));
		return null;
	} catch (error) {
		return `cannot connect to ${postgresAdminUrl} within 2 s (${(error as Error).message})`;
	}
}

const sqlite: Backend = {
	name: 'sqlite',
	skipReason: null,
	create: async () => {
		const folder = mkdtempSync(join(tmpdir(), 'yorisoi-test-'));
		return {
			url: join(folder, 'yorisoi.sqlite'),
			drop: async () => rmSync(folder, { recursive: true, force: true })
		};
	}
};

const postgresSkipReason = await postgresUnavailable();
if (postgresSkipReason) {
	console.warn(`PostgreSQL server tests are SKIPPED: ${postgresSkipReason}`);
}

const postgres: Backend = {
	name: 'postgres',
	skipReason: postgresSkipReason,
	create: async () => {
		const name = `yorisoi_test_${randomBytes(6).toString('hex')}`;
		await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
		const url = new URL(postgresAdminUrl);
		url.pathname = `/${name}`;
		return {
			url: url.toString(),
			drop: async () => {
				await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
			}
		};
	}
};

/** SQLite on a temporary file, and PostgreSQL when the machine has it. */
export const backends: readonly Backend[] = [sqlite, postgres];

/** The PostgreSQL backend (for the tests that only make sense on it). */
export const postgresBackend: Backend = postgres;
