import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, withoutServiceWorker } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { countStored, VolunteerDesk } from './pages/volunteer-desk';
import { testAdmin } from './server';

const hall = 'みどり町中央公民館 2階 研修室';
const day = 24 * 60 * 60 * 1000;

/** The day `days` from now in Japan, as the date field takes it (YYYY-MM-DD). */
function japanDay(days: number): string {
	return new Date(Date.now() + 9 * 60 * 60 * 1000 + days * day).toISOString().slice(0, 10);
}

/** A title no earlier test used (the worker's server keeps its database between tests). */
function uniqueTitle(name: string): string {
	return `${name} ${Math.random().toString(36).slice(2, 7)}`;
}

/** The class as the server holds it now. */
async function serverClass(request: APIRequestContext, id: string) {
	const response = await request.get(`/api/volunteer/classes/${id}`);
	expect(response.status()).toBe(200);
	return (await response.json()) as {
		title: string;
		startsAt: string;
		capacity: number;
		tutors: number;
		version: number;
	};
}

/** The first upcoming demo class, from the public list. */
async function firstClass(request: APIRequestContext): Promise<{ id: string; title: string }> {
	const { classes } = (await (await request.get('/api/classes')).json()) as {
		classes: Array<{ id: string; title: string; status: string; startsAt: string }>;
	};
	// Not one that starts within the test: other tests on the worker's server make classes
	// minutes ahead (「今日の教室」), and a sign-up after the start is refused.
	const later = Date.now() + 2 * 60 * 60 * 1000;
	const klass = classes.find(
		(candidate) => candidate.status === 'scheduled' && Date.parse(candidate.startsAt) > later
	);
	if (!klass) throw new Error('the demo town has no class');
	return klass;
}

test.describe('volunteers run classes', () => {
	test.describe('online, without a worker', () => {
		// Offline use is not under test here: a worker would download the whole app beside the
		// test (about a third of such a test's time on two cores; see fixtures.ts).
		test.use(withoutServiceWorker);

		test('create a class, see it published, and fix its tutors', async ({ page }) => {
			const desk = new VolunteerDesk(page);
			await desk.logIn(testAdmin);

			// Step 1: a volunteer publishes a class, forgetting the tutors.
			const title = uniqueTitle('写真の整理');
			const date = japanDay(10);
			const id = await desk.createClass({
				title,
				topic: 'アルバムの作り方',
				venue: hall,
				date,
				start: '13:30',
				end: '15:00',
				capacity: '8',
				loanerTablets: '2',
				tutors: '0'
			});
			await desk.waitUntilSent();

			// Step 2: residents see it in the public list, at 13:30 Japan time.
			await expect
				.poll(async () => {
					const { classes } = (await (await page.request.get('/api/classes')).json()) as {
						classes: Array<{ id: string; title: string; startsAt: string; capacity: number }>;
					};
					return classes.find((klass) => klass.id === id) ?? null;
				})
				.toMatchObject({ title, capacity: 8 });
			const published = await serverClass(page.request, id);
			expect(new Date(published.startsAt).getTime()).toBe(
				new Date(`${date}T13:30:00+09:00`).getTime()
			);

			// Step 3: the dashboard says the class is short of a tutor, in words.
			await desk.openDashboard();
			const card = desk.classCard(title);
			await expect(card).toContainText('0人 / 定員8人');
			await expect(card).toContainText('1人足りません');

			// Step 4: the volunteer adds two tutors and more seats; only those fields are sent.
			await desk.editClass(id, { tutors: '2', capacity: '10' });
			await desk.waitUntilSent();
			const edited = await serverClass(page.request, id);
			expect(edited).toMatchObject({ title, tutors: 2, capacity: 10, version: 2 });
			expect(edited.startsAt).toBe(published.startsAt);
			await desk.openDashboard();
			await expect(desk.classCard(title)).toContainText('0人 / 定員10人');
			await expect(desk.classCard(title)).not.toContainText('足りません');

			// Step 5: next month's class is a copy; only the day is left to choose.
			await desk.openClass(id);
			await page.getByRole('link', { name: 'この教室をもとに新しい教室を作る' }).click();
			await expect(page.getByLabel('教室の名前')).toHaveValue(title);
			await expect(page.getByLabel('始まる時刻')).toHaveValue('13:30');
			await expect(page.getByLabel('日付')).toHaveValue('');
			const nextDate = japanDay(40);
			await desk.fillClassForm({ title: `${title}（続き）`, date: nextDate });
			await page.getByRole('button', { name: '教室を作る' }).click();
			await page.waitForURL(/\/volunteer\/class\?id=/);
			const copyId = desk.classId();
			expect(copyId).not.toBe(id);
			await desk.waitUntilSent();
			const copy = await serverClass(page.request, copyId);
			expect(copy).toMatchObject({
				title: `${title}（続き）`,
				capacity: 10,
				tutors: 2,
				version: 1
			});
			expect(new Date(copy.startsAt).getTime()).toBe(
				new Date(`${nextDate}T13:30:00+09:00`).getTime()
			);

			// Step 6: a wrong form says what to fix, beside the field.
			await page.goto('/volunteer/edit');
			await waitForApp(page);
			await desk.fillClassForm({
				title: uniqueTitle('空の教室'),
				date,
				start: '10:00',
				end: '09:00'
			});
			await page.getByRole('button', { name: '教室を作る' }).click();
			await expect(page.getByRole('alert')).toContainText('入力内容に確認が必要なところがあります');
			await expect(page.getByLabel('終わる時刻')).toHaveAccessibleDescription(
				/終わりの時刻は、始まりより後にしてください。/
			);
			await expect(page.getByLabel('会場', { exact: true })).toHaveAccessibleDescription(
				/入力してください。/
			);
		});

		test('two volunteers change one start time: the second resolves the conflict', async ({
			browser,
			baseURL,
			page
		}) => {
			// Step 1: the admin adds a second volunteer, who logs in on another tablet.
			const first = new VolunteerDesk(page);
			await first.logIn(testAdmin);
			const sato = {
				email: `sato-${Date.now()}@e2e.example`,
				password: 'hall-tablet-sato-2026'
			};
			const created = await page.request.post('/api/volunteer/volunteers', {
				data: { ...sato, name: '佐藤', role: 'volunteer' }
			});
			expect(created.status()).toBe(201);
			const otherContext = await browser.newContext({ baseURL, locale: 'ja-JP' });
			const otherPage = await otherContext.newPage();
			const second = new VolunteerDesk(otherPage);
			await second.logIn(sato);

			// Step 2: the first volunteer publishes a class at 10:00–11:30; both tablets have it.
			const title = uniqueTitle('LINEの使い方');
			const date = japanDay(12);
			const id = await first.createClass({
				title,
				venue: hall,
				date,
				start: '10:00',
				end: '11:30',
				capacity: '10',
				tutors: '3'
			});
			await first.waitUntilSent();
			await second.openDashboard();
			await expect(second.classCard(title)).toBeVisible();

			// Step 3: the second volunteer opens the form (version 1) while the first moves the
			// start to 10:30 and it reaches the server.
			await otherPage.goto(`/volunteer/edit?id=${id}`);
			await waitForApp(otherPage);
			await expect(otherPage.getByLabel('始まる時刻')).toHaveValue('10:00');
			await first.editClass(id, { start: '10:30' });
			await first.waitUntilSent();

			// Step 4: the second volunteer moves it to 11:00 from the old version: a conflict.
			await second.fillClassForm({ start: '11:00' });
			await second.saveEdit();
			const conflict = otherPage.getByRole('region', {
				name: 'ほかのボランティアが先に変更しました'
			});
			await expect(conflict).toBeVisible({ timeout: 15_000 });
			const row = conflict.getByRole('row', { name: /始まり/ });
			await expect(row.getByRole('cell').nth(0)).toContainText('11:00');
			await expect(row.getByRole('cell').nth(1)).toContainText('10:30');
			expect(new Date((await serverClass(page.request, id)).startsAt).getTime()).toBe(
				new Date(`${date}T10:30:00+09:00`).getTime()
			);
			// The dashboard points to it as well.
			await second.openDashboard();
			await otherPage.getByRole('link', { name: '教室のページで確かめる' }).click();
			await expect(conflict).toBeVisible();

			// Step 5: they choose their own value; the server now holds 11:00, and the conflict is gone.
			await conflict.getByRole('button', { name: 'あなたの内容でもう一度変更する' }).click();
			await second.waitUntilSent();
			await expect(conflict).toBeHidden();
			await expect
				.poll(async () => new Date((await serverClass(page.request, id)).startsAt).getTime())
				.toBe(new Date(`${date}T11:00:00+09:00`).getTime());
			await expect(otherPage.getByText('午前11時〜11時30分')).toBeVisible();
			await otherContext.close();
		});
	});

	test('with the server stopped, the rosters still open and a phoned-in sign-up waits, then arrives once', async ({
		page,
		server
	}) => {
		// Names of this run only: the worker's server keeps earlier runs' sign-ups (a retry).
		const run = randomUUID().slice(0, 4);
		const hanako = `山田 花子${run}`;
		const ichiro = `鈴木 一郎${run}`;

		// Step 1: on the hall's Wi-Fi, the volunteer logs in and the device syncs once.
		const desk = new VolunteerDesk(page);
		await desk.logInForOffline(testAdmin);
		const klass = await firstClass(page.request);
		await desk.openClass(klass.id);
		await desk.signUpByPhone({
			name: hanako,
			nameKana: 'やまだ はなこ',
			device: 'Android',
			loaner: 'いいえ'
		});
		await desk.waitUntilSent();
		await expect(desk.rosterEntry(hanako)).not.toContainText('送信待ち');

		// Step 2: the Wi-Fi goes; the dashboard and the roster still open from the device.
		await server.stop();
		await desk.openDashboard();
		await expect(page.getByTestId('offline-copy')).toBeVisible();
		await expect(desk.classCardById(klass.id)).toBeVisible();
		await desk.openClass(klass.id);
		await expect(desk.heading).toHaveText(klass.title);
		await expect(desk.rosterEntry(hanako)).toBeVisible();

		// Step 3: a resident phones; the volunteer enters the sign-up offline.
		await desk.signUpByPhone({
			name: ichiro,
			phone: '090-1234-5678',
			device: '持っていない',
			loaner: 'はい'
		});
		const suzuki = desk.rosterEntry(ichiro);
		await expect(suzuki).toContainText('送信待ち');
		await expect(suzuki).toContainText('090-1234-5678');
		await expect(page.getByText('送信待ち 1件')).toBeVisible();

		// Step 4: a reload offline keeps it waiting.
		await page.reload();
		await waitForApp(page);
		await expect(desk.rosterEntry(ichiro)).toContainText('送信待ち');

		// Step 5: the server is back; it is sent, and the server holds exactly one.
		await server.start();
		await desk.sendNow();
		await expect(desk.rosterEntry(ichiro)).not.toContainText('送信待ち');
		await page.reload();
		await waitForApp(page);
		await desk.waitUntilSent();
		const roster = (await (
			await page.request.get(`/api/volunteer/classes/${klass.id}/roster`)
		).json()) as { signups: Array<{ name: string; needsLoaner: boolean; status: string }> };
		const entries = roster.signups.filter((entry) => entry.name === ichiro);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ needsLoaner: true });
	});

	test('venues: added and renamed with the server stopped, sent once it is back; only an unused one can be removed', async ({
		page,
		server
	}) => {
		const run = randomUUID().slice(0, 4);
		const added = `北地区集会所${run}`;
		const renamed = `北地区コミュニティセンター${run}`;
		const desk = new VolunteerDesk(page);
		await desk.logInForOffline(testAdmin);
		const venueCard = (name: string) => page.locator('li.venue').filter({ hasText: name });

		// Step 1: the demo hall has classes ahead, so it offers no removal.
		await page.getByRole('link', { name: '会場を管理する' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '会場' })).toBeVisible();
		const busy = venueCard(hall);
		await expect(busy).toContainText(/これからの教室: \d+件/);
		await expect(busy).toContainText('これからの教室があるため、削除できません');
		await expect(busy.getByRole('button', { name: '削除する' })).toHaveCount(0);

		// Step 2: the Wi-Fi goes; a venue is added, then its name is corrected.
		await server.stop();
		await page.reload();
		await waitForApp(page);
		const addForm = page.getByRole('region', { name: '会場を追加する' });
		await addForm.getByLabel('会場の名前').fill(added);
		await addForm.getByLabel('住所').fill('みどり町北3-4');
		await addForm.getByRole('button', { name: '追加する', exact: true }).click();
		await expect(venueCard(added)).toBeVisible();
		await venueCard(added).getByRole('button', { name: '変更する' }).click();
		const nameField = venueCard(added).getByLabel('会場の名前');
		await expect(nameField).toBeFocused();
		await nameField.fill(renamed);
		await venueCard(added).getByRole('button', { name: '変更を保存する' }).click();
		await expect(venueCard(renamed)).toBeVisible();
		await expect(page.getByText('送信待ち 2件')).toBeVisible();

		// Step 3: a reload offline keeps both waiting.
		await page.reload();
		await waitForApp(page);
		await expect(venueCard(renamed)).toBeVisible();
		await expect(page.getByText('送信待ち 2件')).toBeVisible();

		// Step 4: the server is back; it holds the venue once, under its corrected name.
		await server.start();
		await desk.sendNow();
		const serverVenues = async () => {
			const pulled = (await (
				await page.request.get(`/api/sync/pull?deviceId=${randomUUID()}&cursor=0`)
			).json()) as { volunteer: { venues: Array<{ name: string; address: string }> } };
			return pulled.volunteer.venues.filter((venue) => venue.name.endsWith(run));
		};
		expect(await serverVenues()).toEqual([
			expect.objectContaining({ name: renamed, address: 'みどり町北3-4' })
		]);

		// Step 5: unused, it can be removed, after a confirmation.
		await venueCard(renamed).getByRole('button', { name: '削除する' }).click();
		await expect(venueCard(renamed)).toContainText(`「${renamed}」を一覧から削除しますか？`);
		await venueCard(renamed).getByRole('button', { name: '削除する' }).click();
		await expect(venueCard(renamed)).toHaveCount(0);
		await desk.waitUntilSent();
		expect(await serverVenues()).toEqual([]);
	});

	test('logging out removes the rosters from the device, and the pages show nothing', async ({
		page,
		server
	}) => {
		// Step 1: the volunteer's tablet has the rosters.
		const desk = new VolunteerDesk(page);
		await desk.logInForOffline(testAdmin);
		const klass = await firstClass(page.request);
		await expect(desk.classCardById(klass.id)).toBeVisible();
		const before = await countStored(page, ['rosters', 'venues']);
		expect(before.rosters).toBeGreaterThan(0);

		// Step 2: logout (a shared tablet) clears them from IndexedDB.
		await desk.logOut();
		expect(await countStored(page, ['rosters', 'venues', 'rejections'])).toEqual({
			rosters: 0,
			venues: 0,
			rejections: 0
		});

		// Step 3: online, the class page sends the visitor to log in…
		await page.goto(`/volunteer/class?id=${klass.id}`);
		await expect(page).toHaveURL(/\/volunteer\/login\?next=%2Fvolunteer%2Fclass%3Fid%3D/);

		// Step 4: …and offline, the saved page cannot show anyone's data.
		await server.stop();
		await page.goto(`/volunteer/class?id=${klass.id}`);
		await waitForApp(page);
		await expect(page.getByRole('alert')).toContainText(
			'ログインにはインターネットの接続が必要です'
		);
		await expect(page.getByText(klass.title)).toHaveCount(0);
	});
});
