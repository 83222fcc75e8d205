// The app in three engines: Chromium runs the Playwright suite (test/e2e); this runs the few
// checks of checks.ts in WebKit and Firefox ESR, each on a production server of its own.
// Run alone with `npm run test:engines` after a build (`YORISOI_FIXTURE_LESSONS=1 npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, it, type TestContext } from 'node:test';
import { freePort } from '../server/app-server.ts';
import { AppServer, builds } from '../e2e/server.ts';
import {
	noSidewaysScrollAtLargestText,
	precacheComplete,
	reloadsOffline,
	rendersWithoutErrors,
	signupWaitsThenConfirms,
	type Run
} from './checks.ts';
import { EngineUnavailable, serverStartMs, type Launcher } from './engine.ts';
import { firefox } from './firefox.ts';
import { webkit } from './webkit.ts';

const checks: Array<[string, (run: Run) => Promise<void>]> = [
	['home, a lesson and /classes render without console errors', rendersWithoutErrors],
	['the service worker controls the page and the precache is complete', precacheComplete],
	['with the server stopped, a lesson and /classes reload from the cache', reloadsOffline],
	[
		'an offline sign-up shows 「送信待ち」 and is confirmed when the server returns',
		signupWaitsThenConfirms
	],
	[
		'at 最大 text and high contrast, no resident or senior page scrolls sideways at 390 px',
		noSidewaysScrollAtLargestText
	]
];

const launchers: Launcher[] = [webkit, firefox];

// Where a failing check leaves a screenshot of the page.
const shots = '.test-out/engines';
mkdirSync(shots, { recursive: true });

// The two engines side by side, each with a server of its own and its checks in order: most of
// the time is spent waiting for a browser or a page, so together they take little longer than
// the slower one alone.
void describe('the app in WebKit and Firefox ESR', { concurrency: launchers.length }, () => {
	const servers: AppServer[] = [];

	// One after the other, before any browser: on a busy machine, starts at once can miss the
	// server's 15 s to answer.
	before(async () => {
		while (servers.length < launchers.length) {
			const server = new AppServer(await freePort());
			servers.push(server);
			await server.start(builds.current, serverStartMs);
		}
	});

	after(async () => {
		for (const server of servers) {
			await server.stop();
			server.removeData();
		}
	});

	for (const [index, launcher] of launchers.entries()) {
		// node:test queues suites and tests itself; their promises are not ours to await. Each
		// engine's checks build on each other, so they run in order (not the outer concurrency).
		void describe(launcher.name, { concurrency: 1 }, () => {
			let run: Run | null = null;
			let unavailable = '';
			let failed = false;

			before(async () => {
				const server = servers[index]!;
				const started = Date.now();
				try {
					const engine = await launcher.launch();
					run = { engine, server, buildDir: builds.current };
					console.log(`# ${launcher.name} started in ${Date.now() - started} ms`);
				} catch (error) {
					if (!(error instanceof EngineUnavailable)) throw error;
					unavailable = `${launcher.name} cannot start here: ${error.message}`;
				}
			});

			after(async () => {
				await run?.engine.close();
			});

			for (const [title, check] of checks) {
				void it(title, async (t: TestContext) => {
					if (!run) return t.skip(unavailable);
					// The checks build on each other (one tab, one class): after a failure the rest
					// would only repeat it.
					if (failed) return t.skip('an earlier check failed in this engine');
					try {
						// A check may have stopped the server and failed before starting it again.
						await run.server.ensure(builds.current, serverStartMs);
						await check(run);
					} catch (error) {
						failed = true;
						const file = `${shots}/${launcher.name.replaceAll(' ', '-')}-${checks.findIndex(([name]) => name === title) + 1}.png`;
						await run.engine
							.screenshot()
							.then((png) => writeFileSync(file, png))
							.then(() => t.diagnostic(`screenshot: ${file}`))
							.catch(() => undefined);
						throw error;
					}
				});
			}
		});
	}
});
