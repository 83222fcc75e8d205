import holidayJp from '@holiday-jp/holiday_jp';
import { expect, test } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { AttendancePage } from './pages/attendance-page';
import { ClassPage, MySignupsPage, statusWords } from './pages/class-pages';
import { VolunteerDesk } from './pages/volunteer-desk';
import { testAdmin } from './server';

type Listed = { id: string; title: string; series?: { id: string; position: number } };

/**
 * The first Monday of a weekly course whose second Monday is a 祝日 (成人の日, 海の日…), at
 * least two weeks ahead, from the same holiday data the app uses.
 */
function mondayBeforeAHoliday(): string {
	const soon = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
	const holidays = holidayJp.holidays as Record<string, { week_en: string }>;
	const holiday = Object.keys(holidays)
		.sort()
		.find((date) => date > soon && holidays[date]?.week_en === 'Monday');
	if (!holiday) throw new Error('no Monday holiday ahead in the data');
	return new Date(Date.parse(`${holiday}T00:00:00Z`) - 7 * 24 * 60 * 60 * 1000)
		.toISOString()
		.slice(0, 10);
}

test.describe('courses', () => {
	test('a volunteer makes a 4-session course; a resident comes to two sessions', async ({
		page,
		browser,
		server
	}) => {
		const title = `全4回 スマホ入門 ${Date.now()}`;
		const desk = new VolunteerDesk(page);

		// Step 1: on the hall tablet, the volunteer makes a course of four Mondays from one form.
		await desk.logInForOffline(testAdmin);
		await page.goto('/volunteer/edit');
		await waitForApp(page);
		await desk.fillClassForm({
			title,
			topic: '電話・LINE・カメラ・地図',
			date: mondayBeforeAHoliday(),
			start: '10:00',
			end: '12:00',
			capacity: '8'
		});
		await page.getByLabel('会場', { exact: true }).selectOption({ index: 1 });
		await page.getByRole('radio', { name: '講座（1回の申し込みで全回に参加）' }).check();

		// The preview shows the four dates, and the 祝日 it skipped, before anything is saved.
		const preview = page.getByRole('region', { name: '日程の確認' });
		await expect(preview).toContainText('講座 全4回の日程です。');
		await expect(preview.getByRole('list').first().getByRole('listitem')).toHaveCount(4);
		await expect(preview).toContainText('とばす日');
		await expect(preview).toContainText('祝日（');
		await page.getByRole('button', { name: '教室を作る' }).click();
		await page.waitForURL(/\/volunteer\/class\?id=/);
		const firstId = desk.classId();
		await expect(page.getByText('講座 全4回の第1回')).toBeVisible();
		await desk.waitUntilSent();

		const { classes } = (await (await page.request.get('/api/classes')).json()) as {
			classes: Listed[];
		};
		const sessions = classes
			.filter((klass) => klass.title === title)
			.sort((a, b) => (a.series?.position ?? 0) - (b.series?.position ?? 0));
		expect(sessions.map((klass) => klass.series?.position)).toEqual([1, 2, 3, 4]);
		expect(sessions[0]?.id).toBe(firstId);

		// Step 2: a resident signs up on her phone, from the third session's card: one sign-up.
		const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
		await phone.goto(`/classes/class?id=${sessions[2]?.id}`);
		await waitForApp(phone);
		const facts = phone.locator('.class-facts');
		await expect(facts).toContainText('全4回');
		await expect(facts.locator('.course-dates li')).toHaveCount(4);
		const signup = await new ClassPage(phone).startSignup();
		await signup.signUp({
			name: '田中 はる',
			kana: 'たなか はる',
			phone: '090-5555-6666',
			device: 'Android（アンドロイド）'
		});
		await expect(signup.statuses.first()).toContainText(statusWords.confirmed);

		// Step 3: at the hall, no network. Each session has her on its roster; she came twice.
		const attendance = new AttendancePage(page);
		await attendance.open(sessions[0]?.id ?? '');
		await expect(attendance.row('田中 はる')).toBeVisible({ timeout: 15_000 });
		await server.stop();
		await page.context().setOffline(true);
		for (const session of sessions.slice(0, 2)) {
			await attendance.open(session.id ?? '');
			await attendance.mark('田中 はる', '出席');
			await expect(attendance.toggle('田中 はる', '出席')).toHaveAttribute('aria-pressed', 'true');
			// Each session keeps its own mark, waiting on the tablet.
			await expect(attendance.sendState).toContainText('送信待ち 1件');
		}
		await attendance.open(sessions[2]?.id ?? '');
		await expect(attendance.toggle('田中 はる', '出席')).toHaveAttribute('aria-pressed', 'false');
		await attendance.open(sessions[1]?.id ?? '');

		// Step 4: the Wi-Fi returns; the marks go by themselves.
		await server.start();
		await page.context().setOffline(false);
		await expect(attendance.sendState).toContainText('すべて送信済み', { timeout: 30_000 });

		// Step 5: on her phone, わたしの申し込み says how far she has come.
		const mine = new MySignupsPage(phone);
		await mine.open();
		await expect(mine.entry(title)).toContainText('全4回（2回目まで出席）', { timeout: 15_000 });
		await phone.close();
	});
});
