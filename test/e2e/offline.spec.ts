import { expect, test, volunteerPagesStored, waitForOfflineReady } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { HomePage } from './pages/home-page';

test.describe('offline', () => {
	test('after the first visit, pages open with the server stopped', async ({ page, server }) => {
		// Step 1: the first visit, on the community hall's Wi-Fi, saves everything.
		const home = new HomePage(page);
		await home.open();
		await waitForOfflineReady(page);
		await expect(page.getByText('オフラインでも使えます', { exact: false })).toBeVisible();

		// Step 2: the Wi-Fi is gone. The server is really stopped: a service worker's own
		// fetches would ignore Playwright's setOffline.
		await server.stop();
		await expect(page.request.get('/', { timeout: 2_000 })).rejects.toThrow();

		for (const [path, heading] of [
			['/', 'スマホのおてつだい'],
			['/settings', '表示と文字の設定'],
			['/install', 'ホーム画面に追加'],
			['/mynumber', 'マイナンバーカード']
		] as const) {
			await page.goto(path);
			await waitForApp(page);
			await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(heading);
		}

		// Step 3: settings still work and persist offline.
		await home.frame.setTextSize(200);
		await page.reload();
		await waitForApp(page);
		await expect(page.locator('html')).toHaveAttribute('data-text-size', '200');

		// Step 4: a page that was never saved gets the friendly offline page. So does the
		// volunteer desk: a resident's device never downloads it (volunteers' devices do).
		for (const path of ['/never-visited-page', '/volunteer/class']) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 }), path).toHaveText(
				'インターネットにつながっていません'
			);
		}
		expect(await volunteerPagesStored(page)).toBe(false);

		// Step 5: the server comes back; the app carries on online.
		await server.start();
		await page.goto('/');
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('スマホのおてつだい');
	});

	test('shows caching progress, then 「オフラインでも使えます」 only once', async ({
		page,
		axe
	}) => {
		// Record progress messages from the installing worker as the page receives them.
		await page.addInitScript(() => {
			const seen: Array<{ done: number; total: number }> = [];
			(window as unknown as { progress: typeof seen }).progress = seen;
			navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
				if (event.data?.type === 'PRECACHE_PROGRESS') seen.push(event.data);
			});
		});
		const home = new HomePage(page);
		await home.open();
		await waitForOfflineReady(page);
		const ready = page.getByText('オフラインでも使えます。', { exact: false });
		await expect(ready).toBeVisible();
		// The notice over the page is scanned here (the axe matrix runs without a worker).
		await axe(page);
		const progress = await page.evaluate(
			() => (window as unknown as { progress: Array<{ done: number; total: number }> }).progress
		);
		expect(progress.length).toBeGreaterThan(0);
		const last = progress.at(-1);
		expect(last?.done).toBe(last?.total);

		await page.getByRole('button', { name: 'わかりました' }).click();
		await expect(ready).toBeHidden();
		await page.reload();
		await waitForApp(page);
		// The page is controlled and everything is cached; the notice does not come back.
		await expect(page.getByText('オフラインでも使えます。', { exact: false })).toHaveCount(0);
		await page.goto('/settings');
		await expect(page.getByText('このスマホやタブレットに保存済みです。')).toBeVisible();
	});
});
