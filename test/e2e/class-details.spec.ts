import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { ClassPage, MySignupsPage } from './pages/class-pages';
import { VolunteerDesk } from './pages/volunteer-desk';
import { testAdmin } from './server';

// A volunteer's day with the class details (issue 15, item 8): a class with 持ち物 and 無料 and
// two tutors by name, the tutor ratio on the desk, what a resident sees, and on the day,
// offline, 「今日の教室」 from the first screen straight to today's attendance.

// Once, on a phone at 最大 text, the hardest screen for these pages; the matrix (a11y.spec.ts)
// scans them at every size. (A second pass on the tablet at 標準 repeated the same steps: 84 s
// of CI on two busy cores.)
const passes = [
	{ name: 'phone, 最大 text', viewport: { width: 390, height: 844 }, textSize: '最大' }
] as const;

/**
 * Today in Japan as the class form takes it: the day, a start a few minutes ahead (residents
 * can still sign up) and an end before midnight; null in the day's last minutes.
 */
function todayInJapan(): { date: string; start: string; end: string } | null {
	const japan = new Date(Date.now() + 9 * 60 * 60 * 1000);
	const minutes = japan.getUTCHours() * 60 + japan.getUTCMinutes();
	const start = minutes + 10;
	const end = Math.min(23 * 60 + 59, start + 60);
	if (end - start < 20) return null;
	const clock = (total: number) =>
		`${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
	return { date: japan.toISOString().slice(0, 10), start: clock(start), end: clock(end) };
}

/** Chooses a text size on the settings page (kept on the device for every page). */
async function chooseTextSize(page: Page, size: string): Promise<void> {
	await page.goto('/settings');
	await waitForApp(page);
	await page.getByRole('main').getByRole('radio', { name: size, exact: true }).check();
}

for (const pass of passes) {
	test(`class details on the ${pass.name}: 持ち物, 無料, two tutors, then 「今日の教室」 offline`, async ({
		page,
		browser,
		server,
		axe
	}, testInfo) => {
		test.slow();
		const today = todayInJapan();
		// Too late in the Japanese day for a class that starts ahead and ends the same day.
		test.skip(today === null, 'the last minutes of the day in Japan');
		await page.setViewportSize(pass.viewport);
		await chooseTextSize(page, pass.textSize);
		const desk = new VolunteerDesk(page);
		const title = `手ぶらでスマホ教室 ${randomUUID().slice(0, 4)}`;
		const helperName = `鈴木 はるか${randomUUID().slice(0, 3)}`;

		// Step 1: at home the volunteer logs in; an admin has added a second volunteer.
		await desk.logInForOffline(testAdmin);
		const helper = await page.request.post('/api/volunteer/volunteers', {
			data: {
				email: `helper-${randomUUID()}@e2e.example`,
				name: helperName,
				role: 'volunteer',
				password: `tutor-${randomUUID()}`
			}
		});
		expect(helper.status(), await helper.text()).toBe(201);
		const { classes } = (await (await page.request.get('/api/classes')).json()) as {
			classes: Array<{ venue: { name: string } }>;
		};

		// Step 2: today's class, with 持ち物, 無料 (already chosen) and two tutors by name.
		await page.goto('/volunteer/edit');
		await waitForApp(page);
		await desk.fillClassForm({
			title,
			topic: '写真を送る',
			venue: classes[0]!.venue.name,
			date: today!.date,
			start: today!.start,
			end: today!.end,
			capacity: '10'
		});
		const form = page.getByRole('main');
		await form.getByLabel('持ち物（任意）').fill('筆記用具');
		await expect(form.getByRole('radio', { name: '無料' })).toBeChecked();
		await form.getByRole('checkbox', { name: '管理者', exact: true }).check();
		await form.getByRole('checkbox', { name: helperName }).check();
		await page.getByRole('button', { name: '教室を作る' }).click();
		await page.waitForURL(/\/volunteer\/class\?id=/);
		const classId = desk.classId();
		await desk.waitUntilSent();

		// Step 3: five residents sign up from their phones; the desk checks the tutor ratio.
		for (const name of ['山田 花子', '佐藤 一郎', '田中 三郎', '高橋 よしこ', '伊藤 みつ']) {
			const answer = await page.request.post('/api/signups', {
				data: {
					id: randomUUID(),
					classId,
					name,
					device: 'android',
					needsLoaner: false
				}
			});
			expect(answer.status(), await answer.text()).toBe(201);
		}
		await desk.openClass(classId);
		const ratio = page.getByTestId('tutor-ratio');
		await expect(ratio).toContainText('講師 2人（必要 3人）');
		await expect(ratio).toContainText('あと1人足りません');
		await expect(ratio).toContainText(helperName);
		const details = page.getByRole('region', { name: '教室の内容' });
		await expect(details).toContainText('筆記用具');
		await expect(details).toContainText('無料');
		await axe(page);

		// Step 4: a resident's phone shows 持ち物 and 参加費 on the class page and the slip.
		const phone = await browser.newPage({ baseURL: server.url, viewport: pass.viewport });
		await phone.goto(`/classes/class?id=${classId}`);
		await waitForApp(phone);
		const classPage = new ClassPage(phone);
		await classPage.heading(title).waitFor();
		await expect(phone.getByRole('main')).toContainText('持ち物');
		await expect(phone.getByRole('main')).toContainText('筆記用具');
		await expect(phone.getByRole('main')).toContainText('参加費');
		await expect(phone.getByRole('main')).toContainText('無料');
		const signup = await classPage.startSignup();
		await signup.signUp({
			name: '小林 ゆき',
			kana: 'こばやし ゆき',
			device: 'iPhone（アイフォーン）'
		});
		const mine = new MySignupsPage(phone);
		await mine.open();
		await mine
			.entry(title)
			.getByRole('link', { name: /^お知らせの紙を印刷する/ })
			.click({ timeout: 20_000 });
		const slip = phone.getByRole('article');
		await expect(slip).toContainText('筆記用具');
		await expect(slip).toContainText('参加費');
		await expect(slip).toContainText('無料');
		await phone.close();

		// Step 5: the class day at the hall: no network, the server really stopped.
		await server.stop();
		await page.context().setOffline(true);
		await page.goto('/volunteer');
		await waitForApp(page);
		await page.getByRole('link', { name: new RegExp(`今日の教室.*${title}`) }).click();
		await expect(page).toHaveURL(`/volunteer/attendance?id=${classId}`);
		await expect(page.getByRole('main')).toContainText('山田 花子');
		await expect(page.getByRole('main')).toContainText(title);

		// Still offline, at the largest text: the class form and the desk's class page, kept as
		// pictures to look at.
		await chooseTextSize(page, '最大');
		await page.goto(`/volunteer/edit?id=${classId}`);
		await waitForApp(page);
		await expect(form.getByLabel('持ち物（任意）')).toHaveValue('筆記用具');
		await page.screenshot({ path: testInfo.outputPath('class-form.png'), fullPage: true });
		await desk.openClass(classId);
		await expect(ratio).toContainText('講師 2人（必要 3人）');
		await page.screenshot({ path: testInfo.outputPath('desk-class.png'), fullPage: true });
	});
}
