import { expect, test, waitForOfflineReady, waitForVolunteerPagesStored } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { LoginPage } from './pages/login-page';
import { watchPolicyViolations } from './policy';
import { testAdmin } from './server';

// The Content Security Policy (svelte.config.js). The axe matrix (a11y.spec.ts) checks on every
// page it visits that the page carries a policy and breaks none of it; it blocks the service
// worker, so this checks the worker's downloads under the policy.
test.describe('content security policy', () => {
	test('the service worker stores the app, and the desk its pages, under the policy', async ({
		page
	}) => {
		const violations = await watchPolicyViolations(page);
		await page.goto('/');
		await waitForApp(page);
		await waitForOfflineReady(page);

		const login = new LoginPage(page);
		await login.open();
		await login.logIn(testAdmin);
		await page.waitForURL(/\/volunteer$/);
		await waitForVolunteerPagesStored(page);
		expect(violations).toEqual([]);
	});

	test('server-rendered pages send it as a header with frame-ancestors', async ({ request }) => {
		const response = await request.get('/volunteer/login');
		const policy = response.headers()['content-security-policy'] ?? '';
		expect(policy).toContain("frame-ancestors 'none'");
		expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
	});
});
