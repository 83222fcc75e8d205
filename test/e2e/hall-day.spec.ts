// Issue 15's story, as one day at the community hall seen from the desk's tablet (820×1180):
// the admin adds a volunteer, who publishes a 2-seat class; two phone sign-ups; the same person
// phones again and is caught; the class fills and a waiting list forms; a cancellation moves up
// a resident without a smartphone, flagged to be phoned; the day before, the call list; on the
// day, with the hall's network down, attendance and a walk-in; back online, everything is sent
// once. (The calendar is not moved: "the day before" and "the day" are the same test run.)
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { AttendancePage } from './pages/attendance-page';
import { CallListPage } from './pages/call-list-page';
import { VolunteerDesk } from './pages/volunteer-desk';
import { VolunteersPage } from './pages/volunteers-page';
import { testAdmin } from './server';

const hall = 'みどり町中央公民館 2階 研修室';

type RosterAnswer = {
	signups: Array<{
		name: string;
		status: string;
		walkIn: boolean;
		attendance: string | null;
		contact?: { done: boolean } | null;
	}>;
};

/** Tomorrow's date in Japan (YYYY-MM-DD), as the class form takes it. */
function tomorrowInJapan(): string {
	const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(tomorrow);
}

/** The class's roster as the server has it (the volunteer's session is the page's). */
async function serverRoster(page: Page, classId: string): Promise<RosterAnswer['signups']> {
	const answer = await page.request.get(`/api/volunteer/classes/${classId}/roster`);
	expect(answer.status()).toBe(200);
	return ((await answer.json()) as RosterAnswer).signups;
}

test('a hall day: a new volunteer, a full class with a waiting list, the call list, and an offline class day with a walk-in', async ({
	page,
	server,
	axe
}, testInfo) => {
	test.setTimeout(300_000);
	await page.setViewportSize({ width: 820, height: 1180 });
	const desk = new VolunteerDesk(page);
	const suffix = `${testInfo.workerIndex}-${Date.now() % 100_000}`;
	const title = `LINEで写真を送る ${suffix}`;

	// The admin adds 田中 みのる and hands over the one-time password.
	await desk.logIn(testAdmin);
	const volunteers = new VolunteersPage(page);
	await volunteers.openFromDesk();
	const tanaka = { email: `tanaka-${suffix}@midori.example`, password: '' };
	tanaka.password = await volunteers.add({
		name: '田中 みのる',
		email: tanaka.email,
		role: 'ボランティア'
	});
	await expect(volunteers.fact('田中 みのる', '役割')).toHaveText('ボランティア');
	await desk.openDashboard();
	await desk.logOut();

	// 田中 logs in on the hall tablet and publishes a 2-seat class for tomorrow.
	await desk.logInForOffline(tanaka);
	await expect(page.getByRole('link', { name: 'ボランティアを管理する' })).toHaveCount(0);
	const classId = await desk.createClass({
		title,
		topic: '写真の選び方と送り方',
		venue: hall,
		date: tomorrowInJapan(),
		start: '10:00',
		end: '11:30',
		capacity: '2',
		loanerTablets: '2'
	});
	await desk.waitUntilSent();

	// Two residents phone; both are entered.
	await desk.signUpByPhone({
		name: '佐藤 一郎',
		nameKana: 'さとう いちろう',
		phone: '090-1111-2222',
		device: '持っていない',
		loaner: 'はい'
	});
	await desk.signUpByPhone({
		name: '山田 花子',
		nameKana: 'やまだ はなこ',
		phone: '080-3333-4444',
		device: 'Android',
		loaner: 'いいえ'
	});
	await desk.waitUntilSent();

	// 佐藤 phones again, and is typed with a wide space and wide digits: caught, not entered.
	await desk.fillPhoneSignup({
		name: '佐藤　一郎',
		phone: '０９０－１１１１－２２２２',
		device: '持っていない',
		loaner: 'はい'
	});
	await expect(desk.duplicateNotice).toBeVisible();
	await expect(desk.duplicateNotice).toContainText('参加が決まっています');
	await desk.duplicateNotice.getByRole('button', { name: '入れない' }).click();
	await expect(desk.rosterEntry('佐藤 一郎')).toHaveCount(1);

	// The class is full: the next caller, who has no smartphone, waits.
	await desk.signUpByPhone({
		name: '鈴木 ハル',
		nameKana: 'すずき はる',
		phone: '0123-45-6789',
		device: '持っていない',
		loaner: 'はい'
	});
	await expect(desk.rosterEntry('鈴木 ハル')).toContainText('待ち1番');
	await desk.waitUntilSent();
	const full = (await (await page.request.get('/api/classes')).json()) as {
		classes: Array<{ id: string; seatsLeft: number; waitlistLength: number }>;
	};
	expect(full.classes.find((klass) => klass.id === classId)).toMatchObject({
		seatsLeft: 0,
		waitlistLength: 1
	});

	// 山田 phones to cancel: her seat goes to 鈴木, who must be told by phone.
	const yamada = desk.rosterEntry('山田 花子');
	await yamada.getByRole('button', { name: '申し込みを取り消す' }).click();
	await yamada.getByRole('button', { name: '取り消す', exact: true }).click();
	await desk.waitUntilSent();
	await expect(desk.rosterEntry('鈴木 ハル')).toContainText('繰り上がり・要連絡', {
		timeout: 30_000
	});
	await axe(page);

	// The day before: tomorrow's call list has 鈴木 (moved up) and 佐藤 (entered by phone).
	const calls = new CallListPage(page);
	await calls.openTomorrowFromDesk();
	const suzuki = calls.person('鈴木 ハル', title);
	await expect(suzuki).toContainText('繰り上がり・要連絡');
	await expect(suzuki.getByRole('link', { name: /0123-45-6789/ })).toHaveAttribute(
		'href',
		'tel:0123-45-6789'
	);
	await expect(calls.person('佐藤 一郎', title)).toContainText('前日の確認');
	await expect(calls.person('山田 花子', title)).toHaveCount(0);
	await axe(page);
	await page.screenshot({ path: testInfo.outputPath('call-list.png'), fullPage: true });
	await calls.markCalled('鈴木 ハル', title);
	await desk.waitUntilSent();

	// On the day the hall's network is down (and the server too). 佐藤 is reached and ticked.
	await server.stop();
	await page.context().setOffline(true);
	await page.reload();
	await waitForApp(page);
	await calls.markCalled('佐藤 一郎', title);
	await expect(calls.tick('佐藤 一郎', title)).toBeChecked();
	// Kept on the tablet (a checkbox shows its tick before the app has stored it).
	await expect(calls.person('佐藤 一郎', title)).toContainText('送信待ち');

	// Class time: both come; 高橋 トメ walks in and is seated in the full class.
	const attendance = new AttendancePage(page);
	await attendance.open(classId);
	await attendance.mark('佐藤 一郎', '出席');
	await attendance.mark('鈴木 ハル', '出席');
	await attendance.addWalkIn({
		name: '高橋 トメ',
		nameKana: 'たかはし とめ',
		device: '持っていない',
		loaner: 'はい'
	});
	await expect(attendance.row('高橋 トメ')).toContainText('当日参加');
	await expect(attendance.count('present')).toHaveText('3人');
	await expect(attendance.overCapacity).toHaveText(/定員を1人こえています/);
	await expect(attendance.sendState).not.toContainText('すべて送信済み');
	await axe(page);
	await page.screenshot({ path: testInfo.outputPath('attendance-offline.png'), fullPage: true });

	// Back online: everything the tablet kept is sent, once.
	await server.start();
	await page.context().setOffline(false);
	await expect(attendance.sendState).toContainText('すべて送信済み', { timeout: 30_000 });
	const roster = await serverRoster(page, classId);
	const byName = (name: string) => roster.filter((entry) => entry.name === name);
	expect(byName('佐藤 一郎')).toEqual([
		expect.objectContaining({
			status: 'confirmed',
			attendance: 'present',
			contact: expect.objectContaining({ done: true })
		})
	]);
	expect(byName('鈴木 ハル')).toEqual([
		expect.objectContaining({
			status: 'confirmed',
			attendance: 'present',
			contact: expect.objectContaining({ done: true })
		})
	]);
	expect(byName('高橋 トメ')).toEqual([
		expect.objectContaining({ status: 'confirmed', walkIn: true, attendance: 'present' })
	]);
	expect(byName('山田 花子')).toEqual([expect.objectContaining({ status: 'cancelled' })]);
	const after = (await (await page.request.get('/api/classes')).json()) as {
		classes: Array<{ id: string; seatsLeft: number; waitlistLength: number }>;
	};
	expect(after.classes.find((klass) => klass.id === classId)).toMatchObject({
		seatsLeft: 0,
		waitlistLength: 0
	});
});
