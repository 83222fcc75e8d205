import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { ClassesApi } from './classes-api';
import { expect, test } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { ClassListPage, type Person } from './pages/class-pages';

// The sync status every page shows, and the ways an outbox is sent: by the page when the
// network returns, by the service worker's Background Sync with no page open, and again after
// an answer lost in a reload — always applied once.

const taro: Person = {
	name: '佐藤 太郎',
	kana: 'さとう たろう',
	device: 'Android（アンドロイド）',
	needs: []
};

/** The status region on whatever page is open. */
const status = (page: Page) => page.getByRole('region', { name: '送信の状況' });

/** Publishes a class, opens the list until it arrives, and waits until the app works offline. */
async function classReady(page: Page, api: ClassesApi, what: string) {
	const title = `${what} ${randomUUID().slice(0, 6)}`;
	const classId = await api.publishClass({ title, capacity: 5 });
	const list = new ClassListPage(page);
	await list.openWhenArrived(title);
	return { title, classId, list };
}

/** Signs Taro up from the class's page (the form in the app). */
async function signUp(list: ClassListPage, title: string): Promise<void> {
	const classPage = await list.openClass(title);
	const form = await classPage.startSignup();
	await form.signUp(taro);
}

test.describe('sync', () => {
	test('every page says what is waiting, in words, and when all is sent', async ({
		api,
		page,
		context,
		server
	}) => {
		const { title, classId, list } = await classReady(page, api, '状況表示の教室');

		// Step 1: offline, a sign-up waits; another page (a lesson list) says so and what it is.
		await server.stop();
		await context.setOffline(true);
		await signUp(list, title);
		await page.goto('/lessons');
		await waitForApp(page);
		await expect(status(page)).toContainText('送信待ち 1件');
		await expect(status(page)).toContainText('つながったら、自動で送ります');
		await status(page).getByText('送信待ちの内容', { exact: true }).click();
		await expect(status(page).getByRole('listitem')).toHaveText(
			`申し込み：${title}（${taro.name}さん）`
		);

		// Step 2: the network returns; the page sends it by itself and says all is sent.
		await server.start();
		await context.setOffline(false);
		await expect(status(page)).toContainText('すべて送信済み', { timeout: 20_000 });
		await expect(status(page)).not.toContainText('送信待ち');
		expect((await api.roster(classId)).map((line) => line.name)).toEqual([taro.name]);
	});

	test('Background Sync sends the outbox from the service worker with no page open', async ({
		api,
		page,
		context,
		server,
		baseURL
	}) => {
		const { title, classId, list } = await classReady(page, api, '裏で送る教室');
		await server.stop();
		await context.setOffline(true);
		await signUp(list, title);
		await expect(status(page)).toContainText('送信待ち 1件');

		// The resident closes the app (no page of ours is open), then the network returns.
		const cdp = await context.newCDPSession(page);
		const registrations = new Promise<Array<{ registrationId: string; scopeURL: string }>>((done) =>
			cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => done(e.registrations))
		);
		await cdp.send('ServiceWorker.enable');
		const registration = (await registrations).find((r) => r.scopeURL.startsWith(baseURL!));
		expect(registration, 'the app has a service worker').toBeDefined();
		await page.goto('about:blank');
		await server.start();
		await context.setOffline(false);

		// Chromium's Background Sync event, as the browser fires it when the network is back.
		await cdp.send('ServiceWorker.dispatchSyncEvent', {
			origin: new URL(baseURL!).origin,
			registrationId: registration!.registrationId,
			tag: 'yorisoi-outbox',
			lastChance: false
		});
		await expect
			.poll(async () => (await api.roster(classId)).map((line) => line.name), {
				timeout: 20_000,
				message: 'the worker sent the sign-up'
			})
			.toEqual([taro.name]);

		// Opening the app again: nothing waits, and nothing is sent twice.
		await page.goto('/classes/mine');
		await waitForApp(page);
		await expect(status(page)).toContainText('すべて送信済み', { timeout: 20_000 });
		expect(await api.roster(classId)).toHaveLength(1);
	});

	test('an answer lost in a reload mid-sync is sent again and applied once', async ({
		api,
		page,
		context,
		server
	}) => {
		const { title, classId, list } = await classReady(page, api, '送信中に閉じる教室');
		await server.stop();
		await context.setOffline(true);
		await signUp(list, title);

		// The push reaches the server, but the page is reloaded before the answer arrives. (The
		// server starts while the browser is still offline, so the first push is the one caught.)
		await server.start();
		let lost = 0;
		await context.route('**/api/sync/push**', async (route) => {
			if (lost === 0) {
				const reached = await route.fetch().then(
					() => true,
					() => false
				);
				if (!reached) return route.abort();
				lost += 1;
				await page.reload().catch(() => undefined);
				return;
			}
			await route.continue();
		});
		await context.setOffline(false);
		await expect.poll(() => lost, { timeout: 20_000 }).toBe(1);
		await waitForApp(page);

		// After the reload the page sends it again; the server answers as the first time.
		await expect(status(page)).toContainText('すべて送信済み', { timeout: 30_000 });
		const roster = await api.roster(classId);
		expect(roster.map((line) => line.name)).toEqual([taro.name]);
		await page.goto('/classes/mine');
		await waitForApp(page);
		await expect(page.getByRole('listitem').filter({ hasText: title })).toContainText('確定');
	});
});
