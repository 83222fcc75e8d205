import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The admin every test server creates at start (from YORISOI_ADMIN_EMAIL/PASSWORD). */
export const testAdmin = { email: 'admin@e2e.example', password: 'hall-tablet-e2e-2026' };
/** The operator who hosts the towns (created at start, like the admin). */
export const testOperator = { email: 'operator@e2e.example', password: 'many-towns-e2e-2026' };

/** The production builds the tests serve: the main one, and a later one for update tests. */
export const builds = {
	current: resolve('build'),
	next: resolve('.test-out/build-next')
};

/**
 * A production server (`node build`) that a test can stop and start again, to be truly
 * offline: a service worker's own fetches ignore Playwright's setOffline.
 */
export class AppServer {
	readonly port: number;
	readonly url: string;
	#process: ChildProcess | null = null;
	#buildDir: string | null = null;
	#output = '';
	// Each server keeps its own SQLite file (kept across restarts, like a real deployment).
	readonly #dataDir = mkdtempSync(join(tmpdir(), 'yorisoi-e2e-'));
	/** Settings on top of the test defaults (a proxy in front sets ORIGIN and ADDRESS_HEADER). */
	readonly #env: Record<string, string>;

	constructor(port: number, env: Record<string, string> = {}) {
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.#env = env;
	}

	/** Removes the server's database (call after stop, when the worker ends). */
	removeData(): void {
		rmSync(this.#dataDir, { recursive: true, force: true });
	}

	/** Starts the server from a build folder and waits until it answers (15 s unless told). */
	async start(buildDir: string = builds.current, timeoutMs = 15_000): Promise<void> {
		if (this.#process) throw new Error('server already running');
		if (!existsSync(`${buildDir}/index.js`)) {
			throw new Error(`${buildDir} has no build: run "npm test" (it builds first)`);
		}
		const child = spawn(process.execPath, [`${buildDir}/index.js`], {
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				ORIGIN: this.url,
				DATABASE_URL: join(this.#dataDir, 'yorisoi.sqlite'),
				YORISOI_DEMO: '1',
				YORISOI_ADMIN_EMAIL: testAdmin.email,
				YORISOI_ADMIN_PASSWORD: testAdmin.password,
				YORISOI_OPERATOR_EMAIL: testOperator.email,
				YORISOI_OPERATOR_PASSWORD: testOperator.password,
				// Cheap password hashes: the logins are under test, not scrypt's cost.
				YORISOI_PASSWORD_COST: 'test',
				...this.#env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
		this.#process = child;
		this.#buildDir = buildDir;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null) {
				throw new Error(`server exited with ${child.exitCode}:\n${this.#output}`);
			}
			try {
				const response = await fetch(this.url + '/');
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((done) => setTimeout(done, 100));
		}
		throw new Error(
			`server did not answer on ${this.url} within ${timeoutMs / 1000} s:\n${this.#output}`
		);
	}

	/** Stops the server and waits until its port is closed. */
	async stop(): Promise<void> {
		const child = this.#process;
		if (!child) return;
		this.#process = null;
		if (child.exitCode === null) {
			const exited = new Promise((done) => child.once('exit', done));
			child.kill('SIGTERM');
			await exited;
		}
	}

	/** Makes sure the server runs the given build (after a test stopped or swapped it). */
	async ensure(buildDir: string = builds.current, timeoutMs?: number): Promise<void> {
		if (this.#process && this.#buildDir === buildDir) return;
		await this.stop();
		await this.start(buildDir, timeoutMs);
	}

	/** What the server printed, for failure messages. */
	get output(): string {
		return this.#output;
	}
}
