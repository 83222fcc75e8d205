import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { freePort } from '../server/app-server';
import { AppServer, builds, testAdmin } from './server';

// The app as a town deploys it: behind Debian's Caddy with deploy/Caddyfile (TLS from Caddy's
// own local authority here, `local_certs`), under a host name that is not a secure context
// without TLS, so the service worker installs only because https works. Chromium trusts Caddy's
// root through an NSS database of its own, as a town's machines trust their certificate.
const caddyPath = '/usr/bin/caddy';
const certutilPath = '/usr/bin/certutil';
const host = 'hall.yorisoi.internal';

/** What a request through the proxy answered. */
type Answer = {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
};

test.describe('behind Caddy with TLS', () => {
	// One proxy, one app and one browser for the four checks, in order.
	test.describe.configure({ mode: 'serial' });
	test.skip(
		!existsSync(caddyPath) || !existsSync(certutilPath),
		`${caddyPath} or ${certutilPath} missing (apt-get install caddy libnss3-tools)`
	);

	const work = mkdtempSync(join(tmpdir(), 'yorisoi-tls-'));
	let app: AppServer;
	let caddy: ChildProcess;
	let caddyLog = '';
	let origin = '';
	let port = 0;
	let rootCertificate = '';
	let browser: Browser;

	/** A request through Caddy from a loopback address of our choosing (the resident's). */
	function viaProxy(
		path: string,
		options: {
			method?: string;
			from?: string;
			headers?: Record<string, string>;
			body?: string;
		} = {}
	): Promise<Answer> {
		return new Promise((done, fail) => {
			const outgoing = httpsRequest(
				{
					host: '127.0.0.1',
					port,
					path,
					method: options.method ?? 'GET',
					servername: host,
					ca: rootCertificate,
					localAddress: options.from ?? '127.0.0.1',
					headers: { host: `${host}:${port}`, ...options.headers }
				},
				(incoming) => {
					let body = '';
					incoming.setEncoding('utf8');
					incoming.on('data', (chunk: string) => (body += chunk));
					incoming.on('end', () =>
						done({ status: incoming.statusCode ?? 0, headers: incoming.headers, body })
					);
				}
			);
			outgoing.on('error', fail);
			outgoing.end(options.body);
		});
	}

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		port = await freePort();
		origin = `https://${host}:${port}`;
		app = new AppServer(await freePort(), {
			ORIGIN: origin,
			ADDRESS_HEADER: 'X-Forwarded-For',
			XFF_DEPTH: '1',
			// Small, so that the test can reach it: per address, as a community hall's router is one.
			YORISOI_RATE_SIGNUPS_PER_IP: '2'
		});
		await app.start(builds.current, 30_000);

		// The town's Caddyfile, imported under global options that keep Caddy inside this test:
		// its own storage, no admin port, no attempt to touch the system's trust store.
		const config = join(work, 'Caddyfile');
		writeFileSync(
			config,
			`{
	admin off
	storage file_system ${join(work, 'caddy')}
	skip_install_trust
	local_certs
	http_port ${await freePort()}
	auto_https disable_redirects
}
import ${resolve('deploy/Caddyfile')}
`
		);
		caddy = spawn(caddyPath, ['run', '--adapter', 'caddyfile', '--config', config], {
			env: {
				...process.env,
				HOME: work,
				XDG_CONFIG_HOME: join(work, 'config'),
				XDG_DATA_HOME: join(work, 'data'),
				YORISOI_DOMAIN: `${host}:${port}`,
				YORISOI_UPSTREAM: `127.0.0.1:${app.port}`
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		caddy.stdout?.on('data', (chunk: Buffer) => (caddyLog += chunk.toString()));
		caddy.stderr?.on('data', (chunk: Buffer) => (caddyLog += chunk.toString()));

		const root = join(work, 'caddy/pki/authorities/local/root.crt');
		const deadline = Date.now() + 30_000;
		for (;;) {
			if (caddy.exitCode !== null) throw new Error(`caddy exited:\n${caddyLog}`);
			if (existsSync(root)) {
				rootCertificate = readFileSync(root, 'utf8');
				const ready = await viaProxy('/healthz').then(
					(answer) => answer.status === 200,
					() => false
				);
				if (ready) break;
			}
			if (Date.now() > deadline) throw new Error(`caddy did not serve TLS in 30 s:\n${caddyLog}`);
			await new Promise((wait) => setTimeout(wait, 200));
		}

		// Chromium on Linux trusts what $HOME/.pki/nssdb says.
		const nssdb = join(work, '.pki/nssdb');
		mkdirSync(nssdb, { recursive: true });
		for (const args of [
			['-N', '-d', `sql:${nssdb}`, '--empty-password'],
			['-A', '-d', `sql:${nssdb}`, '-n', 'yorisoi-test-caddy', '-t', 'C,,', '-i', root]
		]) {
			const made = spawnSync(certutilPath, args, { encoding: 'utf8' });
			if (made.status !== 0) throw new Error(`certutil ${args[0]}: ${made.stderr}`);
		}
		browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			env: { ...process.env, HOME: work },
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run',
				'--disable-sync',
				'--disable-quic',
				`--host-resolver-rules=MAP ${host} 127.0.0.1`
			]
		});
	});

	test.afterAll(async () => {
		await browser?.close();
		if (caddy && caddy.exitCode === null) {
			const exited = new Promise((done) => caddy.once('exit', done));
			caddy.kill('SIGTERM');
			await exited;
		}
		await app?.stop();
		app?.removeData();
		rmSync(work, { recursive: true, force: true });
	});

	test('a resident’s phone installs the app over https and opens a lesson with the server gone', async () => {
		const context = await browser.newContext({
			locale: 'ja-JP',
			timezoneId: 'Asia/Tokyo',
			viewport: { width: 390, height: 844 }
		});
		const page = await context.newPage();
		await page.goto(`${origin}/`);
		expect(await page.evaluate(() => [location.protocol, window.isSecureContext])).toEqual([
			'https:',
			true
		]);
		// The whole precache arrives and the worker takes the page.
		await expect
			.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
				timeout: 90_000
			})
			.toBe(true);
		await page.goto(`${origin}/lessons`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

		// The app stops behind a running proxy (Caddy answers 502): the device still has it.
		await app.stop();
		try {
			await page.goto(`${origin}/lessons`);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		} finally {
			await app.start(builds.current, 30_000);
		}
		await context.close();
	});

	test('the session cookie is Secure and form posts pass the origin check', async () => {
		const login = await viaProxy('/api/volunteer/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin },
			body: JSON.stringify(testAdmin)
		});
		expect(login.status).toBe(200);
		const cookie = [login.headers['set-cookie'] ?? []]
			.flat()
			.find((line) => line.startsWith('yorisoi_session='));
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/;\s*HttpOnly/i);

		// SvelteKit refuses a form post whose Origin is not the app's: ORIGIN makes ours the app's.
		const form = 'email=nobody%40example.jp&password=wrong-password-123';
		const ours = await viaProxy('/volunteer/login', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
			body: form
		});
		expect(ours.status).not.toBe(403);
		const theirs = await viaProxy('/volunteer/login', {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://elsewhere.example'
			},
			body: form
		});
		expect(theirs.status).toBe(403);
	});

	test('rate limits count each resident’s address, not the proxy’s', async () => {
		const signUp = (from: string, headers: Record<string, string> = {}) =>
			viaProxy('/api/signups', {
				method: 'POST',
				from,
				headers: { 'content-type': 'application/json', origin, ...headers },
				// Refused as invalid after the limit counted it: nothing is written.
				body: '{}'
			});
		expect((await signUp('127.0.0.5')).status).toBe(400);
		expect((await signUp('127.0.0.5')).status).toBe(400);
		expect((await signUp('127.0.0.5')).status).toBe(429);
		// A made-up forwarded address from the resident does not give a fresh allowance.
		expect((await signUp('127.0.0.5', { 'x-forwarded-for': '10.9.8.7' })).status).toBe(429);
		// Another household behind the same proxy still signs up.
		expect((await signUp('127.0.0.6')).status).toBe(400);
	});

	test('prerendered pages and the API carry the security headers through the proxy', async () => {
		for (const path of ['/', '/lessons', '/api/classes']) {
			const answer = await viaProxy(path);
			expect(answer.status, path).toBe(200);
			expect(answer.headers['x-frame-options'], path).toBe('DENY');
			expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
			expect(answer.headers['referrer-policy'], path).toBe('same-origin');
			expect(answer.headers['strict-transport-security'], path).toBe('max-age=31536000');
			expect(answer.headers['server'], path).toBeUndefined();
		}
		// The prerendered page's own policy is its <meta> tag.
		const home = await viaProxy('/');
		expect(home.body).toMatch(/<meta http-equiv="content-security-policy"/i);
	});
});
