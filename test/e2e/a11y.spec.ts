import type { Page, Response } from '@playwright/test';
import { expect, test, withoutServiceWorker } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { extraPages, pageRoutes, volunteerRoutes, withClass } from './routes';
import { LoginPage } from './pages/login-page';
import { expectPolicy, watchPolicyViolations } from './policy';
import { testAdmin } from './server';
import { localeIds } from '../../src/lib/domain/locale';
import { textSizes, type Settings } from '../../src/lib/domain/settings';

// Every page is scanned once in each mode: at every text size, in normal and in high contrast,
// and in each language. Every combination (12 scans of every page) took about 18 minutes of
// CI on two cores; the settings are chosen through the app's own settings page. Two of the
// visits are on the narrowest phone (320 px, WCAG's reflow width) at the smallest and the
// largest text, and check there, on the same visit, that no page scrolls sideways; the
// smallest text also checks every control's size. 最大 (200%), which breaks layouts most, is
// scanned once like every mode, in its hardest case: やさしい日本語 (ふりがな and spaces make
// the longest lines) on the narrow phone, in high contrast. (It was scanned twice, also in
// 日本語 on a wide screen: a fifth visit of every page, a fifth of the matrix's time.) Each
// visit also checks the Content Security Policy: the page carries one and breaks none of it
// (csp.spec.ts visited every page again for that: 70 s of CI).
type Configuration = Pick<Settings, 'textSize' | 'highContrast' | 'locale'> & {
	narrow?: true;
	targets?: true;
};
const configurations: Configuration[] = [
	{ textSize: 100, highContrast: false, locale: 'ja', narrow: true, targets: true },
	{ textSize: 125, highContrast: true, locale: 'ja-easy' },
	{ textSize: 150, highContrast: false, locale: 'en' },
	{ textSize: 200, highContrast: true, locale: 'ja-easy', narrow: true }
];
// The four cover every value of each setting.
const missing = [
	...textSizes
		.filter((size) => !configurations.some((c) => c.textSize === size))
		.map((size) => `text size ${size}`),
	...[true, false]
		.filter((on) => !configurations.some((c) => c.highContrast === on))
		.map((on) => (on ? 'high contrast' : 'normal contrast')),
	...localeIds.filter((locale) => !configurations.some((c) => c.locale === locale))
];
if (missing.length > 0) throw new Error(`the axe matrix misses ${missing.join(', ')}`);

// No service worker: it would download the whole app for offline use beside the scans, and its
// notices (caching progress, 「オフラインでも使えます」) would land on whichever page was open
// then. offline.spec.ts scans the notice on purpose.
test.use(withoutServiceWorker);

const urls = [...Object.values(pageRoutes), ...extraPages];
const sizeNames = { 100: '標準', 125: '大', 150: '特大', 200: '最大' } as const;

for (const { textSize, highContrast, locale, narrow, targets } of configurations) {
	const name = [
		`${textSize}% text`,
		...(highContrast ? ['high contrast'] : []),
		locale,
		...(narrow ? ['320 px wide, no sideways scroll'] : []),
		...(targets ? ['every control 48×48 px'] : [])
	].join(', ');

	test(`axe finds nothing at ${name}`, async ({ page, axe }) => {
		// Many pages in one test: on a busy machine each scan takes seconds.
		test.slow();
		if (narrow) await page.setViewportSize({ width: 320, height: 640 });
		const violations = await watchPolicyViolations(page);
		await page.goto('/settings');
		await waitForApp(page);
		const main = page.getByRole('main');
		await main.getByRole('radio', { name: sizeNames[textSize], exact: true }).check();
		if (highContrast) await main.getByRole('button', { name: 'くっきり表示' }).click();
		const languageNames = { ja: '日本語', 'ja-easy': 'やさしい日本語', en: 'English' };
		await main.getByRole('radio', { name: languageNames[locale], exact: true }).check();

		const check = async (url: string) => {
			await axe(page);
			if (narrow) {
				const sideways = await page.evaluate(
					() => document.documentElement.scrollWidth - document.documentElement.clientWidth
				);
				expect.soft(sideways, `${url} scrolls sideways by ${sideways}px`).toBeLessThanOrEqual(0);
			}
			if (targets) expect.soft(await smallControls(page), url).toEqual([]);
		};
		const classId = await firstClassId(page);
		for (const url of urls.map((example) => withClass(example, classId))) {
			await test.step(url, async () => {
				const response = await page.goto(url);
				await waitForApp(page);
				await expectPolicy(page, response);
				await check(url);
			});
		}

		// Volunteer pages, after logging in through the (already scanned) login page.
		for (const url of await logInForVolunteerUrls(page)) {
			await test.step(url, async () => {
				await expectPolicy(page, await openVolunteerPage(page, url));
				await check(url);
			});
		}
		expect(violations).toEqual([]);
	});
}

/** Logs in as the test admin; returns the volunteer pages' URLs with a real class. */
async function logInForVolunteerUrls(page: Page): Promise<string[]> {
	const login = new LoginPage(page);
	await login.open();
	await login.logIn(testAdmin);
	await page.waitForURL(/\/volunteer$/);
	const classId = await firstClassId(page);
	return Object.values(volunteerRoutes).map((url) => withClass(url, classId));
}

/** A class of the test server (the demo town's first), for the routes that show one. */
async function firstClassId(page: Page): Promise<string> {
	const { classes } = (await (await page.request.get('/api/classes')).json()) as {
		classes: Array<{ id: string }>;
	};
	return classes[0]?.id ?? '';
}

/** Opens a volunteer page and waits until its prerendered shell has filled in. */
async function openVolunteerPage(page: Page, url: string): Promise<Response | null> {
	const response = await page.goto(url);
	await waitForApp(page);
	// The dashboard, class page and class form fill in once the login is checked and the
	// classes are read from the device; the volunteers list once the server answers.
	if (/^\/volunteer(\/class|\/edit|\/venues|\/volunteers)?(\?|$)/.test(url)) {
		await expect(page.locator('main h2, main form').first()).toBeVisible();
	}
	return response;
}

/** The page's visible controls smaller than 48×48 CSS px, described. */
function smallControls(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const controls = document.querySelectorAll<HTMLElement>(
			'button, [role="button"], input, select, textarea, label.choice, .site-header a, main a.button, .big-entry'
		);
		return [...controls]
			.filter(
				(element) => element.offsetParent !== null && getComputedStyle(element).opacity !== '0'
			)
			.map((element) => ({ element, box: element.getBoundingClientRect() }))
			.filter(({ box }) => box.width < 47.5 || box.height < 47.5)
			.map(({ element, box }) => `${element.outerHTML.slice(0, 80)} ${box.width}×${box.height}`);
	});
}

test('the axe check itself fails on low contrast and small targets', async ({ page, axe }) => {
	// Guards the matrix above against passing because axe stopped looking.
	await page.goto('/');
	await waitForApp(page);
	await page.evaluate(() => {
		const main = document.querySelector('main');
		main?.insertAdjacentHTML(
			'beforeend',
			// #666 on white is 5.7:1: enough for AA, not for the 7:1 we promise. Two tiny
			// buttons side by side fail target size even with its spacing exception.
			'<p style="color:#666;background:#fff">薄い文字</p>' +
				'<div style="display:flex">' +
				'<button type="button" aria-label="一" style="all:unset;width:10px;height:10px"></button>' +
				'<button type="button" aria-label="二" style="all:unset;width:10px;height:10px"></button>' +
				'</div>'
		);
	});
	const failure = await axe(page).then(
		() => null,
		(error: Error) => error.message
	);
	expect(failure).toContain('color-contrast-enhanced');
	expect(failure).toContain('target-size');
});
