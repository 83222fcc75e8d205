import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
	expect,
	test,
	waitForOfflineReady,
	waitForVolunteerPagesStored,
	withoutServiceWorker
} from './fixtures';
import { waitForApp } from './pages/app-frame';
import { statusWords, type Person } from './pages/class-pages';
import {
	ConsultationDayPage,
	NewConsultationPage,
	SlotPickerPage
} from './pages/consultation-pages';
import { LoginPage } from './pages/login-page';
import { testAdmin } from './server';

// 相談会 (issue 16, item 2): a volunteer publishes a block, residents take its 1対1 slots on
// their phones (one offline), a third finds a slot full, and the hall tablet shows the day
// with no network.

const residents: Record<'hanako' | 'ichiro' | 'midori', Person> = {
	hanako: { name: '山田 花子', kana: 'やまだ はなこ', device: 'Android（アンドロイド）' },
	ichiro: {
		name: '佐藤 一郎',
		kana: 'さとう いちろう',
		device: 'iPhone（アイフォーン）',
		note: '孫に写真を送りたい'
	},
	midori: { name: '鈴木 みどり', kana: 'すずき みどり', device: 'Android（アンドロイド）' }
};

/** A resident's phone: a context of its own at phone size (the page works without the worker). */
async function phone(browser: Browser, baseURL: string): Promise<[BrowserContext, Page]> {
	const context = await browser.newContext({
		...withoutServiceWorker,
		baseURL,
		viewport: { width: 390, height: 844 },
		locale: 'ja-JP'
	});
	return [context, await context.newPage()];
}

test.describe('相談会', () => {
	test.use({ viewport: { width: 820, height: 1180 } });

	test('published on the tablet, taken on phones (one offline), full for the third, the day shown offline', async ({
		page,
		browser,
		baseURL,
		server,
		axe
	}) => {
		test.setTimeout(90_000);
		const title = `スマホ相談会 ${Date.now().toString(36)}`;

		// Step 1: the volunteer logs in on the hall tablet and publishes 13:00–14:00 tomorrow,
		// 20-minute slots, 2 helpers: three slots of two people.
		await new LoginPage(page).open();
		await new LoginPage(page).logIn(testAdmin);
		await page.waitForURL(/\/volunteer$/);
		const form = new NewConsultationPage(page);
		await form.open();
		await form.fill({ title, from: '13:00', to: '14:00' });
		await expect(page.getByRole('heading', { name: '相談枠が3つできます' })).toBeVisible();
		await expect(page.getByText('13:00〜13:20、13:20〜13:40、13:40〜14:00')).toBeVisible();
		await axe(page);
		await form.publish();
		await expect(page.getByText('相談会（13:00〜14:00）を公開しました')).toBeVisible();
		await expect
			.poll(async () => {
				const answer = await page.request.get('/api/classes');
				const { classes } = (await answer.json()) as { classes: Array<{ title: string }> };
				return classes.filter((klass) => klass.title === title).length;
			})
			.toBe(3);

		// Step 2: Hanako takes 13:00〜13:20 on her phone, for LINE.
		const [hanakoContext, hanakoPage] = await phone(browser, baseURL!);
		const hanako = new SlotPickerPage(hanakoPage);
		await hanako.openFromList(title);
		await expect(hanako.slot('13:00〜13:20')).toContainText('あと2人');
		await axe(hanakoPage);
		await hanakoPage.screenshot({ path: '.test-out/screens/consultation-picker-390.png' });
		await hanako.take('13:00〜13:20', residents.hanako, ['LINE']);
		await expect(hanakoPage.getByTestId('signup-status')).toContainText(statusWords.confirmed);

		// Step 3: Ichiro opens the same slot, then loses the network before he sends: his phone
		// keeps the sign-up (送信待ち) and sends it when the network is back.
		const [ichiroContext, ichiroPage] = await phone(browser, baseURL!);
		const ichiro = new SlotPickerPage(ichiroPage);
		await ichiro.openFromList(title);
		await expect(ichiro.slot('13:00〜13:20')).toContainText('あと1人');
		await ichiro.choose('13:00〜13:20');
		await server.stop();
		await ichiroContext.setOffline(true);
		await ichiro.signUp(residents.ichiro, ['写真', 'その他']);
		await expect(ichiroPage.getByTestId('signup-status')).toContainText(statusWords.pending);
		await server.start();
		await ichiroContext.setOffline(false);
		await expect(ichiroPage.getByTestId('signup-status')).toContainText(statusWords.confirmed, {
			timeout: 30_000
		});

		// Step 4: Midori finds 13:00〜13:20 full (no button to press) and takes 13:20〜13:40.
		const [midoriContext, midoriPage] = await phone(browser, baseURL!);
		const midori = new SlotPickerPage(midoriPage);
		await midori.openFromList(title);
		await expect(midori.slot('13:00〜13:20')).toContainText('満席です');
		await expect(midoriPage.getByRole('link', { name: /^13:00〜13:20/ })).toHaveCount(0);
		await midoriPage.screenshot({ path: '.test-out/screens/consultation-full-390.png' });
		await midori.take('13:20〜13:40', residents.midori, ['マイナンバーカード']);
		await expect(midoriPage.getByTestId('signup-status')).toContainText(statusWords.confirmed);
		for (const context of [hanakoContext, ichiroContext, midoriContext]) await context.close();

		// Step 5: the tablet shows the day with who comes and what for, and keeps it for the hall.
		const day = new ConsultationDayPage(page);
		await day.open();
		await waitForOfflineReady(page);
		await waitForVolunteerPagesStored(page);
		await expect(day.person('13:00〜13:20', '山田 花子')).toContainText('相談したいこと: LINE');
		await expect(day.person('13:00〜13:20', '佐藤 一郎')).toContainText('写真・その他');
		await expect(day.person('13:00〜13:20', '佐藤 一郎')).toContainText('孫に写真を送りたい');
		await expect(day.slot('13:00〜13:20')).toContainText('2人／2人');
		await expect(day.person('13:20〜13:40', '鈴木 みどり')).toContainText('マイナンバーカード');
		await axe(page);

		// Step 6: at the hall there is no network; the day opens from the device's copy and
		// 「来た」 is ticked for Hanako, kept to be sent.
		await server.stop();
		await page.context().setOffline(true);
		await page.reload();
		await waitForApp(page);
		await expect(day.person('13:00〜13:20', '山田 花子')).toBeVisible();
		await day.came('山田 花子').click();
		await expect(day.came('山田 花子')).toHaveAttribute('aria-pressed', 'true');
		await expect(day.came('佐藤 一郎')).toHaveAttribute('aria-pressed', 'false');
		await page.screenshot({ path: '.test-out/screens/consultation-day-820.png', fullPage: true });

		// Step 7: the Wi-Fi returns; the mark reaches the server.
		await server.start();
		await page.context().setOffline(false);
		await expect
			.poll(
				async () => {
					const { classes } = (await (await page.request.get('/api/classes')).json()) as {
						classes: Array<{ id: string; title: string; startsAt: string }>;
					};
					const first = classes
						.filter((klass) => klass.title === title)
						.sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
					const roster = (await (
						await page.request.get(`/api/volunteer/classes/${first!.id}/roster`)
					).json()) as { signups: Array<{ name: string; attendance: string | null }> };
					return roster.signups.map((entry) => [entry.name, entry.attendance]);
				},
				{ timeout: 30_000 }
			)
			.toEqual([
				['山田 花子', 'present'],
				['佐藤 一郎', null]
			]);
	});
});
