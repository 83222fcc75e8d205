import { readFileSync } from 'node:fs';
import { expect, test, waitForOfflineReady } from './fixtures';
import { AppFrame, waitForApp } from './pages/app-frame';
import { MyNumberPracticePage } from './pages/mynumber-practice-page';

test.describe('My Number walkthrough', () => {
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
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('役場の窓口・出張申請で申請');
		// The town's counter and its 出張申請 days come from town.config.json.
		await expect(main.getByText('みどり町役場 1階 2番窓口')).toBeVisible();
		await expect(main.getByRole('heading', { name: '出張申請の日程' })).toBeVisible();
		await expect(
			main.getByText('市区町村により異なる場合があります', { exact: false }).first()
		).toBeVisible();
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

	test('renewal dates in 和暦 and 西暦, and an .ics reminder made offline', async ({
		page,
		server
	}) => {
		await page.goto('/mynumber/renewal');
		await waitForApp(page);
		await waitForOfflineReady(page);
		await server.stop();
		await page.reload();
		await waitForApp(page);

		const main = page.getByRole('main');
		const birth = main.getByRole('group', { name: '生年月日', exact: true });
		await birth.getByRole('combobox', { name: '元号' }).selectOption({ label: '昭和' });
		await birth.getByRole('textbox', { name: '年（元年は1）' }).fill('25');
		await birth.getByRole('textbox', { name: '月' }).fill('6');
		await birth.getByRole('textbox', { name: '日' }).fill('1');
		const issue = main.getByRole('group', { name: 'カードの発行日' });
		await issue.getByRole('radio', { name: '西暦' }).check();
		await issue.getByRole('textbox', { name: '年（4けた）' }).fill('2026');
		await issue.getByRole('textbox', { name: '月' }).fill('4');
		await issue.getByRole('textbox', { name: '日' }).fill('1');

		const result = page.getByTestId('renewal-result');
		await expect(result).toContainText('令和17年6月1日（2035年6月1日）');
		await expect(result).toContainText('令和17年3月1日（2035年3月1日）');
		await expect(result).toContainText('令和12年6月1日（2030年6月1日）');
		await expect(result).toContainText('令和12年3月1日（2030年3月1日）');

		const download = page.waitForEvent('download');
		await main.getByRole('button', { name: 'カレンダー用のファイルを保存する' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toBe('mynumber-renewal.ics');
		const calendar = readFileSync((await file.path()) ?? '', 'utf8');
		expect(calendar).toContain('BEGIN:VCALENDAR');
		expect(calendar).toMatch(/DTSTART;VALUE=DATE:20350301/);
		expect(calendar).toMatch(/DTSTART;VALUE=DATE:20300301/);
		expect(calendar).toContain('マイナンバーカードの更新ができます');
	});

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

	test('the hub and sub-pages open offline, in each language', async ({ page, server }) => {
		await page.goto('/mynumber');
		await waitForApp(page);
		await waitForOfflineReady(page);
		await server.stop();
		for (const [language, heading] of [
			['English', 'Practise the online application'],
			// Easy Japanese carries furigana (<rt>), which is in the text: its start is enough.
			['やさしい日本語', 'インターネットの'],
			['日本語', 'オンライン申請の練習']
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
