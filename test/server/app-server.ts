import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** The production build the HTTP tests run (`npm run build` makes it). */
export const buildEntry = resolve('build/index.js');

/** Fails with what to do when there is no production build. */
export function requireBuild(): void {
	if (!existsSync(buildEntry)) {
		throw new Error(`${buildEntry} is missing: run "npm run build" in the project folder first`);
	}
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => done(port));
		});
	});
}

const running = new Set<AppServer>();

/** Stops every server still running (afterAll / afterEach, also when a test failed). */
export async function stopAllServers(): Promise<void> {
	await Promise.all([...running].map((server) => server.stop()));
}

/** How a test server differs from the default one. */
export type AppServerOptions = {
	/** More environment variables (YORISOI_ADMIN_EMAIL, say). */
	env?: Record<string, string>;
	/** Keeps the rate limits on (they are off by default: YORISOI_RATE_LIMITS=off). */
	rateLimits?: boolean;
	/** Another build folder to serve (a copy a test may change); default `build/`. */
	buildDir?: string;
};

/** One `node build/index.js` process on its own port and database. */
export class AppServer {
	readonly databaseUrl: string;
	readonly options: AppServerOptions;
	port = 0;
	#child: ChildProcess | null = null;
	#output = '';

	constructor(databaseUrl: string, options: AppServerOptions = {}) {
		this.databaseUrl = databaseUrl;
		this.options = options;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** What the server printed (for failure messages). */
	get output(): string {
		return this.#output;
	}

	/** Starts the server and waits until `GET /` answers. */
	async start(): Promise<void> {
		requireBuild();
		if (this.#child) throw new Error('server already running');
		// A restart keeps the port, like a real server: clients keep their address for it.
		if (this.port === 0) this.port = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PORT: String(this.port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${this.port}`,
			DATABASE_URL: this.databaseUrl,
			YORISOI_DEMO: '1',
			// Thousands of requests from one address are the point of these tests.
			YORISOI_RATE_LIMITS: 'off',
			NODE_ENV: 'production',
			...this.options.env
		};
		if (this.options.rateLimits) delete env.YORISOI_RATE_LIMITS;
		const entry = this.options.buildDir ? resolve(this.options.buildDir, 'index.js') : buildEntry;
		const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
		this.#child = child;
		running.add(this);
		const deadline = Date.now() + 20_000;
		while (Date.now() < deadline) {
			if (child.exitCode !== null || child.signalCode !== null) {
				this.#forget();
				throw new Error(
					`server exited (${child.exitCode ?? child.signalCode}) at start:\n${this.#output}`
				);
			}
			try {
				const response = await fetch(`${this.url}/`, { signal: AbortSignal.timeout(2_000) });
				await response.arrayBuffer();
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((done) => setTimeout(done, 100));
		}
		await this.stop();
		throw new Error(`server did not answer on ${this.url} within 20 s:\n${this.#output}`);
	}

	/** Stops the server with `signal` (SIGKILL is a crash) and waits until it has exited. */
	async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
		const child = this.#child;
		if (!child) return;
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((done) => child.once('exit', done));
			child.kill(signal);
			const slow = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(slow);
		}
		this.#forget();
	}

	/** The server's process id while it runs (`node build` keeps it when it starts again). */
	get pid(): number | undefined {
		return this.#child?.pid;
	}

	/** True while the process runs. */
	get alive(): boolean {
		return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
	}

	#forget(): void {
		this.#child = null;
		running.delete(this);
	}
}
