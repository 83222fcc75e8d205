// Takes screenshots of pages at phone and tablet sizes, at a chosen text size and contrast,
// for looking at what we build: `node scripts/screenshots.mjs [baseUrl] [textSize] [high]`.
// Pictures go to .test-out/screens/.
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const [base = 'http://localhost:3000', textSize = '100', contrast = 'normal'] =
	process.argv.slice(2);
const routes = (
	process.env.ROUTES ?? '/,/settings,/install,/offline,/lessons,/mynumber,/classes'
).split(',');
const sizes = { phone: { width: 390, height: 844 }, tablet: { width: 820, height: 1180 } };
const locale = process.env.LOCALE ?? 'ja';

await mkdir('.test-out/screens', { recursive: true });
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox']
});
for (const [device, viewport] of Object.entries(sizes)) {
	const context = await browser.newContext({ viewport, locale: 'ja-JP' });
	await context.addInitScript(
		([size, high, lang]) => {
			localStorage.setItem(
				'yorisoi.settings',
				JSON.stringify({
					textSize: Number(size),
					highContrast: high === 'high',
					furigana: lang === 'ja-easy',
					readAloud: false,
					locale: lang
				})
			);
		},
		[textSize, contrast, locale]
	);
	const page = await context.newPage();
	for (const route of routes) {
		await page.goto(base + route);
		await page.waitForTimeout(400);
		const name = `.test-out/screens/${device}-${textSize}-${contrast}-${locale}${route.replaceAll('/', '_') || '_'}.png`;
		await page.screenshot({ path: name, fullPage: process.env.FULL === '1' });
		console.log(name);
	}
	await context.close();
}
await browser.close();
