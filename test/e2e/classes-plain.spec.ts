import { expect, test } from './fixtures';
import { openBeforeAppStarts } from './pages/app-frame';

// A resident whose browser runs no JavaScript (switched off, or too old for the app): the usual
// class pages say 「読み込み中」 and point to the pages the server draws, where the same form and
// rules work as a plain form post.
test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false, serviceWorkers: 'block' });

	test('a resident finds the class, fixes a missed field and is signed up once', async ({
		page,
		api
	}) => {
		const title = `JSなしで申し込む教室 ${test.info().workerIndex}-${Date.now()}`;
		const classId = await api.publishClass({ title, capacity: 1 });
		await api.signUpSomeoneElse(classId, '先客 一郎');

		await page.goto('/classes');
		await page.getByRole('link', { name: 'かんたん表示で申し込む' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'スマホ教室に申し込む（かんたん表示）'
		);
		await page.getByRole('link', { name: `「${title}」に申し込む` }).click();
		await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

		// The reading is left out: the server answers with the form as typed and what to fix.
		await page.getByLabel('お名前').fill('画面 静香');
		await page.getByLabel('Android（アンドロイド）').check();
		await page.getByLabel('ボランティアへの伝言（なくてもかまいません）').fill('前の席がいいです');
		await page.getByRole('button', { name: '申し込む' }).click();
		const summary = page.getByRole('group', { name: '直してほしいところがあります' });
		await expect(summary).toContainText('ふりがな');
		await expect(page.getByLabel('ふりがな')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('お名前')).toHaveValue('画面 静香');
		await expect(page.locator('input[name="device"][value="android"]')).toBeChecked();

		await page.getByLabel('ふりがな').fill('がめん しずか');
		await page.getByRole('button', { name: '申し込む' }).click();
		// The one seat was taken: the same rules as the app put her on the waiting list.
		await expect(page.getByRole('heading', { name: '申し込みを受け付けました' })).toBeVisible();
		await expect(page.getByTestId('signup-status')).toContainText('キャンセル待ち');
		await expect(page.getByTestId('signup-status')).toContainText('画面 静香');

		// Sent again from the page before (the back button, the reading typed again): the form
		// carries the same sign-up id, so there is still one sign-up, with the same answer.
		await page.goBack();
		await page.getByLabel('ふりがな').fill('がめん しずか');
		await page.getByRole('button', { name: '申し込む' }).click();
		await expect(page.getByRole('heading', { name: '申し込みを受け付けました' })).toBeVisible();
		await expect(page.getByTestId('signup-status')).toContainText('キャンセル待ち（1番目）');
		const roster = await api.roster(classId);
		expect(roster.filter((line) => line.name === '画面 静香')).toHaveLength(1);
	});
});

test('on a slow phone, what a resident ticks and types before the page has started is sent', async ({
	page,
	api
}) => {
	// The simple page is drawn by the server, so she can fill it in while the app still arrives.
	const title = `遅いスマホで申し込む教室 ${test.info().workerIndex}-${Date.now()}`;
	const classId = await api.publishClass({ title, capacity: 5 });
	const start = await openBeforeAppStarts(page, `/classes/plain/${classId}`);
	await page.getByLabel('お名前').fill('遅野 ゆり');
	await page.getByLabel('ふりがな').fill('おその ゆり');
	await page.getByLabel('iPhone（アイフォーン）').check();
	await page.getByLabel('見えにくい').check();
	await page.getByLabel('聞こえにくい').check();
	await page
		.getByLabel('ボランティアへの伝言（なくてもかまいません）')
		.fill('大きな字でお願いします');

	// The page starts: every tick and word is still there, and goes with the sign-up.
	await start();
	await expect(page.getByLabel('お名前')).toHaveValue('遅野 ゆり');
	await expect(page.getByLabel('iPhone（アイフォーン）')).toBeChecked();
	await expect(page.getByLabel('見えにくい')).toBeChecked();
	await expect(page.getByLabel('聞こえにくい')).toBeChecked();
	await page.getByRole('button', { name: '申し込む' }).click();
	await expect(page.getByRole('heading', { name: '申し込みを受け付けました' })).toBeVisible();
	const [line] = (await api.roster(classId)).filter((entry) => entry.name === '遅野 ゆり');
	expect(line).toMatchObject({
		status: 'confirmed',
		device: 'iphone',
		needs: ['sight', 'hearing'],
		note: '大きな字でお願いします'
	});
});

test('the simple pages pass axe at 最大 text in high contrast', async ({ page, api, axe }) => {
	const title = `かんたん表示の確認 ${test.info().workerIndex}-${Date.now()}`;
	const classId = await api.publishClass({ title, capacity: 5 });
	await page.addInitScript(() => {
		localStorage.setItem(
			'yorisoi.settings',
			JSON.stringify({
				textSize: 200,
				highContrast: true,
				furigana: false,
				readAloud: false,
				locale: 'ja',
				savedAt: Date.now()
			})
		);
	});
	await page.goto('/classes/plain');
	await axe(page);
	await page.goto(`/classes/plain/${classId}`);
	await page.getByRole('button', { name: '申し込む' }).click();
	await expect(page.getByRole('group', { name: '直してほしいところがあります' })).toBeVisible();
	await axe(page);
});
