import type { Page, Response } from '@playwright/test';
import { expect } from './fixtures';

// The Content Security Policy (svelte.config.js), checked on every page the axe matrix visits:
// a violation is a script, style or picture the policy would silently break.

/** Collects the page's policy violations from now on, into the array it answers. */
export async function watchPolicyViolations(page: Page): Promise<string[]> {
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
	return violations;
}

/**
 * Checks that a page carries a policy: prerendered pages as a <meta> tag, server-rendered ones
 * as a header.
 */
export async function expectPolicy(page: Page, response: Response | null): Promise<void> {
	const header = response?.headers()['content-security-policy'] ?? '';
	const meta = await page.evaluate(
		() =>
			document
				.querySelector('meta[http-equiv="content-security-policy"]')
				?.getAttribute('content') ?? null
	);
	expect.soft(header || meta, `${page.url()} has no policy`).toContain("script-src 'self'");
}
