import { request, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test, waitForOfflineReady, waitForVolunteerPagesStored } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { ClassListPage, MySignupsPage, statusWords } from './pages/class-pages';
import { LoginPage } from './pages/login-page';
import { testAdmin } from './server';

/** One person's answers, by the words on the buttons. */
type Person = {
	clarity: string;
	satisfaction: string;
	canDo: string[];
	wantNext: string[];
	comment?: string;
};

/** The hall tablet's questionnaire, as a person holding it answers. */
class QuestionnairePage {
	constructor(readonly page: Page) {}

	async open(classId: string): Promise<void> {
		await this.page.goto(`/volunteer/questionnaire?id=${classId}`);
		await waitForApp(this.page);
	}

	/** Answers every question in turn and sends, then hands the tablet on. */
	async answer(person: Person): Promise<void> {
		const { page } = this;
		await expect(
			page.getByRole('heading', { name: 'きょうの教室は、わかりやすかったですか？' })
		).toBeVisible();
		// Nothing of the last person's answer is chosen.
		await expect(page.locator('[aria-pressed="true"]')).toHaveCount(0);
		await page.getByRole('button', { name: person.clarity, exact: true }).click();
		await page.getByRole('button', { name: person.satisfaction, exact: true }).click();
		for (const lesson of person.canDo) await page.getByRole('checkbox', { name: lesson }).check();
		await page.getByRole('button', { name: '次へ', exact: true }).click();
		for (const lesson of person.wantNext)
			await page.getByRole('checkbox', { name: lesson }).check();
		await page.getByRole('button', { name: '次へ', exact: true }).click();
		if (person.comment) {
			await page.getByLabel('ご意見・ご感想（書かなくてもかまいません）').fill(person.comment);
		}
		await page.getByRole('button', { name: '答えを送る' }).click();
		await expect(page.getByRole('heading', { name: 'ありがとうございました' })).toBeVisible();
		await page.getByRole('button', { name: '次の方が答える' }).click();
	}
}

/** The number of applied questionnaire answers the server counted since it started (metrics). */
async function appliedAnswers(http: APIRequestContext): Promise<number> {
	const text = await (await http.get('/metrics')).text();
	const line = text
		.split('\n')
		.find(
			(entry) =>
				entry.includes('kind="questionnaire.answer"') && entry.includes('outcome="applied"')
		);
	return line ? Number(line.trim().split(/\s+/).pop()) : 0;
}

/** When this phone last heard from the server (its sync state), in ms; 0 before any pull. */
function pulledAt(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((done) => {
				const opened = indexedDB.open('yorisoi');
				opened.onsuccess = () => {
					const read = opened.result
						.transaction('syncState')
						.objectStore('syncState')
						.get('pulledAt');
					read.onsuccess = () => done(Number((read.result as { value?: number })?.value ?? 0));
					read.onerror = () => done(0);
				};
				opened.onerror = () => done(0);
			})
	);
}

test.describe('after-class questionnaire', () => {
	test('three people answer on an offline tablet; the answers reach the town figures', async ({
		page,
		server,
		axe
	}) => {
		test.setTimeout(90_000);
		// Step 1: the volunteer logs in; a class about photos begins in a few seconds, and two
		// residents signed up and came.
		const login = new LoginPage(page);
		await login.open();
		await login.logIn(testAdmin);
		await page.waitForURL(/\/volunteer$/);
		const { classes } = (await (await page.request.get('/api/classes')).json()) as {
			classes: Array<{ venue: { id: string; name: string } }>;
		};
		const venue = classes[0]!.venue;
		const startsAt = new Date(Date.now() + 6_000);
		const created = await page.request.post('/api/volunteer/classes', {
			data: {
				title: 'アンケートの教室',
				topic: '写真を撮って送る',
				lessonIds: ['camera-photos'],
				venueId: venue.id,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
				capacity: 10,
				tutors: 2
			}
		});
		expect(created.status()).toBe(201);
		const { id: classId } = (await created.json()) as { id: string };
		for (const [index, name] of ['山田 花子', '佐藤 一郎'].entries()) {
			const signupId = crypto.randomUUID();
			const signedUp = await page.request.post('/api/signups', {
				data: {
					id: signupId,
					classId,
					name,
					phone: `090-7777-000${index}`,
					device: index === 0 ? 'iphone' : 'android',
					needsLoaner: false
				}
			});
			expect(signedUp.status()).toBe(201);
			const marked = await page.request.put(`/api/volunteer/classes/${classId}/attendance`, {
				data: { signupId, status: 'present', markedAt: new Date().toISOString() }
			});
			expect(marked.ok()).toBe(true);
		}
		await expect.poll(() => Date.now(), { timeout: 10_000 }).toBeGreaterThan(startsAt.getTime());

		// Step 2: at the end of the class the tablet opens the questionnaire once online.
		const questionnaire = new QuestionnairePage(page);
		await questionnaire.open(classId);
		await waitForOfflineReady(page);
		await waitForVolunteerPagesStored(page);
		await expect(
			page.getByRole('heading', { name: 'きょうの教室は、わかりやすかったですか？' })
		).toBeVisible();
		await axe(page);

		// Step 3: the hall has no network. The server is really stopped.
		await server.stop();
		await page.context().setOffline(true);
		await page.reload();
		await waitForApp(page);

		// Step 4: the tablet goes round; three people answer in turn.
		await questionnaire.answer({
			clarity: 'とてもわかりやすかった',
			satisfaction: 'とても満足',
			canDo: ['カメラと写真'],
			wantNext: ['メッセージと LINE'],
			comment: '孫に写真を送れました'
		});
		await questionnaire.answer({
			clarity: 'わかりやすかった',
			satisfaction: '満足',
			canDo: ['カメラと写真'],
			wantNext: ['その他']
		});
		await questionnaire.answer({
			clarity: '少しわかりにくかった',
			satisfaction: 'ふつう',
			canDo: [],
			wantNext: ['メッセージと LINE', 'その他']
		});
		await expect(page.getByText('送信待ち 3件').first()).toBeVisible();

		// Step 5: back online, the tablet sends the answers by itself.
		await server.start();
		await page.context().setOffline(false);
		await expect(page.getByText('すべて送信済み').first()).toBeVisible({ timeout: 30_000 });

		// Step 6: 「統計」 shows this fiscal year's distribution, with its table.
		await page.goto('/volunteer/stats');
		await waitForApp(page);
		await expect(page.locator('[data-figure="answers"]')).toHaveText('3');
		const clarity = page.getByRole('table', { name: 'わかりやすさ' });
		const count = (level: RegExp) => clarity.getByRole('row', { name: level }).getByRole('cell');
		await expect(count(/とてもわかりやすかった/)).toHaveText('1');
		await expect(count(/^4 わかりやすかった/)).toHaveText('1');
		await expect(count(/少しわかりにくかった/)).toHaveText('1');
		await expect(count(/^1 わかりにくかった/)).toHaveText('0');
		await expect(page.getByRole('img', { name: /わかりやすさの棒グラフ/ })).toBeVisible();
		const row = page.locator(`tr[data-class-id="${classId}"]`);
		await expect(row).toContainText('写真を撮って送る');
		await expect(row).toContainText('3.7');
		await expect(page.getByText('孫に写真を送れました')).toBeVisible();
		await axe(page);

		// Step 7: the report's CSV has the class's row, opened by Excel as Japanese (BOM).
		const link = page.getByRole('link', { name: '報告用CSVをダウンロード' });
		const csv = await page.request.get((await link.getAttribute('href'))!);
		const bytes = await csv.body();
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const day = new Intl.DateTimeFormat('ja-JP', {
			timeZone: 'Asia/Tokyo',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		}).format(startsAt);
		expect(bytes.toString('utf8')).toContain(
			`${day},${venue.name},写真を撮って送る,2,2,2,3.7,4.0,3\r\n`
		);
	});
	test('on a resident’s phone: opened offline right after class, answered once', async ({
		page,
		server,
		baseURL,
		axe
	}, testInfo) => {
		test.setTimeout(180_000);
		await page.setViewportSize({ width: 390, height: 844 });
		// The largest text, as many residents have it.
		await page.goto('/settings');
		await waitForApp(page);
		await page.getByRole('main').getByRole('radio', { name: '最大', exact: true }).check();

		// Step 1: the town publishes a class about photos that begins in half a minute.
		const desk = await request.newContext({ baseURL });
		expect((await desk.post('/api/volunteer/login', { data: testAdmin })).status()).toBe(200);
		const venue = await desk.post('/api/volunteer/venues', {
			data: { name: '南公民館', address: 'みどり県みどり町南1-1（架空の住所）' }
		});
		const venueId = ((await venue.json()) as { id: string }).id;
		const title = `写真の教室 ${Date.now()}`;
		const startsAt = new Date(Date.now() + 30_000);
		const created = await desk.post('/api/volunteer/classes', {
			data: {
				title,
				topic: '写真を撮って送る',
				lessonIds: ['camera-photos'],
				venueId,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
				capacity: 10
			}
		});
		expect(created.status()).toBe(201);
		const { id: classId } = (await created.json()) as { id: string };

		// Step 2: a resident signs up on her phone before it begins.
		const list = new ClassListPage(page);
		await list.openWhenArrived(title);
		const signup = await (await list.openClass(title)).startSignup();
		await signup.signUp({
			name: '森 さくら',
			kana: 'もり さくら',
			device: 'iPhone（アイフォーン）'
		});
		await expect(signup.statuses.first()).toContainText(statusWords.confirmed);

		// Step 3: the class has begun, and the phone has heard from the server since: it keeps
		// the class (a phone used to drop a class once it had begun).
		await expect.poll(() => Date.now(), { timeout: 40_000 }).toBeGreaterThan(startsAt.getTime());
		const mine = new MySignupsPage(page);
		await mine.open();
		await expect
			.poll(() => pulledAt(page), { timeout: 15_000 })
			.toBeGreaterThan(startsAt.getTime());

		// Step 4: after class, on the bus home, no network (the server is really stopped).
		await server.stop();
		await page.context().setOffline(true);
		await page.reload();
		await waitForApp(page);
		const entry = mine.entry(title);
		await expect(entry).toContainText('この教室は始まっています。');
		await expect(entry.getByRole('button', { name: /^申し込みを取り消す/ })).toHaveCount(0);
		await axe(page);
		await page.screenshot({
			path: testInfo.outputPath('mine-after-class-phone-200.png'),
			fullPage: true
		});
		await entry.getByRole('link', { name: /^アンケートに答える/ }).click();
		await page.waitForURL(/\/classes\/questionnaire\?id=/);
		await waitForApp(page);
		await expect(page.getByText(title)).toBeVisible();
		await expect(
			page.getByRole('heading', { name: 'きょうの教室は、わかりやすかったですか？' })
		).toBeVisible();
		await page.screenshot({
			path: testInfo.outputPath('questionnaire-offline-phone-200.png'),
			fullPage: true
		});
		await page.getByRole('button', { name: 'とてもわかりやすかった', exact: true }).click();
		await page.getByRole('button', { name: '満足', exact: true }).click();
		await page.getByRole('checkbox', { name: 'カメラと写真' }).check();
		await page.getByRole('button', { name: '次へ', exact: true }).click();
		await page.getByRole('checkbox', { name: 'メッセージと LINE' }).check();
		await page.getByRole('button', { name: '次へ', exact: true }).click();
		await page.getByRole('button', { name: '答えを送る' }).click();
		await expect(page.getByRole('heading', { name: 'ありがとうございました' })).toBeVisible();
		// The answer waits on the phone.
		await expect(page.getByText('送信待ち 1件').first()).toBeVisible();
		await page.screenshot({
			path: testInfo.outputPath('questionnaire-thanks-phone-200.png'),
			fullPage: true
		});

		// Step 5: opened again, still offline, it thanks instead of asking a second time.
		await page.reload();
		await waitForApp(page);
		await expect(page.getByRole('heading', { name: '回答ありがとうございました' })).toBeVisible();
		await expect(
			page.getByRole('heading', { name: 'きょうの教室は、わかりやすかったですか？' })
		).toHaveCount(0);

		// Step 6: back online, the answer is sent by itself, once.
		await server.start();
		await page.context().setOffline(false);
		await expect(page.getByText('すべて送信済み').first()).toBeVisible({ timeout: 30_000 });
		await expect.poll(() => appliedAnswers(desk)).toBe(1);
		const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(startsAt);
		const figures = (await (
			await desk.get(`/api/volunteer/stats/town?from=${day}&to=${day}`)
		).json()) as { classes: Array<{ id: string; answers: number }> };
		expect(figures.classes.find((row) => row.id === classId)?.answers).toBe(1);

		// Step 7: 「わたしの申し込み」 says it is answered; the questionnaire says thank you.
		await mine.open();
		const answered = mine.entry(title).getByRole('link', { name: /^アンケート（回答済み）/ });
		await expect(answered).toBeVisible();
		await answered.click();
		await page.waitForURL(/\/classes\/questionnaire\?id=/);
		await waitForApp(page);
		await expect(page.getByRole('heading', { name: '回答ありがとうございました' })).toBeVisible();
		await axe(page);
		await page.screenshot({
			path: testInfo.outputPath('questionnaire-answered-phone-200.png'),
			fullPage: true
		});
		expect(await appliedAnswers(desk)).toBe(1);
		await desk.dispose();
	});
});
