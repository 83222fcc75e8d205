import { expect, test, waitForOfflineReady, withoutServiceWorker } from './fixtures';
import { AppFrame, openBeforeAppStarts, waitForApp } from './pages/app-frame';
import { MyNumberPracticePage } from './pages/mynumber-practice-page';
import { RenewalPage, eventDays } from './pages/renewal-page';

test.describe('My Number walkthrough', () => {
	test.describe('online, without a worker', () => {
		// Offline use is not under test here: a worker would download the whole app beside the
		// test (about a third of such a test's time on two cores; see fixtures.ts).
		test.use(withoutServiceWorker);

		test('「どの方法が合う？」 suggests a method and a checklist from three answers', async ({
			page
		}) => {
			await page.goto('/mynumber/choose');
			await waitForApp(page);
			const main = page.getByRole('main');
			const answer = (question: RegExp, choice: 'はい' | 'いいえ') =>
				main.getByRole('group', { name: question }).getByRole('radio', { name: choice }).check();

			await expect(main.getByText('3つの質問に答えると', { exact: false })).toBeVisible();
			await answer(/交付申請書/, 'はい');
			await answer(/スマートフォン/, 'はい');
			await answer(/職員と一緒に/, 'いいえ');
			const best = main.locator('.best');
			await expect(best.getByRole('link')).toHaveText('スマートフォンで申請');
			await expect(main.getByRole('checkbox', { name: /メールアドレス/ })).toBeVisible();

			// Wanting help in person makes the counter the suggestion, with what to bring.
			await answer(/職員と一緒に/, 'はい');
			await expect(best.getByRole('link')).toHaveText('役場の窓口・出張申請で申請');
			await expect(main.getByRole('checkbox', { name: /本人確認書類/ })).toBeVisible();
			await best.getByRole('link').click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'役場の窓口・出張申請で申請'
			);
			// The town's counter and its 出張申請 days come from town.config.json.
			await expect(main.getByText('みどり町役場 1階 2番窓口')).toBeVisible();
			await expect(main.getByRole('heading', { name: '出張申請の日程' })).toBeVisible();
			await expect(
				main.getByText('市区町村により異なる場合があります', { exact: false }).first()
			).toBeVisible();
		});

		test('「どの方法が合う？」 counts answers tapped before the page has started', async ({
			page
		}) => {
			// On a slow phone the questions show before the app has started; she answers them.
			const start = await openBeforeAppStarts(page, '/mynumber/choose');
			const main = page.getByRole('main');
			const answer = (question: RegExp, choice: 'はい' | 'いいえ') =>
				main.getByRole('group', { name: question }).getByRole('radio', { name: choice }).check();
			await answer(/交付申請書/, 'はい');
			await answer(/スマートフォン/, 'はい');
			await answer(/職員と一緒に/, 'いいえ');

			// When it starts, her answers give the suggestion at once.
			await start();
			await expect(main.locator('.best').getByRole('link')).toHaveText('スマートフォンで申請');
		});

		test('the PIN checker says which rules a PIN meets and warns about easy ones', async ({
			page
		}) => {
			await page.goto('/mynumber/pins');
			await waitForApp(page);
			const main = page.getByRole('main');
			const pin = main.getByRole('textbox', { name: '確かめる番号' });
			const result = main.locator('#pin-result');

			// A valid but easy PIN gets one message: it meets the rules, but choose another; no tick.
			await pin.fill('1234');
			await expect(page.getByTestId('pin-weak')).toContainText(
				'決まりには合っていますが、人に当てられやすい番号です。'
			);
			await expect(result).toContainText('順番に並んだ数字です');
			await expect(result).not.toContainText('✓');
			await expect(result).not.toContainText('決まりに合っています。');
			await pin.fill('47391');
			await expect(result).toContainText('決まりに合っていないところがあります。');

			await main.getByRole('radio', { name: /署名用/ }).check();
			await pin.fill('abc123');
			await expect(result).toContainText('アルファベットの大文字（A〜Z）と数字だけ: 合っていない');
			await expect(result).toContainText('小文字（a〜z）は使えません');
			// A 個人番号 typed here is refused, as in every free-text field.
			await pin.fill('1234-5678-9018');
			await expect(result).toContainText('個人番号（マイナンバー）のような12けたの数字');
			await pin.fill('KQ7R4X9');
			await expect(result).toContainText('✓ 決まりに合っています。');
			await expect(result.locator('.notice')).toHaveCount(0);
		});
	});

	test('a senior reads her card’s expiry, sees in words that her certificates have expired and what to do, and saves only future reminders, offline', async ({
		page,
		server,
		axe
	}) => {
		// The day of the story: 6 December 2026 in Japan.
		await page.clock.setFixedTime(new Date('2026-12-06T10:00:00+09:00'));
		const renewal = new RenewalPage(page);
		await renewal.open();
		await waitForOfflineReady(page);
		await server.stop();
		await page.reload();
		await waitForApp(page);

		// She was born in 昭和25; the front of her card says 令和13年3月15日, and the expiry
		// notice gives 令和8年3月15日 for the certificates.
		await renewal.enterDate('カードの有効期限', { era: '令和', year: 13, month: 3, day: 15 });
		await renewal.enterDate('電子証明書の有効期限（分かれば）', {
			era: '令和',
			year: 8,
			month: 3,
			day: 15
		});

		// The certificates have expired: said in words, with what to do and where.
		const certificates = renewal.status('電子証明書');
		await expect(certificates).toContainText('有効期限が切れています');
		await expect(certificates).toContainText('令和8年3月15日（2026年3月15日）');
		await expect(certificates).toContainText('役場の窓口で、無料で新しい電子証明書');
		await expect(certificates).toContainText(
			'今日更新すると、新しい電子証明書は令和13年3月15日（2031年3月15日）まで使えます。'
		);
		await expect(renewal.main.getByText('みどり町役場', { exact: false }).first()).toBeVisible();
		// The card itself is valid; its renewal opens the day after the date 3 months before.
		const card = renewal.status('マイナンバーカード');
		await expect(card).toContainText('有効です');
		await expect(card).toContainText('更新は令和12年12月16日（2030年12月16日）からできます。');

		// Readable and clean at the largest text, also in high contrast.
		const frame = new AppFrame(page);
		await frame.setTextSize(200);
		await axe(page);
		await frame.toggle('くっきり表示');
		await axe(page);
		await frame.toggle('くっきり表示');

		// The calendar gets the card's renewal day only: the certificates' is past, and the
		// page says so.
		await expect(renewal.result).toContainText(
			'電子証明書は、もう期限が過ぎているので、カレンダーには入れません。'
		);
		const { fileName, text } = await renewal.saveCalendar();
		expect(fileName).toBe('mynumber-renewal.ics');
		expect(text).toContain('BEGIN:VCALENDAR');
		expect(eventDays(text)).toEqual(['20301216']);
		expect(text).toContain('マイナンバーカードの更新ができます');
		expect(text).toContain('交付申請書');

		// Her neighbour's card, 令和9年1月31日, can be renewed now: nothing is left to remind,
		// so there is no calendar file at all.
		await renewal.clearDate('電子証明書の有効期限（分かれば）');
		await renewal.enterDate('カードの有効期限', { era: '令和', year: 9, month: 1, day: 31 });
		await expect(renewal.status('マイナンバーカード')).toContainText('今、更新できます');
		await expect(renewal.status('マイナンバーカード')).toContainText('スマホ、パソコン');
		await expect(renewal.result).toContainText('これから来る日がないので');
		await expect(renewal.saveCalendarButton).toHaveCount(0);

		// Without the card at hand she tries the estimate: born 昭和25年3月15日, card received
		// around 令和3年6月1日. The same dates come out, marked as an estimate.
		await renewal.choosePath('estimate');
		await renewal.enterDate('生年月日', { era: '昭和', year: 25, month: 3, day: 15 });
		await renewal.enterDate('カードを受け取ったころの日', {
			era: '令和',
			year: 3,
			month: 6,
			day: 1
		});
		await expect(renewal.result.getByRole('heading', { level: 2 })).toHaveText(
			'いまの状態（目安）'
		);
		await expect(renewal.status(/電子証明書/)).toContainText('有効期限が切れています');
		await expect(renewal.status('マイナンバーカード')).toContainText(
			'令和13年3月15日（2031年3月15日）'
		);
	});

	test.describe('online, without a worker', () => {
		// Offline use is not under test here: a worker would download the whole app beside the
		// test (about a third of such a test's time on two cores; see fixtures.ts).
		test.use(withoutServiceWorker);

		test('every screen of the practice application passes axe at 200% text, high contrast', async ({
			page,
			axe
		}) => {
			const practice = new MyNumberPracticePage(page);
			await practice.open();
			const frame = new AppFrame(page);
			await frame.setTextSize(200);
			await frame.toggle('くっきり表示');
			await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');

			await axe(page);
			// A screen with its problems shown, too.
			await practice.next.click();
			await axe(page);
			await practice.agreeToTerms();
			await axe(page);
			await practice.main.getByRole('button', { name: '練習用の番号を入れる' }).click();
			await practice.goNext('連絡先の入力');
			await axe(page);
			await practice.enterContact({ name: '練習 みどり', email: 'midori@example.jp' });
			await practice.goNext('顔写真');
			await axe(page);
			await practice.next.click();
			await axe(page);
		});

		test('the choose question’s 「いいえ」 hint stays on its own page', async ({ page }) => {
			const stray = 'その場合は「いいえ」を選んでください';
			for (const method of ['counter', 'mail']) {
				await page.goto(`/mynumber/method/${method}`);
				await waitForApp(page);
				await expect(page.getByText('前の申請書は使えません', { exact: false })).toBeVisible();
				await expect(page.getByText(stray, { exact: false }), method).toHaveCount(0);
			}
			await page.goto('/mynumber/choose');
			await waitForApp(page);
			await expect(page.getByText(stray, { exact: false })).toBeVisible();
		});
	});

	test('the hub and sub-pages open offline, in each language', async ({ page, server }) => {
		await page.goto('/mynumber');
		await waitForApp(page);
		await waitForOfflineReady(page);
		await server.stop();
		for (const [language, heading] of [
			['English', 'Practise the online application'],
			// Easy Japanese carries furigana (<rt>), which is in the text: its start is enough.
			['やさしい日本語', 'インターネットの'],
			// Furigana stay on after easy Japanese, so 日本語 carries readings too.
			['日本語', 'オンライン申請']
		] as const) {
			// Each language's own name stays the same in every language.
			await page.goto('/settings');
			await waitForApp(page);
			await page.getByRole('main').getByRole('radio', { name: language, exact: true }).check();
			await page.goto('/mynumber/practice');
			await waitForApp(page);
			await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
		}
		for (const path of [
			'/mynumber/choose',
			'/mynumber/method/mail',
			'/mynumber/after',
			'/mynumber/pins',
			'/mynumber/uses'
		]) {
			await page.goto(path);
			await waitForApp(page);
			await expect(page.getByRole('heading', { level: 1 }), path).toBeVisible();
			await expect(page.getByRole('heading', { level: 1 }), path).not.toHaveText(
				'インターネットにつながっていません'
			);
		}
	});
});
