import type { APIRequestContext, Page } from '@playwright/test';
import {
	expect,
	test,
	waitForOfflineReady,
	waitForVolunteerPagesStored,
	withoutServiceWorker
} from './fixtures';
import { waitForApp } from './pages/app-frame';
import { AttendancePage } from './pages/attendance-page';
import { LoginPage } from './pages/login-page';
import { testAdmin } from './server';

type RosterAnswer = {
	signups: Array<{ id: string; name: string; status: string; attendance: string | null }>;
};

const residents = [
	{ name: '山田 花子', nameKana: 'やまだ はなこ', phone: '090-1111-2222', needs: ['sight'] },
	{ name: '佐藤 一郎', nameKana: 'さとう いちろう', phone: '0123-45-6789', needs: [] },
	{ name: '鈴木 みどり', nameKana: 'すずき みどり', phone: '080-3333-4444', needs: ['hearing'] }
];

/** Logs in as the test admin; the page's requests then carry the session. */
async function logIn(page: Page): Promise<void> {
	const login = new LoginPage(page);
	await login.open();
	await login.logIn(testAdmin);
	await page.waitForURL(/\/volunteer$/);
}

/**
 * A class of its own for each test (tomorrow, in the demo town's first venue), with the three
 * residents signed up through the public endpoint as their phones would.
 */
async function classWithSignups(request: APIRequestContext, title: string): Promise<string> {
	const { classes } = (await (await request.get('/api/classes')).json()) as {
		classes: Array<{ venue: { id: string } }>;
	};
	const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
	tomorrow.setUTCHours(1, 0, 0, 0);
	const created = await request.post('/api/volunteer/classes', {
		data: {
			title,
			topic: '写真の選び方と送り方',
			venueId: classes[0]!.venue.id,
			startsAt: tomorrow.toISOString(),
			endsAt: new Date(tomorrow.getTime() + 90 * 60 * 1000).toISOString(),
			capacity: 10,
			loanerTablets: 2
		}
	});
	expect(created.status()).toBe(201);
	const { id } = (await created.json()) as { id: string };
	for (const resident of residents) {
		const answer = await request.post('/api/signups', {
			data: {
				id: crypto.randomUUID(),
				classId: id,
				...resident,
				device: 'android',
				needsLoaner: resident.needs.length === 0
			}
		});
		expect(answer.status()).toBe(201);
	}
	return id;
}

test.describe('attendance at the hall', () => {
	test('attendance taken offline on one tablet arrives after reconnect', async ({
		page,
		server,
		axe
	}) => {
		// Step 1: at home, the volunteer logs in; three residents have signed up.
		await logIn(page);
		const classId = await classWithSignups(page.request, '出欠をとる練習の教室');

		// Step 2: the tablet opens the class once online; sync brings the roster.
		const attendance = new AttendancePage(page);
		await attendance.open(classId);
		await waitForOfflineReady(page);
		await waitForVolunteerPagesStored(page);
		for (const resident of residents) await expect(attendance.row(resident.name)).toBeVisible();
		await expect(attendance.count('unmarked')).toHaveText('3人');
		await axe(page);

		// Step 3: at the hall there is no network. The server is really stopped.
		await server.stop();
		await page.context().setOffline(true);
		await page.reload();
		await waitForApp(page);
		await expect(page.getByText('ネットワークにつながっていません。')).toBeVisible();
		await expect(attendance.row('山田 花子')).toContainText('やまだ はなこ');
		await expect(attendance.row('山田 花子')).toContainText('見えにくい');

		// Step 4: two came, one did not, and someone came without signing up.
		await attendance.mark('山田 花子', '出席');
		await attendance.mark('佐藤 一郎', '出席');
		await attendance.mark('鈴木 みどり', '欠席');
		await expect(attendance.toggle('山田 花子', '出席')).toHaveAttribute('aria-pressed', 'true');
		await expect(attendance.toggle('山田 花子', '欠席')).toHaveAttribute('aria-pressed', 'false');
		await expect(attendance.row('鈴木 みどり')).toContainText('いまの記録: 欠席');
		await attendance.addWalkIn({
			name: '高橋 よしこ',
			nameKana: 'たかはし よしこ',
			device: '持っていない',
			loaner: 'はい'
		});
		await expect(attendance.row('高橋 よしこ')).toContainText('送信待ち');
		await expect(attendance.toggle('高橋 よしこ', '出席')).toHaveAttribute('aria-pressed', 'true');
		await expect(attendance.count('present')).toHaveText('3人');
		await expect(attendance.count('absent')).toHaveText('1人');
		await expect(attendance.count('unmarked')).toHaveText('0人');
		await expect(attendance.sendState).toContainText('送信待ち 5件');

		// Step 5: still there after a reload with no network (kept on the device).
		await page.reload();
		await waitForApp(page);
		await expect(attendance.toggle('佐藤 一郎', '出席')).toHaveAttribute('aria-pressed', 'true');
		await expect(attendance.sendState).toContainText('送信待ち 5件');

		// Statistics need the server (past classes are not on the device), and say so.
		await page.goto('/volunteer/stats');
		await waitForApp(page);
		// One notice: the town's report below, which needs the server too, waits for it.
		await expect(page.getByRole('alert')).toContainText('統計を見るにはネットワークが必要です');
		await expect(page.getByRole('region', { name: '町への報告（期間の集計）' })).toHaveCount(0);
		await attendance.open(classId);

		// Step 6: the Wi-Fi returns; the tablet sends what waited by itself.
		await server.start();
		await page.context().setOffline(false);
		await expect(attendance.sendState).toContainText('すべて送信済み', { timeout: 30_000 });
		await expect(attendance.row('高橋 よしこ')).not.toContainText('送信待ち');

		// Step 7: the server holds the marks, and the walk-in exactly once.
		const roster = (await (
			await page.request.get(`/api/volunteer/classes/${classId}/roster`)
		).json()) as RosterAnswer;
		const marks = Object.fromEntries(roster.signups.map((entry) => [entry.name, entry.attendance]));
		expect(marks).toEqual({
			'山田 花子': 'present',
			'佐藤 一郎': 'present',
			'鈴木 みどり': 'absent',
			'高橋 よしこ': 'present'
		});
		expect(roster.signups.filter((entry) => entry.name === '高橋 よしこ')).toHaveLength(1);

		// Step 8: the statistics count them: 4 sign-ups, 3 of 4 marked present (75%).
		await page.goto('/volunteer/stats');
		await waitForApp(page);
		const figures = page
			.getByRole('table')
			.getByRole('row', { name: /出欠をとる練習の教室/ })
			.last();
		await expect(figures).toContainText('3 / 4');
		await expect(figures).toContainText('75%');
	});

	test.describe('online, without a worker', () => {
		// Offline use is not under test here: a worker would download the whole app beside the
		// test (about a third of such a test's time on two cores; see fixtures.ts).
		test.use(withoutServiceWorker);

		test('a logged-out tablet is sent to log in and back to the same class', async ({ page }) => {
			const classId = '0b7c3a52-1d5e-4f0a-9a64-5b1f3c2d4e6f';
			await page.goto(`/volunteer/attendance?id=${classId}`);
			await expect(page).toHaveURL(
				`/volunteer/login?next=${encodeURIComponent(`/volunteer/attendance?id=${classId}`)}`
			);
			await waitForApp(page);
			await new LoginPage(page).logIn(testAdmin);
			await expect(page).toHaveURL(`/volunteer/attendance?id=${classId}`);
			// Not a class of this town: the page says so and offers the classes it has.
			await expect(page.getByRole('alert')).toContainText('この教室の名簿は、この端末にありません');
		});

		test('the printed roster has phone numbers and a column to tick by hand', async ({
			page,
			axe
		}) => {
			await logIn(page);
			const classId = await classWithSignups(page.request, '名簿を印刷する教室');
			await page.goto(`/volunteer/print?id=${classId}`);
			await waitForApp(page);
			const table = page.getByRole('table');
			await expect(table.getByRole('row', { name: /山田 花子/ })).toContainText('090-1111-2222');
			await expect(table.getByRole('row', { name: /佐藤 一郎/ })).toContainText('0123-45-6789');
			await expect(table.getByRole('columnheader', { name: '出欠' })).toBeVisible();
			await expect(page.getByRole('button', { name: '印刷する' })).toBeVisible();
			await expect(page.getByRole('link', { name: /名簿をCSVで保存/ })).toHaveAttribute(
				'href',
				`/api/volunteer/classes/${classId}/roster.csv`
			);
			// On paper: the buttons and links are left off, the table is not.
			await page.emulateMedia({ media: 'print' });
			await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
			await expect(table.first()).toBeVisible();
			await page.emulateMedia({ media: 'screen' });
			await axe(page);
		});

		test('the poster has the date, the phone to call and a QR code to the class page', async ({
			page,
			axe
		}) => {
			await logIn(page);
			const classId = await classWithSignups(page.request, 'LINEで写真を送ろう');
			await page.goto(`/volunteer/poster?id=${classId}`);
			await waitForApp(page);
			const poster = page.getByRole('article');
			await expect(poster.getByRole('heading', { level: 1 })).toHaveText('LINEで写真を送ろう');
			await expect(poster).toContainText(/\d+月\d+日\(.\) 午前10時〜11時30分/);
			// The class's short link (resident-signup.spec.ts follows it to the class page).
			const shortLink = new URL('/c/', page.url()).toString();
			const qr = poster.getByRole('img', { name: /申し込みページのQRコード/ });
			await expect(qr).toHaveAttribute(
				'alt',
				new RegExp(`${shortLink.replace(/[.]/g, '\\.')}\\w{5}`)
			);
			await expect(qr).toHaveAttribute('src', /^data:image\/svg\+xml/);
			await expect(poster.getByRole('link', { name: /^\d[\d-]+$/ })).toBeVisible();
			await axe(page);
		});

		test('the hall pages of a class pass axe at 200% text in high contrast', async ({
			page,
			axe
		}) => {
			// The matrix (a11y.spec.ts) scans them without a class; here each shows one.
			await page.goto('/settings');
			await waitForApp(page);
			const main = page.getByRole('main');
			await main.getByRole('radio', { name: '最大', exact: true }).check();
			await main.getByRole('button', { name: 'くっきり表示' }).click();
			await logIn(page);
			const classId = await classWithSignups(page.request, '大きな文字で見る教室');
			for (const path of ['attendance', 'print', 'poster']) {
				await page.goto(`/volunteer/${path}?id=${classId}`);
				await waitForApp(page);
				await expect(page.getByRole('heading', { level: 1 })).toContainText(
					path === 'attendance' ? '出欠をとる' : '大きな文字で見る教室'
				);
				await axe(page);
			}
			await page.goto('/volunteer/stats');
			await waitForApp(page);
			await expect(page.getByRole('table', { name: '教室ごとの数', exact: true })).toContainText(
				'大きな文字で見る教室'
			);
			await axe(page);
		});
	});
});
