// Lighthouse with its default configuration: the mobile preset (a mid-range phone's screen,
// simulated slow 4G and 4× CPU slowdown), on Debian's Chromium, a fresh profile per run.
import lighthouse from 'lighthouse';
import { startChromium } from './processes.mjs';

/**
 * @typedef {{ performance: number, accessibility: number, bestPractices: number,
 *   lcpMs: number, tbtMs: number, cls: number }} LighthouseRun
 */

const categories = ['performance', 'accessibility', 'best-practices'];

/** One Lighthouse run of one URL; scores 0–100. */
export async function lighthouseRun(/** @type {string} */ url) {
	const chromium = await startChromium();
	try {
		const result = await lighthouse(url, {
			port: chromium.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: categories
		});
		if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
		const { lhr } = result;
		if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
		const score = (/** @type {string} */ id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
		const audit = (/** @type {string} */ id) => lhr.audits[id]?.numericValue ?? Number.NaN;
		/** @type {LighthouseRun} */
		const run = {
			performance: score('performance'),
			accessibility: score('accessibility'),
			bestPractices: score('best-practices'),
			lcpMs: Math.round(audit('largest-contentful-paint')),
			tbtMs: Math.round(audit('total-blocking-time')),
			cls: Number(audit('cumulative-layout-shift').toFixed(3))
		};
		// What cost points, so a score below target says why.
		const failing = Object.values(lhr.audits)
			.filter(
				(item) => item.score !== null && item.score < 0.9 && item.scoreDisplayMode !== 'informative'
			)
			.filter(
				(item) => item.scoreDisplayMode !== 'manual' && item.scoreDisplayMode !== 'notApplicable'
			)
			.map((item) => item.id);
		return { ...run, failing };
	} finally {
		await chromium.stop();
	}
}
