import { randomUUID } from 'node:crypto';
import { expect, test, withoutServiceWorker } from './fixtures';
import { openBeforeAppStarts, waitForApp } from './pages/app-frame';
import { testOperator } from './server';

// The operator's page is drawn by the server on every host and keeps nothing for offline use.
test.use({ ...withoutServiceWorker, viewport: { width: 390, height: 844 }, hasTouch: true });

test('an operator on a phone at 最大 text makes a town, finds it in the list, pauses and resumes it', async ({
	page,
	axe
}) => {
	test.slow();
	const id = `e2e-${randomUUID().slice(0, 8)}`;
	const host = `${id}.localhost`;
	await page.goto('/settings');
	await waitForApp(page);
	await page.getByRole('main').getByRole('radio', { name: '最大', exact: true }).check();

	// Step 1: the operator logs in, typing on a slow phone before the page has started (kept
	// when it starts); a wrong password is refused in words.
	const start = await openBeforeAppStarts(page, '/operator');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('運営者のページ');
	const main = page.getByRole('main');
	await main.getByLabel('メールアドレス').fill(testOperator.email);
	await main.getByLabel('パスワード', { exact: true }).fill('not-the-password');
	await start();
	await expect(main.getByLabel('メールアドレス')).toHaveValue(testOperator.email);
	await main.getByRole('button', { name: 'ログイン' }).click();
	await expect(main.getByRole('alert')).toBeVisible();
	await main.getByLabel('パスワード', { exact: true }).fill(testOperator.password);
	await main.getByRole('button', { name: 'ログイン' }).click();
	await expect(main.getByText(`${testOperator.email} としてログインしています。`)).toBeVisible();
	await axe(page);

	// Step 2: a new town, its host and its first admin.
	const create = main.getByRole('form', { name: '町を作る' });
	await create.getByLabel('町のID').fill(id);
	await create.getByLabel('ホスト名').fill(host);
	const name = create.getByRole('group', { name: '町の名前' });
	await name.getByLabel('日本語', { exact: true }).fill('ほしぞら町');
	await name.getByLabel('やさしい日本語', { exact: true }).fill('ほしぞら町');
	await name.getByLabel('英語', { exact: true }).fill('Hoshizora Town');
	const office = create.getByRole('group', { name: '役場の名前' });
	await office.getByLabel('日本語', { exact: true }).fill('ほしぞら町役場');
	await office.getByLabel('やさしい日本語', { exact: true }).fill('ほしぞら町役場');
	await office.getByLabel('英語', { exact: true }).fill('Hoshizora Town Office');
	await create.getByLabel('役場の電話番号').fill('0123-45-6789');
	await create.getByLabel(/架空の町/).check();
	const admin = create.getByRole('group', { name: '最初の管理者' });
	await admin.getByLabel('メールアドレス').fill(`admin@${id}.example`);
	await admin.getByLabel('名前').fill('星野 ひかり');
	await admin.getByLabel(/パスワード/).fill('starry-night-2026');
	await create.getByRole('button', { name: '町を作る' }).click();
	await expect(main.getByText(`町「${id}」を作りました。`)).toBeVisible();

	// Step 3: it is in the list with its host, nothing yet, open; the page still fits the phone.
	const row = main.getByRole('row').filter({ hasText: host });
	await expect(row).toContainText('ほしぞら町');
	await expect(row).toContainText('受付中');
	await axe(page);

	// Step 4: paused after a confirmation that says what it does; the data is kept.
	await row.getByRole('link', { name: /一時停止する/ }).click();
	await expect(
		main.getByRole('heading', { name: '「ほしぞら町」を一時停止しますか？' })
	).toBeVisible();
	await expect(main.getByText(/データは消えません/)).toBeVisible();
	await axe(page);
	await main.getByRole('button', { name: 'はい、一時停止する' }).click();
	await expect(main.getByRole('row').filter({ hasText: host })).toContainText('一時停止中');

	// Step 5: and resumed the same way.
	await main
		.getByRole('row')
		.filter({ hasText: host })
		.getByRole('link', { name: /再開する/ })
		.click();
	await main.getByRole('button', { name: 'はい、再開する' }).click();
	await expect(main.getByRole('row').filter({ hasText: host })).toContainText('受付中');
});
