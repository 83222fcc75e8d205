// npm run bench — how fast Yorisoi is on a senior's phone, measured (issue 7). Builds first
// (the npm script does), serves build/ on a fresh demo database and measures Lighthouse
// (mobile preset) on four routes, the bytes a first visit and the offline precache download,
// the offline start against a static page from the same cache, the lesson page's heap, and
// (through bench/server.mjs) the sign-up endpoint and the server's peak memory. Writes
// bench/results.json and the app section of BENCHMARKS.md.
//
// BENCH_RUNS (default 3): runs per figure, the median is reported. BENCH_SERVER=skip reuses
// bench/results-server.json instead of running bench/server.mjs (about two minutes).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import {
	firstLessonId,
	firstVisit,
	lessonIds,
	precache,
	volunteerPages
} from './lib/build-bytes.mjs';
import { firstVisitInBrowser, launchBrowser, offlineAndMemory } from './lib/browser.mjs';
import { lighthouseRun } from './lib/lighthouse.mjs';
import { startApp } from './lib/processes.mjs';
import { renderSection, replaceSection, writeFormatted } from './lib/report.mjs';

const buildDir = 'build';
const runs = Number(process.env.BENCH_RUNS ?? 3);
const lessonId = firstLessonId();
const routes = ['/', `/lessons/${lessonId}`, '/mynumber', '/classes'];
const started = new Date();
const loadAtStart = loadavg()[0] ?? 0;

const median = (/** @type {number[]} */ values) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Runs a step; a failing step is reported with its error and the others still run. */
async function step(/** @type {string} */ title, /** @type {() => Promise<any>} */ work) {
	const begun = Date.now();
	console.log(`\n=== ${title}`);
	try {
		const result = await work();
		console.log(`=== ${title}: done in ${((Date.now() - begun) / 1000).toFixed(0)} s`);
		return result;
	} catch (error) {
		console.log(`=== ${title}: FAILED: ${error instanceof Error ? error.stack : error}`);
		return { error: String(error instanceof Error ? error.message : error) };
	}
}

// The demo's two towns (issue 17): みどり町 on the address, あおば村 on aoba.localhost, which
// Chromium resolves to the loopback. Each page loads its host's /town.js before the first paint.
const app = await startApp(buildDir, { YORISOI_DEMO: '2' });
let serverRunning = true;

/** Routes the server answers; the others (not built yet) are reported as missing. */
const existing = [];
for (const route of routes) {
	const response = await fetch(app.url + route);
	await response.arrayBuffer();
	if (response.ok) existing.push(route);
	else console.log(`${route}: ${response.status}, not in this build; not measured`);
}

/** What a first visit loads, read from the build: for prerendered pages (null otherwise). */
function buildBytes(/** @type {string} */ route) {
	let visit;
	try {
		visit = firstVisit(buildDir, route);
	} catch {
		// A page rendered by the server: only the browser's figures measure it.
		return null;
	}
	const sizes = (
		/** @type {{ files: unknown[], raw: number, gzip: number, brotli: number }} */ f
	) => ({ count: f.files.length, raw: f.raw, gzip: f.gzip, brotli: f.brotli });
	return { js: sizes(visit.js), data: sizes(visit.data), css: sizes(visit.css) };
}

const bytes = Object.fromEntries(existing.map((route) => [route, buildBytes(route)]));
const offlinePrecache = precache(buildDir);
const deskPages = volunteerPages(buildDir);
/** @type {Record<string, any>} */
const lighthouse = {};
/** @type {Record<string, any>} */
const browserBytes = {};
/** @type {any} */
let offline;
try {
	const secondTown = `http://aoba.localhost:${new URL(app.url).port}`;
	const measured = [
		...existing.map((route) => ({ name: route, url: app.url + route })),
		// The second town's home and class list: its own details, colours and schedule.
		...['/', '/classes']
			.filter((route) => existing.includes(route))
			.map((route) => ({ name: `aoba.localhost${route}`, url: secondTown + route }))
	];
	for (const { name: route, url } of measured) {
		lighthouse[route] = await step(`Lighthouse ${route} (${runs} runs)`, async () => {
			const samples = [];
			for (let run = 1; run <= runs; run += 1) {
				const sample = await lighthouseRun(url);
				console.log(`${route} run ${run}: ${JSON.stringify(sample)}`);
				samples.push(sample);
			}
			const middle = (/** @type {string} */ key) => median(samples.map((sample) => sample[key]));
			return {
				performance: middle('performance'),
				accessibility: middle('accessibility'),
				bestPractices: middle('bestPractices'),
				lcpMs: middle('lcpMs'),
				tbtMs: middle('tbtMs'),
				cls: middle('cls'),
				failing: [...new Set(samples.flatMap((sample) => sample.failing))],
				samples
			};
		});
	}
	const browser = await launchBrowser();
	try {
		for (const route of existing) {
			browserBytes[route] = await step(`first visit in the browser ${route}`, () =>
				firstVisitInBrowser(browser, app.url, route, buildDir)
			);
		}
		const floorLessonId = lessonIds(buildDir).find((id) => id !== lessonId) ?? lessonId;
		offline = await step(`offline start and heap (/lessons/${lessonId}, ${runs} runs)`, () =>
			offlineAndMemory(browser, {
				base: app.url,
				lessonId,
				floorLessonId,
				runs,
				stopServer: async () => {
					await app.stop();
					serverRunning = false;
				}
			})
		);
	} finally {
		await browser.close();
	}
} finally {
	if (serverRunning) await app.stop();
}

if (process.env.BENCH_SERVER !== 'skip') {
	console.log('\n=== bench/server.mjs (the sign-up endpoint and peak RSS)');
	spawnSync(process.execPath, ['bench/server.mjs'], { stdio: 'inherit' });
}
console.log('\n=== bench/sync.mjs (1,000 queued changes flushed)');
spawnSync(process.execPath, ['bench/sync.mjs'], { stdio: 'inherit' });
console.log('\n=== bench/course-pull.mjs (volunteer pull: a course of 12 against 12 classes)');
spawnSync(process.execPath, ['bench/course-pull.mjs'], { stdio: 'inherit' });
console.log('\n=== bench/towns.mjs (50 towns × 40 classes × 20 sign-ups in one database)');
spawnSync(process.execPath, ['bench/towns.mjs'], { stdio: 'inherit' });
console.log("\n=== bench/stats.mjs (the town's figures over two years of classes)");
spawnSync(process.execPath, ['bench/stats.mjs'], { stdio: 'inherit' });
let stats = null;
try {
	stats = JSON.parse(readFileSync('bench/results-stats.json', 'utf8'));
} catch {
	console.log('bench/results-stats.json is missing: run npm run bench:stats');
}
let sync = null;
try {
	sync = JSON.parse(readFileSync('bench/results-sync.json', 'utf8'));
} catch {
	console.log('bench/results-sync.json is missing: run npm run bench:sync');
}
let server = null;
try {
	server = JSON.parse(readFileSync('bench/results-server.json', 'utf8'));
} catch {
	console.log('bench/results-server.json is missing: run npm run bench:server');
}

const sqliteServer = server?.results?.find(
	(/** @type {{ name: string }} */ r) => r.name === 'yorisoi on SQLite'
);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${spawnSync('/usr/bin/chromium', ['--version']).stdout?.toString().trim() ?? 'Chromium'}`;
const results = {
	date: started.toISOString(),
	machine,
	loadAverageAtStart: Number(loadAtStart.toFixed(1)),
	command: `BENCH_RUNS=${runs} npm run bench`,
	runs,
	lighthouseVersion: JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8'))
		.version,
	routes,
	missingRoutes: routes.filter((route) => !existing.includes(route)),
	lighthouse,
	bytes,
	browserBytes,
	precache: {
		files: offlinePrecache.files.length,
		raw: offlinePrecache.raw,
		gzip: offlinePrecache.gzip,
		brotli: offlinePrecache.brotli,
		stored: offline?.precacheStored ?? null,
		volunteerPages: { files: deskPages.files.length, raw: deskPages.raw, gzip: deskPages.gzip }
	},
	offline: offline?.offline ?? offline,
	memory: {
		serverPeakRssMB: sqliteServer?.peakRssMB ?? null,
		serverLifetimePeakRssMB: sqliteServer?.lifetimePeakRssMB ?? null,
		lessonHeap: offline?.heap ?? null
	},
	server,
	sync,
	stats
};
await writeFormatted('bench/results.json', JSON.stringify(results));
// bench/server.mjs writes its own files unformatted.
if (server) await writeFormatted('bench/results-server.json', JSON.stringify(server));
await writeFormatted(
	'BENCHMARKS.md',
	replaceSection(readFileSync('BENCHMARKS.md', 'utf8'), 'bench:app', renderSection(results))
);
console.log(`\n${renderSection(results)}`);
