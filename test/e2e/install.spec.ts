import { expect, test } from './fixtures';
import { waitForApp } from './pages/app-frame';

test.describe('install page', () => {
	test('on Android/Chromium, the big button opens the browser’s install prompt', async ({
		page
	}) => {
		await page.goto('/install');
		await waitForApp(page);
		const button = page.getByRole('button', { name: 'ホーム画面に追加' });
		await expect(button).toHaveCount(0);

		// Chromium fires beforeinstallprompt when the app is installable; headless Chromium
		// never does, so the test fires one with the same shape.
		await page.evaluate(() => {
			const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & {
				prompt: () => Promise<void>;
				userChoice: Promise<{ outcome: string }>;
			};
			(window as unknown as { prompted: number }).prompted = 0;
			event.prompt = async () => {
				(window as unknown as { prompted: number }).prompted += 1;
			};
			event.userChoice = Promise.resolve({ outcome: 'accepted' });
			window.dispatchEvent(event);
		});
		await expect(button).toBeVisible();
		const box = await button.boundingBox();
		expect(box?.height).toBeGreaterThanOrEqual(56);
		await button.click();
		expect(await page.evaluate(() => (window as unknown as { prompted: number }).prompted)).toBe(1);
		await expect(button).toHaveCount(0);
	});

	test('on iPhone, shows the illustrated Share → 「ホーム画面に追加」 steps', async ({
		browser,
		baseURL
	}) => {
		const context = await browser.newContext({
			baseURL,
			locale: 'ja-JP',
			viewport: { width: 390, height: 844 },
			userAgent:
				'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'
		});
		const page = await context.newPage();
		await page.goto('/install');
		await waitForApp(page);
		const steps = page.getByRole('region', { name: 'iPhone・iPad の場合' }).getByRole('listitem');
		await expect(steps).toHaveCount(3);
		await expect(steps.nth(0)).toContainText('共有ボタン');
		await expect(steps.nth(1)).toContainText('「ホーム画面に追加」');
		await expect(steps.nth(2).locator('svg')).toBeVisible();
		// The Android guide is not shown to an iPhone.
		await expect(page.getByRole('heading', { name: 'Android（アンドロイド）の場合' })).toHaveCount(
			0
		);
		await context.close();
	});

	test('says so when the app already runs from the home screen', async ({ page }) => {
		await page.emulateMedia({ media: 'screen' });
		await page.addInitScript(() => {
			const original = window.matchMedia.bind(window);
			window.matchMedia = (query: string) =>
				query === '(display-mode: standalone)'
					? ({
							matches: true,
							media: query,
							addEventListener() {},
							removeEventListener() {}
						} as unknown as MediaQueryList)
					: original(query);
		});
		await page.goto('/install');
		await waitForApp(page);
		await expect(
			page.getByText('このアプリは、すでにホーム画面に追加されています。')
		).toBeVisible();
	});
});
