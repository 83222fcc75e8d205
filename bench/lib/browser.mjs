// Measurements in Debian's Chromium through Playwright and CDP: what a first visit really
// loads, the precache as the worker stored it, the offline start against the static floor,
// and the JavaScript heap after a lesson.
import { chromium } from '@playwright/test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fileFor, isLessonData, servedBytes, total } from './build-bytes.mjs';
import { chromiumFlags, chromiumPath } from './processes.mjs';

/** @typedef {import('@playwright/test').Page} Page */
/** @typedef {import('@playwright/test').BrowserContext} BrowserContext */

/** A browser like the e2e tests' (Debian's Chromium, phone-sized, Japanese). */
export async function launchBrowser() {
	return chromium.launch({
		executablePath: chromiumPath,
		args: chromiumFlags.filter((flag) => flag !== '--headless')
	});
}

/** @param {import('@playwright/test').Browser} browser */
function phoneContext(browser) {
	return browser.newContext({
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 3,
		hasTouch: true,
		isMobile: true,
		locale: 'ja-JP',
		timezoneId: 'Asia/Tokyo'
	});
}

/** The sizes of a text answered at run time: as it is, and gzip and brotli compressed. */
function sentBytes(/** @type {string} */ text) {
	const body = Buffer.from(text);
	return {
		raw: body.length,
		gzip: gzipSync(body, { level: 9 }).length,
		brotli: brotliCompressSync(body).length
	};
}

/** Waits until the page's app has started (the layout sets data-app-ready). */
async function appReady(/** @type {Page} */ page) {
	await page.waitForFunction(() => document.documentElement.hasAttribute('data-app-ready'), null, {
		timeout: 60_000
	});
}

/**
 * The JavaScript and CSS files a first visit of `route` requests from the server (a fresh
 * context: nothing cached), lazy chunks the page imports at start included, with their sizes.
 */
export async function firstVisitInBrowser(
	/** @type {import('@playwright/test').Browser} */ browser,
	/** @type {string} */ base,
	/** @type {string} */ route,
	/** @type {string} */ buildDir
) {
	const context = await phoneContext(browser);
	try {
		// Only the page's own loads: the worker's precache downloads are counted apart.
		await context.route('**/service-worker.js', (request) => request.abort());
		const page = await context.newPage();
		const seen = new Set();
		page.on('request', (request) => {
			const url = new URL(request.url());
			if (url.origin === base && /\.(js|css)$/.test(url.pathname)) seen.add(url.pathname);
		});
		await page.goto(base + route);
		await appReady(page);
		await page.waitForLoadState('networkidle');
		const files = await Promise.all(
			[...seen].sort().map(async (url) => {
				const file = fileFor(buildDir, url);
				if (file) return { url, ...servedBytes(file) };
				// The host's town (/town.js) is written per request, not built: measured as sent.
				if (url === '/town.js')
					return { url, ...sentBytes(await (await fetch(base + url)).text()) };
				throw new Error(`${route} loaded ${url}, which is not in ${buildDir}`);
			})
		);
		const js = files.filter((file) => file.url.endsWith('.js') && !isLessonData(file.url));
		const css = files.filter((file) => file.url.endsWith('.css'));
		return { js: { count: js.length, ...total(js) }, css: { count: css.length, ...total(css) } };
	} finally {
		await context.close();
	}
}

/** Waits until a service worker controls the page and has finished precaching. */
async function offlineReady(/** @type {Page} */ page) {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		const ready = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return (
				registration?.active?.state === 'activated' &&
				!registration.installing &&
				navigator.serviceWorker.controller !== null
			);
		});
		if (ready) return;
		await page.waitForTimeout(250);
	}
	throw new Error('the service worker did not take control within 120 s');
}

/** The worker's precache as stored in Cache Storage: entries and bytes (uncompressed). */
async function storedPrecache(/** @type {Page} */ page) {
	return page.evaluate(async () => {
		let entries = 0;
		let bytes = 0;
		for (const name of await caches.keys()) {
			if (!name.includes('precache')) continue;
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				entries += 1;
				bytes += response ? (await response.blob()).size : 0;
			}
		}
		return { entries, bytes };
	});
}

/**
 * Records, from the start of each navigation, when the first <article> with text is visible
 * (checked before every frame is painted): `window.__textVisibleAt`, in ms since navigation
 * start, and `window.__appReadyAt` when the app has started.
 */
function recordTextVisible() {
	const state = /** @type {Record<string, number>} */ (/** @type {unknown} */ (window));
	const check = () => {
		const article = document.querySelector('article');
		const visible =
			article !== null &&
			(article.textContent ?? '').trim() !== '' &&
			article.getBoundingClientRect().height > 0 &&
			article.checkVisibility({ opacityProperty: true, visibilityProperty: true });
		if (visible && state.__textVisibleAt === undefined) state.__textVisibleAt = performance.now();
		if (
			document.documentElement.hasAttribute('data-app-ready') &&
			state.__appReadyAt === undefined
		) {
			state.__appReadyAt = performance.now();
		}
		if (state.__textVisibleAt === undefined || state.__appReadyAt === undefined) {
			requestAnimationFrame(check);
		}
	};
	requestAnimationFrame(check);
}

/** The static floor: the lesson's visible text as a plain page, no script, no stylesheet. */
function floorPage(/** @type {{ title: string, heading: string, text: string }} */ lesson) {
	const escape = (/** @type {string} */ text) =>
		text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
	const paragraphs = lesson.text
		.split(/\n+/)
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => `<p>${escape(line)}</p>`)
		.join('\n');
	return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(lesson.title)}</title></head>
<body><h1>${escape(lesson.heading)}</h1><article>${paragraphs}</article></body></html>`;
}

/** Navigates and returns when the lesson text was visible (and the app ready), in ms. */
async function timedNavigation(/** @type {Page} */ page, /** @type {string} */ url, app = true) {
	await page.goto(url, { waitUntil: 'commit' });
	await page.waitForFunction(
		(needsApp) => {
			const state = /** @type {Record<string, number>} */ (/** @type {unknown} */ (window));
			return state.__textVisibleAt !== undefined && (!needsApp || state.__appReadyAt !== undefined);
		},
		app,
		{ timeout: 120_000 }
	);
	return page.evaluate(() => {
		const state = /** @type {Record<string, number>} */ (/** @type {unknown} */ (window));
		return { textVisibleMs: state.__textVisibleAt ?? 0, appReadyMs: state.__appReadyAt ?? null };
	});
}

const median = (/** @type {number[]} */ values) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Presses 「次へ」 until 「できました！」 shows; false when the lesson never gets there. */
async function completeLesson(/** @type {Page} */ page) {
	const done = page.getByRole('heading', { level: 2, name: 'できました！' });
	const next = page.getByRole('button', { name: '次へ' });
	for (let presses = 0; presses < 40; presses += 1) {
		if (await done.isVisible()) return true;
		await next.click({ timeout: 30_000 });
		await page.waitForTimeout(100);
	}
	return done.isVisible();
}

/**
 * With the worker installed: the precache as stored, then (server stopped by `stopServer`) the
 * offline start of the lesson against the static floor under 4× CPU throttling, then the
 * JavaScript heap after completing the lesson.
 */
export async function offlineAndMemory(
	/** @type {import('@playwright/test').Browser} */ browser,
	/** @type {{ base: string, lessonId: string, floorLessonId: string, runs: number,
	 *   stopServer: () => Promise<void> }} */ options
) {
	const { base, lessonId, floorLessonId, runs } = options;
	const context = await phoneContext(browser);
	try {
		const page = await context.newPage();
		await page.goto(`${base}/lessons/${lessonId}`);
		await appReady(page);
		await offlineReady(page);
		// A reload so that the controlled page and its data come from the cache, as offline.
		await page.reload();
		await appReady(page);
		const stored = await storedPrecache(page);
		const lesson = await page.evaluate(() => ({
			title: document.title,
			heading: document.querySelector('h1')?.textContent?.trim() ?? '',
			text: /** @type {HTMLElement | null} */ (document.querySelector('article'))?.innerText ?? ''
		}));
		if (!lesson.text) throw new Error(`/lessons/${lessonId} shows no <article> text`);

		// The floor is served by the same worker from the same cache, under another lesson's key.
		const floorPath = `/lessons/${floorLessonId}`;
		const replaced = await page.evaluate(
			async ({ path, html }) => {
				for (const name of await caches.keys()) {
					if (!name.includes('precache')) continue;
					const cache = await caches.open(name);
					for (const request of await cache.keys()) {
						if (new URL(request.url).pathname !== path) continue;
						const headers = { 'content-type': 'text/html; charset=utf-8' };
						await cache.put(request, new Response(html, { headers }));
						return true;
					}
				}
				return false;
			},
			{ path: floorPath, html: floorPage(lesson) }
		);
		if (!replaced) throw new Error(`${floorPath} is not in the precache`);

		await options.stopServer();
		await context.addInitScript(recordTextVisible);
		const cdp = await context.newCDPSession(page);
		const app = [];
		const floor = [];
		const appReadyTimes = [];
		for (let run = 0; run < runs; run += 1) {
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
			const appRun = await timedNavigation(page, `${base}/lessons/${lessonId}`);
			app.push(appRun.textVisibleMs);
			if (appRun.appReadyMs !== null) appReadyTimes.push(appRun.appReadyMs);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
			floor.push((await timedNavigation(page, base + floorPath, false)).textVisibleMs);
		}
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		const offline = {
			lessonTextMs: Math.round(median(app)),
			lessonReadyMs: Math.round(median(appReadyTimes)),
			floorTextMs: Math.round(median(floor)),
			ratio: Number((median(app) / median(floor)).toFixed(2)),
			samples: { app: app.map(Math.round), floor: floor.map(Math.round) }
		};

		// Memory: the lesson, completed (still offline), after a garbage collection.
		await page.goto(`${base}/lessons/${lessonId}`);
		await appReady(page);
		await page.waitForTimeout(500);
		const completed = await completeLesson(page);
		await cdp.send('HeapProfiler.collectGarbage');
		await cdp.send('Performance.enable');
		const { metrics } = await cdp.send('Performance.getMetrics');
		const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
		return {
			precacheStored: stored,
			offline,
			heap: { lessonCompleted: completed, jsHeapUsedMB: Number((heap / 2 ** 20).toFixed(1)) }
		};
	} finally {
		await context.close();
	}
}
