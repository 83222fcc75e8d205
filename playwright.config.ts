import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the
// production build, the only one with a service worker. Each worker starts its own server
// (test/e2e/fixtures.ts) so tests can stop it to be truly offline.
export default defineConfig({
	testDir: 'test/e2e',
	outputDir: '.test-out/playwright',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	// The axe matrix visits every page in one test per configuration, on shared, busy machines.
	timeout: 180_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: '.test-out/playwright.json' }]],
	use: {
		locale: 'ja-JP',
		timezoneId: 'Asia/Tokyo',
		// No trace: recording one for every test (to keep it on a failure) cost a fifth of the
		// suite's time on two cores (practice and settings specs: 120 s without, 148 s with). A
		// failure keeps a screenshot; `npx playwright test --trace on` records traces when needed.
		trace: 'off',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run',
				'--disable-sync',
				'--disable-quic'
			]
		}
	}
});
