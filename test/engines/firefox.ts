import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { EngineUnavailable, phone, type Engine, type Launcher } from './engine.ts';

/** Debian's Firefox ESR (scripts/env.sh installs it); never a downloaded browser. */
const executablePath = '/usr/bin/firefox-esr';

/** Firefox ESR driven by puppeteer-core over WebDriver BiDi. */
export const firefox: Launcher = {
	name: 'Firefox ESR',
	async launch(): Promise<Engine> {
		if (!existsSync(executablePath)) {
			throw new EngineUnavailable(`${executablePath} is missing (apt-get install firefox-esr)`);
		}
		// A fresh profile each run: no service worker, cache or IndexedDB left from before.
		const profile = mkdtempSync(join(tmpdir(), 'yorisoi-firefox-'));
		const browser = await puppeteer.launch({
			browser: 'firefox',
			protocol: 'webDriverBiDi',
			executablePath,
			headless: true,
			userDataDir: profile,
			// The machine reaches no other host: keep Firefox from calling home at start.
			extraPrefsFirefox: {
				'app.update.enabled': false,
				'browser.safebrowsing.update.enabled': false,
				'network.connectivity-service.enabled': false,
				'network.captive-portal-service.enabled': false
			}
		});
		const page = await browser.newPage();
		await page.setViewport(phone);
		let errors: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
		});
		page.on('pageerror', (error) => errors.push(`uncaught: ${String(error)}`));

		return {
			name: firefox.name,
			async open(url) {
				await page.goto(url, { waitUntil: 'load' });
			},
			async evaluate<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A) {
				// Puppeteer types arguments as page handles too; here they are only JSON values.
				const run = fn as unknown as (...values: unknown[]) => Promise<T>;
				return (await page.evaluate(run, ...args)) as T;
			},
			async fill(selector, text) {
				await page.locator(selector).fill(text);
			},
			async click(selector) {
				await page.locator(selector).click();
			},
			async screenshot() {
				return Buffer.from(await page.screenshot());
			},
			async takeErrors() {
				const taken = errors;
				errors = [];
				return taken;
			},
			async close() {
				await browser.close();
				rmSync(profile, { recursive: true, force: true });
			}
		};
	}
};
