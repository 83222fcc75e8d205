// The server of one simulated run: the real modules (`pushMutations`, `pullChanges`) on SQLite
// in a file (or on PostgreSQL, a database of its own), behind the two sync endpoints as their
// route files wire them, and a crash that can strike in the middle of a transaction: the
// transaction and the group committing with it are lost, and the server comes back from the
// file (on PostgreSQL: its pool is closed and opened again; what committed stays).
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullQuerySchema, pushRequestSchema, type MutationAnswer } from '$lib/domain/sync';
import { migrate } from '$lib/server/migrations';
import { cancelTokenKey } from '$lib/server/signups';
import { openPostgres } from '$lib/server/storage/postgres';
import { openSqlite } from '$lib/server/storage/sqlite';
import type { Database } from '$lib/server/storage/database';
import { pullChanges, pushMutations, PushError } from '$lib/server/sync';
import { postgresAdminUrl, postgresUnavailable, withAdmin } from '../server/backends';

// The machine's PostgreSQL (trust auth), asked as the server tests ask it.
export { postgresUnavailable };

/** Thrown by every statement of a server that has crashed (the process is gone). */
export class CrashError extends Error {
	constructor() {
		super('server crashed');
	}
}

/** One life of the server process: its connection, and whether it has died. */
type Life = { raw: Database; dead: boolean; crashAfter: number | null; number: number };

/** A request as it reaches the server, and what it answers (null: the connection died). */
export type SimRequest = {
	method: 'GET' | 'POST';
	path: string;
	query: URLSearchParams;
	body: string | null;
	volunteerId: string | null;
};
export type SimResponse = { status: number; body: unknown } | null;

// Migrations are applied once per process to a template file; each run copies it.
let template: { folder: string; file: string } | null = null;

async function migratedTemplate(): Promise<string> {
	if (template && existsSync(template.file)) return template.file;
	const folder = mkdtempSync(join(scratchRoot(), 'yorisoi-sim-template-'));
	const file = join(folder, 'template.sqlite');
	const database = openSqlite(file);
	await migrate(database);
	// Closing the last connection checkpoints the WAL into the file, which is then complete.
	await database.close();
	template = { folder, file };
	process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
	return file;
}

/** Where the simulated server keeps its data. */
export type SimBackend = 'sqlite' | 'postgres';

const postgresUrl = (name: string) => {
	const url = new URL(postgresAdminUrl);
	url.pathname = `/${name}`;
	return url.toString();
};

// On PostgreSQL, migrations are applied once per process to a template database; each run
// is made from it (CREATE DATABASE … TEMPLATE), and dropped after.
let postgresTemplate: string | null = null;

async function migratedPostgresTemplate(): Promise<string> {
	if (postgresTemplate) return postgresTemplate;
	const name = `yorisoi_sim_template_${randomBytes(5).toString('hex')}`;
	await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
	const database = openPostgres(postgresUrl(name));
	try {
		await migrate(database);
	} finally {
		await database.close();
	}
	postgresTemplate = name;
	return name;
}

/** Drops the PostgreSQL template database of this process, if one was made. */
export async function dropSimTemplates(): Promise<void> {
	const name = postgresTemplate;
	if (!name) return;
	postgresTemplate = null;
	await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Memory-backed when the machine has it: fsync there costs nothing, and runs are many. */
function scratchRoot(): string {
	return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

export class SimServer {
	/** SQLite: the run's folder and file; PostgreSQL: no folder, and the database's URL. */
	readonly folder: string;
	readonly file: string;
	key = '';
	#life!: Life;
	#lives = 0;
	/** The clock the server reads (virtual, never skewed). */
	readonly now: () => Date;
	/** Every answer the server gave to a push, per mutation id, in order (even if then lost). */
	readonly produced = new Map<string, MutationAnswer[]>();

	readonly backend: SimBackend;

	private constructor(now: () => Date, backend: SimBackend) {
		this.now = now;
		this.backend = backend;
		if (backend === 'sqlite') {
			this.folder = mkdtempSync(join(scratchRoot(), 'yorisoi-sim-'));
			this.file = join(this.folder, 'yorisoi.sqlite');
		} else {
			this.folder = '';
			this.file = postgresUrl(`yorisoi_sim_${randomBytes(6).toString('hex')}`);
		}
	}

	/** A server on a fresh migrated database; the cancel-token key comes from the seed. */
	static async start(
		now: () => Date,
		key: string,
		backend: SimBackend = 'sqlite'
	): Promise<SimServer> {
		const server = new SimServer(now, backend);
		if (backend === 'sqlite') copyFileSync(await migratedTemplate(), server.file);
		else {
			const template = await migratedPostgresTemplate();
			const name = server.#databaseName;
			await withAdmin(async (client) => {
				await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
				// Commits need not wait for the disk: the simulated crashes are the simulator's own
				// (PostgreSQL itself keeps running), so this changes no outcome, only the time.
				await client.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
			});
		}
		const raw = server.#connect();
		await raw.run('INSERT INTO app_secrets (name, value) VALUES (?, ?)', ['cancel-token-key', key]);
		await raw.close();
		await server.#open();
		return server;
	}

	get #databaseName(): string {
		return new URL(this.file).pathname.slice(1);
	}

	#connect(): Database {
		return this.backend === 'sqlite' ? openSqlite(this.file) : openPostgres(this.file);
	}

	async #open(): Promise<void> {
		const raw = this.#connect();
		// What a starting server does: migrations (none left to apply) and the key.
		await migrate(raw);
		this.key = await cancelTokenKey(raw);
		this.#lives += 1;
		this.#life = { raw, dead: false, crashAfter: null, number: this.#lives };
	}

	get up(): boolean {
		return !this.#life.dead;
	}

	/** The database as the handlers see it: every statement checks that the process lives. */
	get database(): Database {
		return guarded(this.#life);
	}

	/** The database for the checks at the end (the server is up by then). */
	get direct(): Database {
		return this.#life.raw;
	}

	/** The next push transaction dies after `statements` of its statements. */
	armCrash(statements: number): void {
		this.#life.crashAfter = statements;
	}

	/** The faults are over: no crash is waiting any more. */
	disarmCrash(): void {
		this.#life.crashAfter = null;
	}

	get crashArmed(): boolean {
		return this.#life.crashAfter !== null;
	}

	/** Starts again from the file, as a supervisor restarts a crashed process. */
	async restart(): Promise<void> {
		const old = this.#life;
		old.dead = true;
		await old.raw.close().catch(() => undefined);
		await this.#open();
	}

	async close(): Promise<void> {
		this.#life.dead = true;
		await this.#life.raw.close().catch(() => undefined);
		if (this.backend === 'sqlite') rmSync(this.folder, { recursive: true, force: true });
		else {
			const name = this.#databaseName;
			await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
		}
	}

	/** The two sync endpoints, as src/routes/api/sync/{push,pull}/+server.ts wire them. */
	async handle(request: SimRequest): Promise<SimResponse> {
		const life = this.#life;
		if (life.dead) return null;
		try {
			if (request.method === 'POST' && request.path === '/api/sync/push') {
				const parsed = pushRequestSchema.safeParse(JSON.parse(request.body ?? 'null'));
				if (!parsed.success) return { status: 400, body: { error: { code: 'invalid_input' } } };
				const answers = await pushMutations(guarded(life), {
					pusher: { deviceId: parsed.data.deviceId, volunteerId: request.volunteerId },
					mutations: parsed.data.mutations,
					now: this.now(),
					key: this.key,
					locale: 'ja'
				});
				// Returned: every mutation of the push has committed, whatever happens next.
				for (const answer of answers) {
					const list = this.produced.get(answer.id) ?? [];
					list.push(answer);
					this.produced.set(answer.id, list);
				}
				return life.dead ? null : { status: 200, body: { answers } };
			}
			if (request.method === 'GET' && request.path === '/api/sync/pull') {
				const parsed = pullQuerySchema.safeParse({
					deviceId: request.query.get('deviceId') ?? undefined,
					cursor: request.query.get('cursor') ?? '0'
				});
				if (!parsed.success) return { status: 400, body: { error: { code: 'invalid_input' } } };
				const answer = await pullChanges(guarded(life), {
					...parsed.data,
					volunteer: request.volunteerId !== null,
					now: this.now()
				});
				return life.dead ? null : { status: 200, body: answer };
			}
			return { status: 404, body: { error: { code: 'not_found' } } };
		} catch (error) {
			if (error instanceof PushError) return { status: 401, body: { error: { code: error.code } } };
			// A crash takes the connection with it; anything else is the server's 500.
			if (life.dead || error instanceof CrashError) return null;
			throw error;
		}
	}
}

/**
 * The connection of one life, checked at every statement. Inside a transaction an armed crash
 * strikes after its count of statements: the whole SQLite transaction is rolled back (as the
 * WAL is after a crash: nothing of it, nor of the group committing with it, was committed)
 * and the life ends.
 */
function guarded(life: Life): Database {
	const alive = () => {
		if (life.dead) throw new CrashError();
	};
	const inTransaction = (tx: Database): Database => {
		const step = () => {
			alive();
			if (life.crashAfter === null) return;
			life.crashAfter -= 1;
			if (life.crashAfter > 0) return;
			life.crashAfter = null;
			life.dead = true;
			// SQLite: runs at once (node:sqlite is synchronous), the open BEGIN IMMEDIATE is undone.
			// PostgreSQL: queued on the transaction's connection before anything else it runs.
			void tx.exec('ROLLBACK');
			throw new CrashError();
		};
		return {
			dialect: tx.dialect,
			lockRows: tx.lockRows,
			all: async (sql, params) => (step(), tx.all(sql, params)),
			first: async (sql, params) => (step(), tx.first(sql, params)),
			run: async (sql, params) => (step(), tx.run(sql, params)),
			exec: async (sql) => (step(), tx.exec(sql)),
			transaction: (work) => tx.transaction((inner) => work(inTransaction(inner))),
			close: () => tx.close()
		};
	};
	const { raw } = life;
	return {
		dialect: raw.dialect,
		lockRows: raw.lockRows,
		all: async (sql, params) => (alive(), raw.all(sql, params)),
		first: async (sql, params) => (alive(), raw.first(sql, params)),
		run: async (sql, params) => (alive(), raw.run(sql, params)),
		exec: async (sql) => (alive(), raw.exec(sql)),
		transaction: async (work) => (alive(), raw.transaction((tx) => work(inTransaction(tx)))),
		close: () => raw.close()
	};
}
