// The processes a benchmark starts: the production server on a fresh demo database, and
// Debian's Chromium with a DevTools port for Lighthouse. Both on ports the kernel picks.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Debian's Chromium (never a downloaded browser) and the flags the e2e tests use. */
export const chromiumPath = '/usr/bin/chromium';
export const chromiumFlags = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
	'--disable-sync',
	'--disable-quic'
];

/** A port nobody listens on right now. */
export function freePort() {
	return /** @type {Promise<number>} */ (
		new Promise((done, fail) => {
			const probe = createServer();
			probe.once('error', fail);
			probe.listen(0, '127.0.0.1', () => {
				const address = probe.address();
				const port = typeof address === 'object' && address ? address.port : 0;
				probe.close(() => done(port));
			});
		})
	);
}

/** Polls a URL until it answers (any status), or fails after `seconds`. */
async function waitForAnswer(/** @type {string} */ url, seconds = 30) {
	const deadline = Date.now() + seconds * 1000;
	while (Date.now() < deadline) {
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
			await response.arrayBuffer();
			return;
		} catch {
			// Not listening yet.
		}
		await new Promise((done) => setTimeout(done, 100));
	}
	throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Sends SIGTERM (SIGKILL after 10 s) and waits until the process has exited. */
async function stopProcess(/** @type {import('node:child_process').ChildProcess} */ child) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((done) => child.once('exit', done));
	child.kill('SIGTERM');
	const slow = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(slow);
}

/**
 * `node build` as in production (NODE_ENV=production, ORIGIN set) on a fresh SQLite file with
 * the demo town seeded. `stop()` really stops it, so a service worker is truly offline.
 */
export async function startApp(
	/** @type {string} */ buildDir = 'build',
	/** @type {Record<string, string>} */ env = {}
) {
	const folder = mkdtempSync(join(tmpdir(), 'yorisoi-bench-app-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [resolve(buildDir, 'index.js')], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			DATABASE_URL: join(folder, 'yorisoi.sqlite'),
			YORISOI_DEMO: '1',
			NODE_ENV: 'production',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await waitForAnswer(`${url}/`);
	return {
		url,
		pid: child.pid,
		stop: async () => {
			await stopProcess(child);
			rmSync(folder, { recursive: true, force: true });
		}
	};
}

/** Chromium with a DevTools port and a fresh profile (no cache, no service worker). */
export async function startChromium() {
	const profile = mkdtempSync(join(tmpdir(), 'yorisoi-bench-chromium-'));
	const port = await freePort();
	const child = spawn(
		chromiumPath,
		[
			...chromiumFlags,
			`--remote-debugging-port=${port}`,
			`--user-data-dir=${profile}`,
			'about:blank'
		],
		{ stdio: 'ignore' }
	);
	await waitForAnswer(`http://127.0.0.1:${port}/json/version`);
	return {
		port,
		stop: async () => {
			await stopProcess(child);
			rmSync(profile, { recursive: true, force: true });
		}
	};
}
