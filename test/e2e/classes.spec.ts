import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, waitForOfflineReady, withoutServiceWorker } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { rubyName } from './pages/lesson-pages';
import {
	ClassListPage,
	MySignupsPage,
	SignupPage,
	statusWords,
	type Person
} from './pages/class-pages';

// Each test publishes its own class (the worker's server is shared by its tests), through the
// real volunteer API, and checks the server's records through it.

const hanako: Person = {
	name: '山田 花子',
	kana: 'やまだ はなこ',
	phone: '090-1234-5678',
	device: '持っていない',
	borrowsTablet: true,
	needs: ['見えにくい']
};

/** A title no other test uses. */
const uniqueTitle = (what: string) => `${what} ${randomUUID().slice(0, 6)}`;

/** Opens the list, waits for a class to arrive by sync, and for the app to be saved offline. */
async function syncedList(page: Page, title: string): Promise<ClassListPage> {
	const list = new ClassListPage(page);
	await list.openWhenArrived(title);
	return list;
}

/** Runs axe, and at phone width checks that nothing scrolls sideways (WCAG 1.4.10). */
async function scan(page: Page, axe: (page: Page) => Promise<void>): Promise<void> {
	await axe(page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `${page.url()} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

/** Opens a class's sign-up form from the list. */
async function signupFor(list: ClassListPage, title: string): Promise<SignupPage> {
	const classPage = await list.openClass(title);
	return classPage.startSignup();
}

test.describe('residents sign up for a class', () => {
	// Once the network is back, the page's 'online' flush or the service worker's Background
	// Sync sends the sign-up; on a busy machine either may wait for the other's lock (the next
	// try is 5 s later), hence the longer waits below.
	test('a sign-up made offline waits, survives a reload, and is confirmed once back', async ({
		api,
		page,
		context,
		server
	}) => {
		const title = uniqueTitle('オフライン申し込み');
		const classId = await api.publishClass({ title, capacity: 5 });
		const list = await syncedList(page, title);

		// Step 1: the community hall has no network; the server is really stopped.
		await server.stop();
		await context.setOffline(true);
		const signup = await signupFor(list, title);
		await signup.signUp(hanako);
		await expect(signup.statuses).toContainText(statusWords.pending);
		await expect(signup.statuses).toContainText(
			'まだ席は決まっていません。つながったら自動で送ります'
		);

		// Step 2: a reload (or a closed tab) keeps it waiting, not lost and not sent.
		await page.reload();
		await waitForApp(page);
		await expect(signup.statuses).toHaveCount(1);
		await expect(signup.statuses).toContainText(statusWords.pending);

		// Step 3: the network comes back; the sign-up goes out by itself and is confirmed.
		await server.start();
		await context.setOffline(false);
		await expect(signup.statuses).toContainText(statusWords.confirmed, { timeout: 30_000 });

		// The server holds exactly one record for Hanako, with what she entered.
		const roster = await api.roster(classId);
		const hers = roster.filter((line) => line.name === hanako.name);
		expect(hers).toHaveLength(1);
		expect(hers[0]).toMatchObject({ status: 'confirmed', nameKana: hanako.kana });
		expect(hers[0]).toMatchObject({ needsLoaner: true, needs: ['sight'] });

		// 「わたしの申し込み」 shows it too.
		const mine = new MySignupsPage(page);
		await mine.open();
		await expect(mine.entry(title)).toContainText(statusWords.confirmed);
	});

	test.describe('online, without a worker', () => {
		// Offline use is not under test here: a worker would download the whole app beside the
		// test (about a third of such a test's time on two cores; see fixtures.ts).
		test.use(withoutServiceWorker);

		test('the form keeps what was typed across a reload and explains each problem', async ({
			api,
			page
		}) => {
			const title = uniqueTitle('下書きの教室');
			await api.publishClass({ title, capacity: 5 });
			const list = new ClassListPage(page);
			await list.open();
			await signupFor(list, title);
			const form = page.locator('form');
			const name = form.getByLabel('お名前', { exact: true });
			const kana = form.getByLabel('ふりがな', { exact: true });
			await expect(name).toHaveAttribute('autocomplete', 'name');
			await expect(form.getByLabel(/^電話番号/)).toHaveAttribute('autocomplete', 'tel');

			// Step 1: typed, then the page is reloaded: nothing is lost.
			await name.fill('山田 花子');
			await kana.fill('山田');
			await form.getByRole('radio', { name: '持っていない', exact: true }).check();
			await page.reload();
			await waitForApp(page);
			await expect(name).toHaveValue('山田 花子');
			await expect(kana).toHaveValue('山田');
			await expect(form.getByRole('radio', { name: '持っていない', exact: true })).toBeChecked();

			// Step 2: sending says, beside each field, what to do; focus goes to the first one.
			await form.getByRole('button', { name: '申し込む', exact: true }).click();
			await expect(page.getByText('直してほしいところがあります')).toBeVisible();
			await expect(kana).toBeFocused();
			await expect(kana).toHaveAccessibleDescription(
				/ふりがなは、ひらがなかカタカナで入力してください。/
			);
			const loaner = form.getByRole('group', { name: '教室で貸し出すタブレットを使いますか？' });
			await expect(loaner).toHaveAccessibleDescription(/入力してください。/);

			// Step 3: corrected, it is sent, and the drafts are cleared.
			await kana.fill('やまだ はなこ');
			await loaner.getByRole('radio', { name: 'はい、借ります' }).check();
			await form.getByRole('button', { name: '申し込む', exact: true }).click();
			const signup = new SignupPage(page);
			await expect(signup.statuses).toContainText(statusWords.confirmed);
			await page.getByRole('button', { name: 'ほかの人も申し込む' }).click();
			await expect(page.getByLabel('お名前', { exact: true })).toHaveValue('');
		});
	});

	test('a sign-up the server refuses says why, in plain words', async ({
		api,
		page,
		context,
		server
	}) => {
		const title = uniqueTitle('中止になる教室');
		const classId = await api.publishClass({ title, capacity: 5 });
		const list = await syncedList(page, title);

		// Step 1: signed up offline; meanwhile the volunteers cancel the class.
		await server.stop();
		await context.setOffline(true);
		const signup = await signupFor(list, title);
		await signup.signUp(hanako);
		await expect(signup.statuses).toContainText(statusWords.pending);
		await server.start();
		await api.cancelClass(classId);

		// Step 2: back online, the sign-up is refused with the server's own words.
		await context.setOffline(false);
		await expect(signup.statuses).toContainText('受け付けられませんでした', { timeout: 30_000 });
		await expect(signup.statuses).toContainText('この教室は中止になりました。');
		expect(await api.roster(classId)).toEqual([]);

		// The list marks the class as cancelled.
		await list.open();
		await expect(list.card(title)).toContainText('この教室は中止になりました');
	});

	test('a device offline while the class fills learns it is on the waiting list', async ({
		api,
		page,
		context,
		server
	}) => {
		const title = uniqueTitle('満席になる教室');
		const classId = await api.publishClass({ title, capacity: 2 });
		const list = await syncedList(page, title);
		await expect(list.card(title)).toContainText('空き 2席');

		// Step 1: signed up with no network: 「送信待ち」.
		await server.stop();
		await context.setOffline(true);
		const signup = await signupFor(list, title);
		await signup.signUp({ ...hanako, device: 'iPhone（アイフォーン）', needs: [] });
		await expect(signup.statuses).toContainText(statusWords.pending);

		// Step 2: meanwhile two neighbours take both seats from their own phones.
		await server.start();
		expect(await api.signUpSomeoneElse(classId, '佐藤 一郎')).toBe('confirmed');
		expect(await api.signUpSomeoneElse(classId, '鈴木 次郎')).toBe('confirmed');

		// Step 3: back online, the device learns it is first on the waiting list.
		await context.setOffline(false);
		await expect(signup.statuses).toContainText(statusWords.waitlisted(1), { timeout: 30_000 });
		const roster = await api.roster(classId);
		expect(roster.filter((line) => line.name === hanako.name)).toMatchObject([
			{ status: 'waitlisted', waitlistPosition: 1 }
		]);
	});

	test.describe('online, without a worker', () => {
		// Offline use is not under test here: a worker would download the whole app beside the
		// test (about a third of such a test's time on two cores; see fixtures.ts).
		test.use(withoutServiceWorker);

		test('cancelling a confirmed seat confirms the first on the waiting list at its next sync', async ({
			api,
			page,
			browser,
			baseURL
		}) => {
			const title = uniqueTitle('取り消しの教室');
			await api.publishClass({ title, capacity: 1 });

			// Step 1: Hanako takes the only seat.
			const list = new ClassListPage(page);
			await list.open();
			const first = await signupFor(list, title);
			await first.signUp(hanako);
			await expect(first.statuses).toContainText(statusWords.confirmed);

			// Step 2: Ichiro, on his own phone, can only join the waiting list.
			const other = await browser.newContext({
				baseURL,
				locale: 'ja-JP',
				timezoneId: 'Asia/Tokyo'
			});
			const otherPage = await other.newPage();
			const otherList = new ClassListPage(otherPage);
			await otherList.open();
			await expect(otherList.card(title)).toContainText('キャンセル待ちで申し込めます');
			const second = await signupFor(otherList, title);
			await second.signUp({
				name: '佐藤 一郎',
				kana: 'さとう いちろう',
				device: 'Android（アンドロイド）'
			});
			await expect(second.statuses).toContainText(statusWords.waitlisted(1));

			// Step 3: Hanako cancels, after confirming she means it.
			const mine = new MySignupsPage(page);
			await mine.open();
			await mine.cancel(title);
			await expect(mine.entry(title)).toContainText(statusWords.cancelled);

			// Step 4: Ichiro's phone syncs next time he opens the app: his seat is confirmed.
			const hisSignups = new MySignupsPage(otherPage);
			await expect(async () => {
				await hisSignups.open();
				await expect(hisSignups.entry(title)).toContainText(statusWords.confirmed, {
					timeout: 2_000
				});
			}).toPass({ timeout: 30_000 });
			await other.close();
		});

		test('a sign-up goes into the calendar with a reminder the day before', async ({
			api,
			page
		}) => {
			const title = uniqueTitle('カレンダーの教室');
			await api.publishClass({ title, capacity: 5 });
			const list = new ClassListPage(page);
			await list.open();
			const signup = await signupFor(list, title);
			await signup.signUp(hanako);
			await expect(signup.statuses).toContainText(statusWords.confirmed);

			const mine = new MySignupsPage(page);
			await mine.open();
			const download = await mine.saveToCalendar(title);
			expect(download.suggestedFilename()).toMatch(/\.ics$/);
			// Long lines are folded in iCalendar; unfold before reading.
			const text = readFileSync(await download.path(), 'utf8').replace(/\r\n[ \t]/g, '');
			expect(text).toContain('BEGIN:VEVENT');
			expect(text).toContain(`SUMMARY:${title}`);
			expect(text).toContain('LOCATION:テスト公民館 1階');
			expect(text).toContain('BEGIN:VALARM');
			expect(text).toContain('TRIGGER:-P1D');
			await expect(mine.entry(title)).toContainText('カレンダー用のファイルを保存しました');
		});
	});

	test('a device that never heard from the server says so, and how to sign up by phone', async ({
		page,
		server
	}) => {
		// The first visit's sync fails (the hall's Wi-Fi dropped the request); the app is saved.
		await page.route('**/api/sync/**', (route) => route.abort('internetdisconnected'));
		const list = new ClassListPage(page);
		await list.open();
		await waitForOfflineReady(page);
		await expect(
			page.getByText('インターネットにつながると、教室の日程がここに出ます。', { exact: false })
		).toBeVisible();

		// Opened again with the server stopped: "receiving" first, never a jump between the two.
		await server.stop();
		await page.reload();
		await waitForApp(page);
		await expect(
			page.getByRole('heading', { name: 'まだ教室の情報を受け取っていません' })
		).toBeVisible();
		await expect(
			page.getByText('インターネットにつながると、教室の日程がここに出ます。', { exact: false })
		).toBeVisible();
		await expect(page.getByRole('heading', { name: 'お電話でも申し込めます' })).toBeVisible();
	});

	test('the list and a class page are readable with the server stopped after one sync', async ({
		api,
		page,
		context,
		server
	}) => {
		const title = uniqueTitle('オフラインで見る教室');
		// A test lesson built in for the tests (test/fixtures/lessons/player).
		await api.publishClass({ title, capacity: 5, lessonIds: ['first-touch'] });
		const list = await syncedList(page, title);
		await expect(list.heardAt).toHaveText(/^\d+月\d+日 \d+時\d+分の情報です$/);

		// The Wi-Fi is gone: the server is really stopped.
		await server.stop();
		await page.reload();
		await waitForApp(page);
		await expect(list.card(title)).toBeVisible();
		await expect(list.card(title)).toContainText('空き 5席');
		await expect(list.heardAt).toBeVisible();

		const classPage = await list.openClass(title);
		await expect(classPage.heading(title)).toBeVisible();
		await expect(page.getByText('みどり県みどり町テスト1-1（架空の住所）')).toBeVisible();
		const map = page.getByRole('link', { name: /地図で場所を見る/ });
		await expect(map).toHaveAttribute('target', '_blank');
		await expect(map).toHaveAttribute(
			'href',
			/^https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=/
		);
		await expect(
			page.getByRole('img', { name: new RegExp(`「${title}」のページを開くQRコード`) })
		).toBeVisible();

		// Sharing: the link is copied, and the person is told so.
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await page.getByRole('button', { name: 'リンクをコピーする' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'リンクをコピーしました' })
		).toBeVisible();
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied).toBe(page.url());

		// The lesson the class uses is one tap away, offline too.
		const lesson = page.getByRole('link', { name: rubyName('はじめての画面タッチ') });
		await expect(lesson).toHaveAttribute('href', '/lessons/first-touch');

		// A page opened straight from a shared link works offline too.
		await page.reload();
		await waitForApp(page);
		await expect(classPage.heading(title)).toBeVisible();
	});
});

test.describe('class pages with content pass axe', () => {
	// The route matrix sees the class pages empty (its URLs name no real class); this scans them
	// filled in: cards, a class, the form with its errors, a sent sign-up, my sign-ups, a slip,
	// in Japanese, then again in the other languages, each once: English at 200% (long words at
	// 320 px are the likeliest to scroll sideways), やさしい日本語 at 100%.
	for (const display of [
		{ textSize: '100', highContrast: false, language: 'やさしい日本語' },
		{ textSize: '200', highContrast: true, language: 'English' }
	] as const) {
		test(`at ${display.textSize}% text${display.highContrast ? ', high contrast' : ''}, and in ${display.language}`, async ({
			api,
			page,
			axe
		}) => {
			test.slow();
			// The smallest phone width, where 200% text is hardest to fit.
			await page.setViewportSize({ width: 320, height: 640 });
			const title = uniqueTitle('アクセシビリティの教室');
			await api.publishClass({ title, capacity: 1 });
			await page.addInitScript(
				(settings) => {
					// Only at first: the language is changed through the app later on.
					if (!localStorage.getItem('yorisoi.settings')) {
						localStorage.setItem('yorisoi.settings', settings);
					}
				},
				JSON.stringify({
					textSize: Number(display.textSize),
					highContrast: display.highContrast,
					furigana: false,
					readAloud: false,
					locale: 'ja'
				})
			);

			const visited: string[] = [];
			const list = new ClassListPage(page);
			await list.open();
			await expect(list.card(title)).toBeVisible();
			await expect(page.locator('html')).toHaveAttribute('data-text-size', display.textSize);
			await scan(page, axe);
			// 「オフラインでも使えます」 sits over the bottom of a small screen until it is read.
			await waitForOfflineReady(page);
			await page.getByRole('button', { name: 'わかりました' }).click();

			const classPage = await list.openClass(title);
			await scan(page, axe);
			visited.push(page.url());
			const signup = await classPage.startSignup();
			visited.push(page.url());
			await page.getByRole('button', { name: '申し込む', exact: true }).click();
			await expect(page.getByText('直してほしいところがあります')).toBeVisible();
			await scan(page, axe);
			await signup.signUp(hanako);
			await expect(signup.statuses).toContainText(statusWords.confirmed);
			await scan(page, axe);

			const mine = new MySignupsPage(page);
			await mine.open();
			await expect(mine.entry(title)).toBeVisible();
			await mine
				.entry(title)
				.getByRole('button', { name: /^申し込みを取り消す/ })
				.click();
			await scan(page, axe);
			await mine.entry(title).getByRole('button', { name: 'やめる' }).click();
			await mine
				.entry(title)
				.getByRole('link', { name: /お知らせの紙を印刷する/ })
				.click();
			await expect(
				page.getByRole('heading', { level: 1, name: 'スマホ教室のお知らせ' })
			).toBeVisible();
			await scan(page, axe);
			visited.push(page.url(), '/classes', '/classes/mine');

			// The same pages in the other language (easy Japanese has furigana).
			// Language names are written in their own language, whatever the page's.
			await page.goto('/settings');
			await waitForApp(page);
			await page
				.getByRole('main')
				.getByRole('radio', { name: display.language, exact: true })
				.check();
			for (const url of visited) {
				await page.goto(url);
				await waitForApp(page);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await expect(page.getByText(title).first()).toBeVisible();
				await scan(page, axe);
			}
		});
	}
});
