import { expect, test, waitForOfflineReady } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { HomePage } from './pages/home-page';
import { builds } from './server';

test.describe('a new deployment', () => {
	test('is announced, never forced, and updating keeps a half-typed note', async ({
		page,
		server
	}) => {
		// Step 1: the app is installed and a volunteer starts typing a question.
		const home = new HomePage(page);
		await home.open();
		await waitForOfflineReady(page);
		const firstVersion = await page.evaluate(() => document.documentElement.dataset.version);
		await home.typeMemo('マイナポータルのログインが');

		// Step 2: a second build is deployed under the running page.
		await server.stop();
		await server.start(builds.next);
		await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

		// Step 3: the prompt appears; nothing reloads by itself, typing goes on.
		await expect(home.frame.updatePrompt).toBeVisible({ timeout: 30_000 });
		await expect(home.frame.updatePrompt).toContainText('新しいバージョンがあります');
		await home.memo.pressSequentially('できません');
		await expect(home.memo).toHaveValue('マイナポータルのログインができません');

		// Step 4: the volunteer agrees; the page reloads into the new version, note intact.
		await Promise.all([
			page.waitForEvent('framenavigated'),
			home.frame.updatePrompt.getByRole('button', { name: '更新する' }).click()
		]);
		await waitForApp(page);
		await expect(home.memo).toHaveValue('マイナポータルのログインができません');
		const secondVersion = await page.evaluate(() => document.documentElement.dataset.version);
		expect(secondVersion).not.toBe(firstVersion);
		await expect(home.frame.updatePrompt).toHaveCount(0);
	});
});
