import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { AttendancePage } from './pages/attendance-page';
import { VolunteerDesk } from './pages/volunteer-desk';
import { testAdmin } from './server';

type RosterAnswer = {
	signups: Array<{
		id: string;
		name: string;
		status: string;
		walkIn: boolean;
		attendance: string | null;
		needsLoaner: boolean;
	}>;
};

/** Chooses a text size on the settings page (the choice is kept on the device). */
async function chooseTextSize(page: Page, size: '標準' | '最大'): Promise<void> {
	await page.goto('/settings');
	await waitForApp(page);
	await page.getByRole('main').getByRole('radio', { name: size, exact: true }).check();
}

/** A 2-seat class tomorrow in the demo town's first venue, as the volunteer publishes it. */
async function twoSeatClass(page: Page, title: string): Promise<string> {
	const { classes } = (await (await page.request.get('/api/classes')).json()) as {
		classes: Array<{ venue: { id: string } }>;
	};
	const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
	tomorrow.setUTCHours(1, 0, 0, 0);
	const created = await page.request.post('/api/volunteer/classes', {
		data: {
			title,
			topic: 'LINEで写真を送る',
			venueId: classes[0]!.venue.id,
			startsAt: tomorrow.toISOString(),
			endsAt: new Date(tomorrow.getTime() + 90 * 60 * 1000).toISOString(),
			capacity: 2,
			loanerTablets: 2
		}
	});
	expect(created.status()).toBe(201);
	return ((await created.json()) as { id: string }).id;
}

// Once, on a phone at 最大 text, the hardest screen for the desk's pages (the matrix in
// a11y.spec.ts scans them at every size). The same day on the 820×1180 desk repeated every step:
// 55 s of CI on two busy cores.
const screens = [
	{ name: 'phone at 390×844, 最大 text', viewport: { width: 390, height: 844 }, textSize: '最大' }
] as const;

test.describe('a hall day: duplicates caught, a walk-in seated in a full class', () => {
	for (const screen of screens) {
		test(`${screen.name}: the same caller is caught, another person is entered on purpose, and an offline walk-in at the full class is seated and counted`, async ({
			page,
			server,
			axe
		}, testInfo) => {
			await page.setViewportSize(screen.viewport);
			const desk = new VolunteerDesk(page);
			const title = `写真を送る教室 ${testInfo.workerIndex}-${Date.now() % 100_000}`;

			// Morning, at home: the volunteer logs in, and publishes a 2-seat class.
			await desk.logInForOffline(testAdmin);
			await chooseTextSize(page, screen.textSize);
			const classId = await twoSeatClass(page, title);
			await desk.openClass(classId);

			// 佐藤 一郎 phones: the volunteer enters him.
			await desk.signUpByPhone({
				name: '佐藤 一郎',
				nameKana: 'さとう いちろう',
				phone: '090-1111-2222',
				device: '持っていない',
				loaner: 'はい'
			});
			await desk.waitUntilSent();

			// He phones again the next day, and is typed with a wide space and wide digits: caught.
			await desk.fillPhoneSignup({
				name: '佐藤　一郎',
				phone: '０９０－１１１１－２２２２',
				device: '持っていない',
				loaner: 'はい'
			});
			await expect(desk.duplicateNotice).toBeVisible();
			await expect(desk.duplicateNotice).toBeFocused();
			await expect(desk.duplicateNotice).toContainText('佐藤 一郎');
			await expect(desk.duplicateNotice).toContainText('090-1111-2222');
			await expect(desk.duplicateNotice).toContainText('参加が決まっています');
			await axe(page);
			await desk.duplicateNotice.screenshot({ path: testInfo.outputPath('duplicate-notice.png') });
			// It is him: nothing is entered.
			await desk.duplicateNotice.getByRole('button', { name: '入れない' }).click();
			await expect(desk.rosterEntry('佐藤 一郎')).toHaveCount(1);

			// Later a caller gives the same name and number: his son, named after him, living with
			// him. Caught again, and this time entered as another person.
			await desk.fillPhoneSignup({
				name: '佐藤 一郎',
				nameKana: 'さとう いちろう',
				phone: '090-1111-2222',
				device: 'iPhone',
				loaner: 'いいえ'
			});
			await expect(desk.duplicateNotice).toBeVisible();
			await desk.duplicateNotice.getByRole('button', { name: '別の方として入れる' }).click();
			await expect(desk.rosterEntry('佐藤 一郎')).toHaveCount(2);
			await desk.waitUntilSent();
			// The class is full now: residents see no seat left.
			const listed = (await (await page.request.get('/api/classes')).json()) as {
				classes: Array<{ id: string; seatsLeft: number }>;
			};
			expect(listed.classes.find((klass) => klass.id === classId)?.seatsLeft).toBe(0);

			// On the day, at the hall: the tablet has the roster, and there is no network.
			const attendance = new AttendancePage(page);
			await attendance.open(classId);
			await expect(attendance.row('佐藤 一郎')).toHaveCount(2);
			await server.stop();
			await page.context().setOffline(true);
			await page.reload();
			await waitForApp(page);
			await expect(page.getByText('ネットワークにつながっていません。')).toBeVisible();

			// Someone came without signing up: seated, marked present, counted, and the class is
			// one over its capacity.
			await attendance.addWalkIn({
				name: '高橋 トメ',
				nameKana: 'たかはし とめ',
				device: '持っていない',
				loaner: 'はい'
			});
			const walkIn = attendance.row('高橋 トメ');
			await expect(walkIn).toContainText('当日参加');
			await expect(walkIn).toContainText('送信待ち');
			await expect(walkIn).not.toContainText(/待ち\d+番/);
			await expect(attendance.toggle('高橋 トメ', '出席')).toHaveAttribute('aria-pressed', 'true');
			await expect(attendance.count('present')).toHaveText('1人');
			await expect(attendance.overCapacity).toHaveText(/定員を1人こえています/);
			await expect(page.getByRole('heading', { name: '参加する方（3人）' })).toBeVisible();
			await axe(page);
			await attendance.counts.screenshot({ path: testInfo.outputPath('over-capacity.png') });
			await walkIn.screenshot({ path: testInfo.outputPath('walk-in-row.png') });

			// Back online: everything is sent, once.
			await server.start();
			await page.context().setOffline(false);
			await expect(attendance.sendState).toContainText('すべて送信済み', { timeout: 30_000 });
			await expect(walkIn).not.toContainText('送信待ち');
			await expect(walkIn).toContainText('当日参加');
			const roster = (await (
				await page.request.get(`/api/volunteer/classes/${classId}/roster`)
			).json()) as RosterAnswer;
			const tome = roster.signups.filter((entry) => entry.name === '高橋 トメ');
			expect(tome).toHaveLength(1);
			expect(tome[0]).toMatchObject({
				status: 'confirmed',
				walkIn: true,
				attendance: 'present',
				needsLoaner: true
			});
			expect(roster.signups.filter((entry) => entry.status === 'confirmed')).toHaveLength(3);
			expect(
				roster.signups
					.filter((entry) => entry.name === '佐藤 一郎')
					.map((entry) => entry.needsLoaner)
			).toEqual([true, false]);
			const after = (await (await page.request.get('/api/classes')).json()) as {
				classes: Array<{ id: string; seatsLeft: number }>;
			};
			expect(after.classes.find((klass) => klass.id === classId)?.seatsLeft).toBe(0);
		});
	}
});
