import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test, withoutServiceWorker } from './fixtures';
import { AppFrame, waitForApp } from './pages/app-frame';
import { LoginPage } from './pages/login-page';
import { VolunteerDesk } from './pages/volunteer-desk';
import { VolunteersPage } from './pages/volunteers-page';
import { testAdmin } from './server';

type Viewport = { width: number; height: number };

/** A second device (the new volunteer's phone), at the same size as the admin's. */
async function anotherDevice(browser: Browser, baseURL: string, viewport: Viewport) {
	const context = await browser.newContext({
		baseURL,
		viewport,
		hasTouch: true,
		locale: 'ja-JP',
		timezoneId: 'Asia/Tokyo',
		serviceWorkers: 'block'
	});
	return { context, page: await context.newPage() };
}

/** Logs in on the login page and says whether the desk opened. */
async function logInOn(page: Page, credentials: { email: string; password: string }) {
	const login = new LoginPage(page);
	await login.open();
	await login.logIn(credentials);
	return login;
}

/** Deactivates every active admin but the one logged in on `page`, through the API. */
async function stepAsideOtherAdmins(page: Page): Promise<void> {
	const me = (await (await page.request.get('/api/volunteer/me')).json()) as {
		volunteer: { id: string };
	};
	const { volunteers } = (await (await page.request.get('/api/volunteer/volunteers')).json()) as {
		volunteers: Array<{ id: string; role: string; active: boolean }>;
	};
	for (const other of volunteers) {
		if (other.role !== 'admin' || !other.active || other.id === me.volunteer.id) continue;
		const answer = await page.request.patch(`/api/volunteer/volunteers/${other.id}`, {
			data: { active: false }
		});
		expect(answer.status()).toBe(200);
	}
}

// The admin's day at the office: a new volunteer joins, forgets a password, steps down from
// admin, and leaves — on a phone at the largest text, the hardest screen for these forms (the
// matrix in a11y.spec.ts scans them at every size). The same day on the tablet at 標準 repeated
// every step: 70 s of CI on two busy cores.
for (const { device, viewport, textSize } of [
	{ device: 'phone', viewport: { width: 390, height: 844 }, textSize: 200 }
] as const) {
	test.describe(`an admin manages volunteers on a ${device}${textSize === 200 ? ' at 最大 text' : ''}`, () => {
		test.use({ ...withoutServiceWorker, hasTouch: true, viewport });

		test('adds, hands over, resets, demotes and deactivates; the last admin stays', async ({
			page,
			browser,
			baseURL,
			axe
		}) => {
			const desk = new VolunteerDesk(page);
			const volunteers = new VolunteersPage(page);
			const newcomer = {
				name: `田中 ゆうこ ${randomUUID().slice(0, 4)}`,
				email: `yuko-${randomUUID().slice(0, 8)}@midori.example`
			};

			// Step 1: the admin logs in on the desk, at the chosen text size.
			if (textSize === 200) {
				await page.goto('/');
				await waitForApp(page);
				await new AppFrame(page).setTextSize(200);
			}
			await desk.logIn(testAdmin);
			await volunteers.openFromDesk();
			await expect(volunteers.heading).toHaveText('ボランティア');
			await expect(volunteers.card('管理者')).toContainText('（あなた）');
			await axe(page);

			// Step 2: a new volunteer is added as an admin; the app makes the first password and
			// shows it once, to hand over.
			const firstPassword = await volunteers.add({ ...newcomer, role: '管理者' });
			await expect(volunteers.card(newcomer.name)).toContainText(newcomer.email);
			await expect(volunteers.fact(newcomer.name, '役割')).toHaveText('管理者');
			await expect(volunteers.fact(newcomer.name, '最後のログイン')).toHaveText(
				'まだログインしていません'
			);
			await expect(page.getByTestId('handover-password')).toHaveCount(0);

			// Step 3: she logs in on her own phone with what she was handed.
			const phone = await anotherDevice(browser, baseURL!, viewport);
			const hers = new VolunteerDesk(phone.page);
			await hers.logIn({ email: newcomer.email, password: firstPassword });
			await expect(phone.page.getByRole('link', { name: 'ボランティアを管理する' })).toBeVisible();
			await volunteers.open();
			await expect(volunteers.fact(newcomer.name, '最後のログイン')).toHaveText(
				/\d+月\d+日 \d+時\d+分/
			);

			// Step 4: she forgot it. The admin resets it: her phone is logged out, the new one works.
			const secondPassword = await volunteers.resetPassword(newcomer.name);
			expect(secondPassword).not.toBe(firstPassword);
			await phone.page.goto('/volunteer');
			await expect(phone.page).toHaveURL(/\/volunteer\/login/);
			const refused = await logInOn(phone.page, { email: newcomer.email, password: firstPassword });
			await expect(refused.error).toContainText('メールアドレスかパスワードが違います。');
			await hers.logIn({ email: newcomer.email, password: secondPassword });

			// Step 5: she steps down from admin: at once, her desk has no volunteers page.
			await volunteers.changeRole(newcomer.name, 'ボランティアに戻す');
			await expect(volunteers.fact(newcomer.name, '役割')).toHaveText('ボランティア');
			await hers.openDashboard();
			await expect(phone.page.getByRole('link', { name: 'ボランティアを管理する' })).toHaveCount(0);
			await phone.page.goto('/volunteer/volunteers');
			await waitForApp(phone.page);
			await expect(phone.page.getByRole('alert')).toContainText('この画面は管理者だけが使えます');

			// Step 6: she leaves. Deactivated, she is logged out at once and cannot log in again.
			await volunteers.deactivate(newcomer.name);
			await expect(volunteers.fact(newcomer.name, '状態')).toHaveText(
				'停止中（ログインできません）'
			);
			await phone.page.goto('/volunteer');
			await expect(phone.page).toHaveURL(/\/volunteer\/login/);
			const stopped = await logInOn(phone.page, {
				email: newcomer.email,
				password: secondPassword
			});
			await expect(stopped.error).toContainText('メールアドレスかパスワードが違います。');
			await phone.context.close();

			// Step 7: the other admins of this server (the demo's) step aside first, so this admin
			// is the last active one: stepping down is refused, in words.
			await stepAsideOtherAdmins(page);
			await page.reload();
			await waitForApp(page);
			await volunteers.deactivate('管理者');
			const own = volunteers.card('管理者');
			await expect(own.getByRole('alert')).toContainText('管理者が1人もいなくなるため');
			await volunteers.changeRole('管理者', 'ボランティアに戻す');
			await expect(own.getByRole('alert')).toContainText('管理者が1人もいなくなるため');
			await page.reload();
			await waitForApp(page);
			await expect(volunteers.fact('管理者', '役割')).toHaveText('管理者');
			await expect(volunteers.fact('管理者', '状態')).toHaveText('利用中');
			await axe(page);
		});
	});
}

test.describe('the volunteers page without a connection', () => {
	test('opens offline and says plainly that it needs the connection', async ({ page, server }) => {
		// Step 1: online, the admin logs in; the tablet keeps the desk's pages.
		const desk = new VolunteerDesk(page);
		await desk.logInForOffline(testAdmin);
		const volunteers = new VolunteersPage(page);
		await volunteers.openFromDesk();

		// Step 2: the Wi-Fi is gone (the server is really stopped): the page still opens, and
		// says why it cannot show the list; nothing can be queued here.
		await server.stop();
		await page.context().setOffline(true);
		await page.reload();
		await waitForApp(page);
		await expect(volunteers.heading).toHaveText('ボランティア');
		await expect(page.getByRole('alert')).toContainText(
			'この画面を使うには、インターネットの接続が必要です'
		);
		await expect(volunteers.list).toHaveCount(0);

		// Step 3: back online, the list comes by itself.
		await server.start();
		await page.context().setOffline(false);
		await expect(volunteers.list).toBeVisible({ timeout: 15_000 });
	});
});
