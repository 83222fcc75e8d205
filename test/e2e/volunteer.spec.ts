import { expect, test, withoutServiceWorker } from './fixtures';
import { openBeforeAppStarts, waitForApp } from './pages/app-frame';
import { LoginPage } from './pages/login-page';
import { testAdmin } from './server';

test.describe('volunteer login', () => {
	// Logging in and out is under test here, not offline use. With a worker, a fresh context
	// downloads the whole app beside the test, and the logout's request and the login page's
	// data queued behind it: once in a CI run, past the 10 s the test waits for the login page.
	test.use(withoutServiceWorker);

	test('sends an anonymous visitor to the login page, and back after logging in', async ({
		page
	}) => {
		// Step 1: a volunteer opens the volunteer page without being logged in.
		await page.goto('/volunteer');
		await expect(page).toHaveURL(/\/volunteer\/login\?next=%2Fvolunteer$/);
		const login = new LoginPage(page);
		await waitForApp(page);

		// Step 2: a wrong password is refused with a plain message; the e-mail stays filled in.
		await login.logIn({ email: testAdmin.email, password: 'not-the-password' });
		await expect(login.error).toContainText('メールアドレスかパスワードが違います。');
		await expect(login.email).toHaveValue(testAdmin.email);

		// Step 3: the right password leads to the volunteer page.
		await login.logIn(testAdmin);
		await expect(page).toHaveURL(/\/volunteer$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ボランティア用ページ');
		await expect(page.getByText('管理者さん（管理者）としてログインしています。')).toBeVisible();

		// Step 4: logging out really ends the session on this shared tablet.
		await page.getByRole('button', { name: 'ログアウト' }).click();
		await expect(page).toHaveURL(/\/volunteer\/login$/);
		await page.goto('/volunteer');
		await expect(page).toHaveURL(/\/volunteer\/login/);
	});

	test('on a slow phone, what is typed before the page has started is kept', async ({ page }) => {
		// A volunteer at the hall types on an old phone while the page is still arriving.
		const login = new LoginPage(page);
		const start = await openBeforeAppStarts(page, '/volunteer/login');
		await login.email.fill(testAdmin.email);
		await login.password.fill(testAdmin.password);

		// The page starts: nothing typed is lost, and the login goes through.
		await start();
		await expect(login.email).toHaveValue(testAdmin.email);
		await expect(login.password).toHaveValue(testAdmin.password);
		await login.submit.click();
		await expect(page).toHaveURL(/\/volunteer$/);
	});

	test('works without JavaScript', async ({ browser, baseURL }) => {
		const context = await browser.newContext({
			baseURL,
			javaScriptEnabled: false,
			locale: 'ja-JP'
		});
		const page = await context.newPage();
		await page.goto('/volunteer/login');
		const login = new LoginPage(page);
		await login.logIn(testAdmin);
		// The login works without JavaScript; the dashboard (rosters kept on the device) says
		// plainly that it needs it. Playwright's switch leaves Chromium's parser thinking scripts
		// run, so <noscript> is not rendered here: its words are read from the page instead.
		await expect(page).toHaveURL(/\/volunteer$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ボランティア用ページ');
		expect(await page.content()).toMatch(
			/<noscript>[\s\S]*このページを使うには、ブラウザーの JavaScript を有効にしてください。[\s\S]*<\/noscript>/
		);
		await expect(page.getByRole('status')).toHaveCount(0);
		await context.close();
	});

	test('shows the password on request, for typing on a tablet', async ({ page }) => {
		const login = new LoginPage(page);
		await login.open();
		await expect(login.password).toHaveAttribute('type', 'password');
		await page.getByRole('button', { name: 'パスワードを表示' }).click();
		await expect(login.password).toHaveAttribute('type', 'text');
	});
});
