import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AppFrame, waitForApp } from './pages/app-frame';
import { ClassListPage, SignupPage, statusWords, type Person } from './pages/class-pages';
import { LoginPage } from './pages/login-page';
import { testAdmin } from './server';

// A resident's day on her own phone, at the largest text: she is told where she stands before
// and after sending — a full class's place in the waiting list, a seat not yet decided while
// offline, 「いま送る」 with no connection — and her second sign-up offers her name again.

const hanako: Person = {
	name: '山田 花子',
	kana: 'やまだ はなこ',
	phone: '090-1234-5678',
	device: 'Android（アンドロイド）'
};

/** A title no other test uses. */
const uniqueTitle = (what: string) => `${what} ${randomUUID().slice(0, 6)}`;

/** The status region every page shows (送信待ち, いま送る…). */
const syncStatus = (page: Page) => page.getByRole('region', { name: '送信の状況' });

/** A screenshot of the screen as she sees it at `from` (looked at by people, not compared). */
async function screenshot(page: Page, name: string, from: Locator): Promise<void> {
	await from.evaluate((element) => element.scrollIntoView({ block: 'start' }));
	await page.screenshot({ path: `.test-out/screens/${name}.png` });
}

test.describe('a resident signs up from her phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('told the waiting list before sending, the undecided seat offline, then her seat', async ({
		api,
		page,
		context,
		server
	}) => {
		// A full class (one seat, taken, one person already waiting) and one with seats.
		const full = uniqueTitle('満席の教室');
		const fullId = await api.publishClass({ title: full, capacity: 1 });
		expect(await api.signUpSomeoneElse(fullId, '佐藤 一郎')).toBe('confirmed');
		expect(await api.signUpSomeoneElse(fullId, '鈴木 次郎')).toBe('waitlisted');
		const open = uniqueTitle('席のある教室');
		const openId = await api.publishClass({ title: open, capacity: 5 });

		// Step 1: Hanako opens the classes at the largest text, and the app saves itself.
		const list = new ClassListPage(page);
		await list.openWhenArrived(full);
		await page.getByRole('button', { name: 'わかりました' }).click();
		await new AppFrame(page).setTextSize(200);

		// Step 2: the full class's form says, before she sends anything, where she would be.
		const fullClass = await list.openClass(full);
		await fullClass.startSignup();
		const outlook = page.getByTestId('signup-outlook');
		await expect(outlook).toContainText('満席です');
		await expect(outlook).toContainText('2番目の順番待ち');
		const classCard = page.getByRole('heading', { level: 1, name: '教室に申し込む' });
		await screenshot(page, 'signup-full-390', outlook);
		await page.setViewportSize({ width: 820, height: 1180 });
		await screenshot(page, 'signup-full-820', classCard);
		await page.setViewportSize({ width: 390, height: 844 });

		// Step 3: she chooses the class with seats instead; at the hall there is no network.
		await list.open();
		const openClass = await list.openClass(open);
		const signup = await openClass.startSignup();
		await server.stop();
		await context.setOffline(true);
		await signup.signUp(hanako);
		await expect(
			page.getByRole('heading', { name: '申し込みをこのスマホに保存しました' })
		).toBeVisible();
		await expect(signup.statuses).toContainText(statusWords.pending);
		await expect(signup.statuses).toContainText(
			'まだ席は決まっていません。つながったら自動で送ります'
		);
		await expect(page.getByText('このままで大丈夫です')).toHaveCount(0);
		// No slip for a seat that is not decided: it says when there will be one.
		await expect(page.getByRole('link', { name: 'お知らせの紙を印刷する' })).toHaveCount(0);
		await expect(
			page.getByText('席が決まったら、お知らせの紙とカレンダーが使えます')
		).toBeVisible();

		// Step 4: she presses 「いま送る」; the phone says plainly that there is no connection.
		await syncStatus(page).getByRole('button', { name: 'いま送る' }).click();
		await expect(syncStatus(page).getByRole('alert')).toContainText(
			'いまインターネットにつながっていないため、送れませんでした'
		);
		await page.setViewportSize({ width: 820, height: 1180 });
		await screenshot(page, 'signup-offline-sent-820', syncStatus(page));
		await page.setViewportSize({ width: 390, height: 844 });
		await screenshot(page, 'signup-offline-sent-390', syncStatus(page));
		await screenshot(page, 'signup-offline-status-390', signup.sentHeading);

		// Step 5: the network is back: the sign-up goes out, her seat is confirmed, and the
		// reminder slip is offered.
		await server.start();
		await context.setOffline(false);
		await expect(signup.statuses).toContainText(statusWords.confirmed, { timeout: 30_000 });
		await expect(page.getByRole('heading', { name: '申し込みを受け付けました' })).toBeVisible();
		expect((await api.roster(openId)).map((line) => line.name)).toEqual([hanako.name]);
		await page.getByRole('link', { name: 'お知らせの紙を印刷する' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'スマホ教室のお知らせ' })
		).toBeVisible();
		await expect(page.getByRole('article')).toContainText(hanako.name);
		await expect(page.getByTestId('slip-provisional')).toHaveCount(0);

		// Step 6: her second sign-up, for the full class: the form offers last time's details,
		// kept on this phone only.
		await list.open();
		await (await list.openClass(full)).startSignup();
		const offer = page.getByRole('region', { name: '前に入力したお名前を使いますか？' });
		await expect(offer).toContainText(hanako.name);
		await expect(offer).toContainText(hanako.kana);
		await expect(offer).toContainText(hanako.phone!);
		await offer.getByRole('button', { name: 'この内容を使う' }).click();
		const form = page.locator('form');
		await expect(form.getByLabel('お名前', { exact: true })).toHaveValue(hanako.name);
		await expect(form.getByLabel('ふりがな', { exact: true })).toHaveValue(hanako.kana);
		await expect(form.getByLabel(/^電話番号/)).toHaveValue(hanako.phone!);
		await form.getByRole('radio', { name: hanako.device, exact: true }).check();
		await form.getByRole('button', { name: '申し込む', exact: true }).click();
		await expect(new SignupPage(page).statuses.first()).toContainText(statusWords.waitlisted(2), {
			timeout: 20_000
		});
		// Until a seat frees, the slip is not offered; if printed from the list, it says 仮.
		await expect(page.getByRole('link', { name: 'お知らせの紙を印刷する' })).toHaveCount(0);

		// Step 7: she can also forget her details: the next form starts empty.
		await list.open();
		await (await list.openClass(open)).startSignup();
		await offer.getByRole('button', { name: 'このスマホから消す' }).click();
		await expect(page.getByText('このスマホから消しました')).toBeVisible();
		await page.reload();
		await waitForApp(page);
		await expect(page.locator('form')).toBeVisible();
		await expect(offer).toHaveCount(0);
	});

	test('the poster’s short link and QR code lead to the class', async ({ api, page, browser }) => {
		const title = uniqueTitle('ポスターの教室');
		const classId = await api.publishClass({ title, capacity: 8 });

		// A volunteer prints the poster: it gives the class's short link, in the QR code too.
		const login = new LoginPage(page);
		await login.open();
		await login.logIn(testAdmin);
		await page.waitForURL(/\/volunteer$/);
		await page.goto(`/volunteer/poster?id=${classId}`);
		await waitForApp(page);
		const address = page.getByTestId('poster-address');
		await expect(address).toHaveText(/^127\.0\.0\.1:\d+\/c\/[a-z0-9]{5}$/);
		const typed = (await address.textContent())!;
		const shortUrl = `http://${typed}`;
		await expect(page.getByRole('img', { name: /申し込みページのQRコード/ })).toHaveAttribute(
			'alt',
			new RegExp(`（${shortUrl.replace(/[.]/g, '\\.')}）$`)
		);

		// A resident who never opened the app types it (or scans it) on her phone.
		const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
		await phone.goto(shortUrl);
		await waitForApp(phone);
		await expect(phone).toHaveURL(new RegExp(`/classes/class\\?id=${classId}$`));
		await expect(phone.getByRole('heading', { level: 1, name: title })).toBeVisible();

		// A mistyped code gets a page that says so, and where to look instead.
		const wrong = typed.replace(/\/c\/.*$/, '/c/aaaaa') === typed ? '/c/ccccc' : '/c/aaaaa';
		const answer = await phone.goto(wrong);
		expect(answer?.status()).toBe(404);
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText('この教室は見つかりません');
		await phone.getByRole('link', { name: '教室の一覧を見る' }).click();
		await expect(phone.getByRole('heading', { level: 1, name: 'スマホ教室' })).toBeVisible();
		await phone.close();
	});
});
