import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test as base, expect, type Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import { cachePrefix } from '../../src/lib/sw/volunteer-pages';
import { freePort } from '../server/app-server';
import { ClassesApi } from './classes-api';
import { AppServer } from './server';

// axe-core run in the page itself, in one call that answers only the violations, described.
// (@axe-core/playwright evaluated axe's 650 KB twice in every scan and sent every rule's
// result back: the axe matrix spent ~0.55 s per page in it, against ~0.3 s now.)
const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);
const axeOptions: RunOptions = {
	runOnly: {
		type: 'tag',
		values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
	},
	rules: {
		// AAA contrast (7:1) and target size on top of WCAG 2.2 AA: the product's own floor.
		'color-contrast-enhanced': { enabled: true },
		// AA's 4.5:1 is implied by AAA's 7:1 (and 3:1 by 4.5:1 for large text); both rules
		// measure every text node, the slowest part of a scan.
		'color-contrast': { enabled: false },
		'target-size': { enabled: true }
	},
	// Every rule still looks at every element; only the violations are written out in full.
	resultTypes: ['violations']
};

type WorkerFixtures = { server: AppServer };
type TestFixtures = { axe: (page: Page) => Promise<void>; api: ClassesApi };

/**
 * Tests get a fresh browser context (so fresh IndexedDB, caches and service worker) and a
 * production server of their worker's own, which they may stop and start.
 */
/* eslint-disable no-empty-pattern -- Playwright fixtures that need no other fixture take {} */
export const test = base.extend<TestFixtures, WorkerFixtures>({
	server: [
		async ({}, use) => {
			// A port the kernel picks, kept for the worker's life (the origin holds the service
			// worker and IndexedDB), so several checkouts can run their tests side by side.
			const server = new AppServer(await freePort());
			await server.start();
			await use(server);
			await server.stop();
			server.removeData();
		},
		{ scope: 'worker' }
	],
	// A failed test says what the page itself reported: its uncaught errors and console errors
	// (often the reason a step never came, which the screenshot cannot show).
	page: async ({ page }, use, testInfo) => {
		const reported: string[] = [];
		page.on('pageerror', (error) => reported.push(`uncaught: ${error.message}`));
		page.on('console', (message) => {
			if (message.type() === 'error') reported.push(`console.error: ${message.text()}`);
		});
		await use(page);
		if (testInfo.status !== testInfo.expectedStatus && reported.length > 0) {
			await testInfo.attach('the page reported', {
				body: reported.join('\n'),
				contentType: 'text/plain'
			});
		}
	},
	// A test that stopped the server (or deployed another build) gives it back as it was, to
	// every test after it: also to those that open their own browser context.
	baseURL: async ({ server }, use) => {
		await server.ensure();
		await use(server.url);
	},
	// The volunteer's side of a class test through the real HTTP API, logged in as the admin.
	api: async ({ baseURL }, use) => {
		const api = await ClassesApi.logIn(baseURL!);
		await use(api);
		await api.dispose();
	},
	axe: async ({}, use) => {
		await use(async (page) => {
			// After a navigation the page has no axe: evaluated once per document, not per scan.
			const loaded = await page.evaluate(
				() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function'
			);
			if (!loaded) await page.evaluate(axeSource);
			const problems = await page.evaluate(async (options) => {
				const { axe } = window as unknown as {
					axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> };
				};
				const { violations } = await axe.run(document, options);
				return violations.map(
					(violation) =>
						`${violation.id} (${violation.impact}): ${violation.help}\n` +
						violation.nodes
							.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary}`)
							.join('\n')
				);
			}, axeOptions);
			expect(problems, `axe on ${page.url()}`).toEqual([]);
		});
	}
});
/* eslint-enable no-empty-pattern */

export { expect };

/**
 * For tests where offline use is not under test: `test.use(withoutServiceWorker)`. A fresh
 * context's service worker downloads the whole app (the precache) beside the test; on two
 * busy cores that made such tests about a third slower. Its notices then never appear either.
 */
export const withoutServiceWorker = { serviceWorkers: 'block' } as const;

/** Waits until a service worker controls the page and has finished precaching. */
export async function waitForOfflineReady(page: Page): Promise<void> {
	// Polled from here: waitForFunction would take the predicate's promise itself as truthy.
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const registration = await navigator.serviceWorker.getRegistration();
					return (
						registration?.active?.state === 'activated' &&
						!registration.installing &&
						navigator.serviceWorker.controller !== null
					);
				}),
			{ timeout: 30_000, message: 'the service worker did not take control' }
		)
		.toBe(true);
}

/**
 * Waits until the volunteer desk's pages are stored on the device: the desk asks for them once
 * a volunteer is logged in (a resident's device never has them).
 */
export async function waitForVolunteerPagesStored(page: Page): Promise<void> {
	await expect
		.poll(() => volunteerPagesStored(page), {
			timeout: 30_000,
			message: 'the volunteer pages were not stored on the device'
		})
		.toBe(true);
}

/** Whether this device holds the volunteer desk's pages. */
export async function volunteerPagesStored(page: Page): Promise<boolean> {
	if ((await volunteerPageCaches(page)).length === 0) return false;
	return page.evaluate(
		async () => (await caches.match('/volunteer/class/__data.json')) !== undefined
	);
}

/** The names of the caches holding volunteer pages on this device (one per version). */
export function volunteerPageCaches(page: Page): Promise<string[]> {
	return page.evaluate(
		async (prefix) => (await caches.keys()).filter((name) => name.startsWith(prefix)),
		cachePrefix
	);
}
