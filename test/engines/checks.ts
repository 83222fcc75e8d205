import assert from 'node:assert/strict';
import { precache } from '../../bench/lib/build-bytes.mjs';
import { pageRoutes, withClass } from '../e2e/routes.ts';
import { testAdmin, type AppServer } from '../e2e/server.ts';
import { phone, serverStartMs, type Engine } from './engine.ts';

// The checks every engine runs, in order, on one browser tab and one server of its own: what
// Chromium's Playwright suite (test/e2e) checks at length, here the few things an engine could
// break — rendering, the service worker and its precache, offline reloads, the outbox, reflow.

/**
 * Polls a condition in the page (sent as source, with JSON arguments) until it holds; `what`
 * says what failed when it never does. Waits 30 s unless told otherwise.
 */
async function until<A extends unknown[]>(
	engine: Engine,
	wait: string | { what: string; seconds: number },
	condition: (...args: A) => boolean | Promise<boolean>,
	...args: A
): Promise<void> {
	const { what, seconds } = typeof wait === 'string' ? { what: wait, seconds: 30 } : wait;
	const deadline = Date.now() + seconds * 1000;
	while (!(await engine.evaluate(condition, ...args))) {
		if (Date.now() > deadline) throw new Error(`${engine.name}: ${what} (waited ${seconds} s)`);
		await new Promise((done) => setTimeout(done, 250));
	}
}

/** Loads a page and waits until the app has started in it and applied the stored settings. */
async function openApp(engine: Engine, url: string): Promise<void> {
	await engine.open(url);
	await until(engine, `the app did not start on ${url}`, () =>
		document.documentElement.hasAttribute('data-app-ready')
	);
}

/** The text of the page's first-level heading. */
function heading(engine: Engine): Promise<string> {
	return engine.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? '');
}

/** The volunteer's side through the real HTTP API, logged in as the test server's admin. */
async function volunteerApi(baseUrl: string) {
	const login = await fetch(`${baseUrl}/api/volunteer/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(testAdmin)
	});
	assert.equal(login.status, 200, await login.text());
	const cookie = login.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.join('; ');
	const call = async (method: string, path: string, body?: unknown) => {
		const answer = await fetch(`${baseUrl}${path}`, {
			method,
			headers: { cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const text = await answer.text();
		assert.ok(answer.ok, `${method} ${path}: ${answer.status} ${text}`);
		return JSON.parse(text) as unknown;
	};
	return {
		/** Publishes a class a week from now at a new test venue; answers its id. */
		async publishClass(title: string): Promise<string> {
			const venue = (await call('POST', '/api/volunteer/venues', {
				name: 'テスト公民館 1階',
				address: 'みどり県みどり町テスト1-1（架空の住所）'
			})) as { id: string };
			const startsAt = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
			const created = (await call('POST', '/api/volunteer/classes', {
				title,
				topic: 'LINEの始め方',
				venueId: venue.id,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
				capacity: 5,
				lessonIds: []
			})) as { id: string };
			return created.id;
		},
		/** The names on a class's roster, as the server holds it. */
		async roster(classId: string): Promise<string[]> {
			const roster = (await call('GET', `/api/volunteer/classes/${classId}/roster`)) as {
				signups: Array<{ name: string }>;
			};
			return roster.signups.map((line) => line.name);
		}
	};
}

/** What the checks share: the engine, its server, and what earlier checks set up. */
export type Run = {
	engine: Engine;
	server: AppServer;
	buildDir: string;
	classTitle?: string;
	classId?: string;
};

/** The pages each check visits. */
const lesson = '/lessons/power-screen';

/** Whether a service worker has installed, activated and controls the page. */
async function controlled(): Promise<boolean> {
	const registration = await navigator.serviceWorker.getRegistration();
	return (
		registration?.active?.state === 'activated' &&
		!registration.installing &&
		navigator.serviceWorker.controller !== null
	);
}

/**
 * Home, a lesson and the class list render (a heading, the app started) with no errors. The first
 * page stays open until the service worker controls it: WebKitGTK loses a worker's install event
 * when the page that registered it is unloaded while the worker starts (on a busy machine, about
 * one start in four), and the registration then stays `installing` for good — reloads, and even
 * `unregister()` and `register()`, wait behind it (seen in test/engines runs, December 2026). A
 * resident's first visit does not unload the page: the app moves between pages in the same
 * document. Loading each page anew, as this check does, would.
 */
export async function rendersWithoutErrors(run: Run): Promise<void> {
	const { engine, server } = run;
	// A class for the sign-up check, published first so the list brings it to the device.
	run.classTitle = `エンジン確認の教室 ${engine.name}`;
	run.classId = await (await volunteerApi(server.url)).publishClass(run.classTitle);
	const problems: string[] = [];
	for (const path of ['/', lesson, '/classes']) {
		await openApp(engine, server.url + path);
		// Storing the whole precache (about 3 MB) takes Firefox 15-20 s on a busy two-core machine.
		if (path === '/') {
			await until(engine, { what: 'no service worker control', seconds: 90 }, controlled);
		}
		if (path === '/classes') {
			await until(
				engine,
				'the new class did not arrive on /classes',
				(title) => document.body.textContent?.includes(title) ?? false,
				run.classTitle
			);
		}
		if ((await heading(engine)) === '') problems.push(`${path}: no heading`);
		for (const error of await engine.takeErrors()) problems.push(`${path}: ${error}`);
	}
	assert.deepEqual(problems, []);
}

/**
 * A service worker controls the page and its precache holds every file the build's worker
 * lists for a resident's device (bench/lib/build-bytes.mjs reads the lists from
 * build/client/service-worker.js).
 */
export async function precacheComplete(run: Run): Promise<void> {
	const { engine } = run;
	await until(engine, 'no service worker control', controlled);
	const cached = await engine.evaluate(async () => {
		const paths: string[] = [];
		for (const name of await caches.keys()) {
			if (!name.startsWith('workbox-precache')) continue;
			for (const request of await (await caches.open(name)).keys()) {
				paths.push(new URL(request.url).pathname);
			}
		}
		return paths;
	});
	// What a resident's device stores: not the desk's pages and scripts (stored on login).
	const expected = precache(run.buildDir)
		.files.map((file) => file.url)
		.filter((url) => url !== '/service-worker.js');
	const missing = expected.filter((url) => !cached.includes(url));
	assert.deepEqual(missing, [], `${missing.length} of ${expected.length} files not precached`);
	// 「オフラインでも使えます」 sits over the bottom of the screen until it is read.
	await engine.evaluate(() => {
		for (const button of document.querySelectorAll('button')) {
			if (button.textContent?.trim() === 'わかりました') button.click();
		}
	});
}

/** With the server stopped, a lesson and the class list load again from the device. */
export async function reloadsOffline(run: Run): Promise<void> {
	const { engine, server } = run;
	await server.stop();
	await assert.rejects(fetch(server.url + '/'), 'the server is still answering');
	for (const [path, expected] of [
		[lesson, /電源/],
		['/classes', /スマホ教室/]
	] as const) {
		await openApp(engine, server.url + path);
		assert.match(await heading(engine), expected, `${path} offline`);
	}
	await until(
		engine,
		'the class list lost its class offline',
		(title) => document.body.textContent?.includes(title) ?? false,
		run.classTitle ?? ''
	);
}

/** Offline, a sign-up waits as 「送信待ち」; once the server is back it is sent and confirmed. */
export async function signupWaitsThenConfirms(run: Run): Promise<void> {
	const { engine, server, classId, classTitle } = run;
	assert.ok(classId && classTitle, 'the first check publishes the class');
	await server.stop();
	await openApp(engine, `${server.url}/classes/signup?id=${classId}`);
	await until(engine, 'the sign-up form did not show', () =>
		Boolean(document.querySelector('#signup-name'))
	);
	const name = '佐藤 太郎';
	await engine.fill('#signup-name', name);
	await engine.fill('#signup-kana', 'さとう たろう');
	await engine.click('input[name="device"][value="android"]');
	await engine.click('form.signup-form button[type="submit"]');
	const statusHas = (words: string) =>
		until(
			engine,
			`the sign-up did not show 「${words}」`,
			(text) =>
				document.querySelector('[data-testid="signup-status"]')?.textContent?.includes(text) ??
				false,
			words
		);
	await statusHas('送信待ち').catch(async (error: Error) => {
		const shown = await engine.evaluate(() => document.querySelector('main')?.innerText ?? '');
		const database = await engine.evaluate(probeDatabase).catch(String);
		throw new Error(
			`${error.message}; the database: ${database}; the page shows:\n${shown.slice(0, 600)}`
		);
	});

	await server.start(run.buildDir, serverStartMs);
	// What the browser fires when the network returns (the server was away, the network not);
	// without it the page still retries on its own backoff (5 s, 10 s, ...).
	await engine.evaluate(() => {
		window.dispatchEvent(new Event('online'));
	});
	await statusHas('申し込みが確定しました');
	assert.deepEqual(await (await volunteerApi(server.url)).roster(classId), [name]);
}

/**
 * Whether the page's IndexedDB takes a write, and what it holds: a sign-up stuck at
 * 「保存しています…」 is either a blocked database (a transaction another page left open) or a
 * hung page.
 */
function probeDatabase(): Promise<string> {
	const tables = ['outbox', 'mySignups', 'drafts'];
	const counted = new Promise<string>((done, fail) => {
		const request = indexedDB.open('yorisoi');
		request.onerror = () => fail(new Error(`open failed: ${String(request.error)}`));
		request.onblocked = () => done('open blocked by another connection');
		request.onsuccess = () => {
			const database = request.result;
			const transaction = database.transaction(tables, 'readwrite');
			const counts = tables.map((table) => transaction.objectStore(table).count());
			transaction.oncomplete = () => {
				database.close();
				done(tables.map((table, index) => `${table} ${counts[index]!.result}`).join(', '));
			};
			transaction.onerror = () => fail(new Error(String(transaction.error)));
		};
	});
	const hung = new Promise<string>((done) =>
		setTimeout(() => done('a write waited 5 s (IndexedDB blocked)'), 5000)
	);
	return Promise.race([counted, hung]);
}

/**
 * The residents' and seniors' pages as [route id, URL]: every route but the volunteer desk's,
 * and a real lesson beside the test one.
 */
export const residentPages: Array<[string, string]> = [
	...Object.entries(pageRoutes).filter(([route]) => !route.startsWith('/volunteer')),
	['/lessons/[id]', lesson]
];

/** At 最大 text and high contrast, no resident's or senior's page scrolls sideways. */
export async function noSidewaysScrollAtLargestText(run: Run): Promise<void> {
	const { engine, server } = run;
	await engine.evaluate(() => {
		localStorage.setItem(
			'yorisoi.settings',
			JSON.stringify({
				textSize: 200,
				highContrast: true,
				furigana: false,
				readAloud: false,
				locale: 'ja',
				// Newer than what the app stored, so it wins over IndexedDB's copy.
				savedAt: Date.now()
			})
		);
	});
	// One full load applies the settings as a returning resident sees them; then the app goes
	// from page to page by its own links, all in one call (a load and several driver round trips
	// per page took minutes on a busy machine).
	await openApp(engine, server.url + '/');
	const pages = await engine.evaluate(
		async (pages: Array<[string, string]>) => {
			const measured = [];
			for (const [route, url] of pages) {
				const link = document.createElement('a');
				link.href = url;
				document.body.append(link);
				link.click();
				link.remove();
				const deadline = Date.now() + 20_000;
				const opened = () =>
					document.querySelector('main')?.dataset.route === route &&
					location.pathname + location.search === url;
				while (!opened() && Date.now() < deadline) {
					await new Promise((done) => setTimeout(done, 50));
				}
				// Pages that read the device's records (a class, the sign-ups) fill in after opening.
				await new Promise((done) => setTimeout(done, 300));
				await document.fonts.ready;
				const root = document.documentElement;
				measured.push({
					url,
					opened: opened(),
					viewport: innerWidth,
					textSize: root.dataset.textSize,
					contrast: root.dataset.contrast,
					scrollWidth: root.scrollWidth,
					clientWidth: root.clientWidth
				});
			}
			return measured;
		},
		residentPages.map(([route, url]): [string, string] => [
			route,
			withClass(url, run.classId ?? '')
		])
	);
	const overflows: string[] = [];
	for (const page of pages) {
		assert.ok(page.opened, `${page.url} did not open`);
		assert.equal(page.viewport, phone.width, `${page.url}: viewport width`);
		assert.equal(page.textSize, '200', `${page.url}: text size`);
		assert.equal(page.contrast, 'high', `${page.url}: contrast`);
		if (page.scrollWidth > page.clientWidth) {
			overflows.push(`${page.url}: ${page.scrollWidth}px wide in ${page.clientWidth}px`);
		}
	}
	assert.equal(pages.length, residentPages.length);
	assert.deepEqual(overflows, [], `${engine.name} scrolls sideways at 最大`);
}
