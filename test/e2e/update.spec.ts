import { expect, test, volunteerPageCaches, waitForOfflineReady } from './fixtures';
import { AppFrame, waitForApp } from './pages/app-frame';
import { HomePage } from './pages/home-page';
import { VolunteerDesk } from './pages/volunteer-desk';
import { builds, testAdmin } from './server';

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

	test("a volunteer's tablet keeps the desk's pages across the update, for the hall's Wi-Fi", async ({
		page,
		server
	}) => {
		// Step 1: a volunteer logs in on the tablet; the desk's pages are stored.
		const desk = new VolunteerDesk(page);
		await desk.logInForOffline(testAdmin);
		const before = await volunteerPageCaches(page);
		expect(before).toHaveLength(1);

		// Step 2: the next deployment installs in the background; then the Wi-Fi drops before
		// the volunteer agrees to the update.
		await server.stop();
		await server.start(builds.next);
		await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
		const frame = new AppFrame(page);
		await expect(frame.updatePrompt).toBeVisible({ timeout: 30_000 });
		await server.stop();
		await Promise.all([
			page.waitForEvent('framenavigated'),
			frame.updatePrompt.getByRole('button', { name: '更新する' }).click()
		]);
		await waitForApp(page);

		// Step 3: the new version's desk came with the update and opens offline; the old copy
		// is gone.
		await expect(desk.upcoming).toBeVisible();
		await expect(page.getByTestId('offline-copy')).toBeVisible();
		await expect.poll(() => volunteerPageCaches(page)).toHaveLength(1);
		expect(await volunteerPageCaches(page)).not.toEqual(before);
	});
});
