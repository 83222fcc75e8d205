import { expect, test, waitForOfflineReady } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { LoginPage } from './pages/login-page';
import { extraPages, pageRoutes, volunteerRoutes, withClass } from './routes';
import { testAdmin } from './server';

// Every page runs under the Content Security Policy (svelte.config.js) without the browser
// refusing anything: a violation is a script, style or picture the policy would silently break.
test.describe('content security policy', () => {
	test('no page breaks the policy, and every page carries one', async ({ page }) => {
		// Every page in one test, like the axe matrix.
		test.setTimeout(120_000);
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
		});
		await page.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (event) => {
				console.error(
					`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`
				);
			});
		});

		const visit = async (url: string) => {
			const response = await page.goto(url);
			await waitForApp(page);
			// Prerendered pages carry it as a <meta> tag; server-rendered ones as a header.
			const header = response?.headers()['content-security-policy'] ?? '';
			const meta = await page.evaluate(
				() =>
					document
						.querySelector('meta[http-equiv="content-security-policy"]')
						?.getAttribute('content') ?? null
			);
			expect(header || meta, `${url} has no policy`).toContain("script-src 'self'");
		};

		const { classes } = (await (await page.request.get('/api/classes')).json()) as {
			classes: Array<{ id: string }>;
		};
		const classId = classes[0]?.id ?? '';
		for (const url of [...Object.values(pageRoutes), ...extraPages]) {
			await test.step(url, () => visit(withClass(url, classId)));
		}
		// The service worker registers and caches under the policy too.
		await page.goto('/');
		await waitForOfflineReady(page);

		const login = new LoginPage(page);
		await login.open();
		await login.logIn(testAdmin);
		await page.waitForURL(/\/volunteer$/);
		for (const url of Object.values(volunteerRoutes)) {
			await test.step(url, () => visit(withClass(url, classId)));
		}
		expect(violations).toEqual([]);
	});

	test('server-rendered pages send it as a header with frame-ancestors', async ({ request }) => {
		const response = await request.get('/volunteer/login');
		const policy = response.headers()['content-security-policy'] ?? '';
		expect(policy).toContain("frame-ancestors 'none'");
		expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
	});
});
