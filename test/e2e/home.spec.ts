import { expect, test, withoutServiceWorker } from './fixtures';
import { HomePage } from './pages/home-page';

test.describe('home', () => {
	test.use(withoutServiceWorker);

	test('shows the town, the three large entries and the demo notice', async ({ page }) => {
		const home = new HomePage(page);
		await home.open();

		await expect(page).toHaveTitle(/よりそい/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
		await expect(home.frame.header).toContainText('みどり町');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('スマホのおてつだい');
		for (const title of ['スマホの練習', 'マイナンバーカード', 'スマホ教室に申し込む']) {
			const entry = home.entry(title);
			await expect(entry).toBeVisible();
			// Primary targets are at least 56px high.
			const box = await entry.boundingBox();
			expect(box?.height, title).toBeGreaterThanOrEqual(56);
		}
		await expect(page.getByRole('contentinfo')).toContainText('架空の町');
	});

	test('the My Number entry leads to the walkthrough and the town counter', async ({ page }) => {
		const home = new HomePage(page);
		await home.open();
		await home.entry('マイナンバーカード').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('マイナンバーカード');
		await expect(page.getByRole('link', { name: /どの方法が合う？/ })).toBeVisible();
		await expect(page.getByRole('link', { name: '000-000-0001' })).toHaveAttribute(
			'href',
			'tel:000-000-0001'
		);
	});

	test('keeps the question note on the device as it is typed', async ({ page }) => {
		const home = new HomePage(page);
		await home.open();
		await home.typeMemo('LINEの写真の送り方');
		await page.reload();
		await home.open();
		await expect(home.memo).toHaveValue('LINEの写真の送り方');
	});

	test('serves an installable web manifest with the icons it names', async ({ page, request }) => {
		await page.goto('/');
		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		const response = await request.get(new URL(href ?? '', page.url()).href);
		expect(response.ok()).toBe(true);
		const manifest = await response.json();
		expect(manifest).toMatchObject({
			short_name: 'よりそい みどり町',
			lang: 'ja',
			display: 'standalone',
			start_url: '/'
		});
		expect(manifest.name).toContain('みどり町');
		expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
		expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
		const sizes = manifest.icons.map(
			(icon: { sizes: string; purpose: string }) => `${icon.sizes} ${icon.purpose}`
		);
		expect(sizes).toEqual(
			expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable'])
		);
		for (const icon of manifest.icons as Array<{ src: string; type: string }>) {
			const file = await request.get(icon.src);
			expect(file.ok(), icon.src).toBe(true);
			expect(file.headers()['content-type']).toContain(icon.type.split('+')[0]);
		}
		const touchIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
		expect((await request.get(new URL(touchIcon ?? '', page.url()).href)).ok()).toBe(true);
		await expect(page.locator('meta[name="apple-mobile-web-app-capable"]')).toHaveAttribute(
			'content',
			'yes'
		);
	});
});
