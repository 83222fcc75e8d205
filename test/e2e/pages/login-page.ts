import type { Locator, Page } from '@playwright/test';
import { waitForApp } from './app-frame';

/** The volunteer login page (labels found in Japanese, easy Japanese or English). */
export class LoginPage {
	readonly page: Page;
	readonly email: Locator;
	readonly password: Locator;
	readonly submit: Locator;
	readonly error: Locator;

	constructor(page: Page) {
		this.page = page;
		this.email = page.getByLabel(/^(メールアドレス|E-mail address)$/);
		this.password = page.getByLabel(/^(パスワード|Password)$/);
		this.submit = page.getByRole('button', { name: /^(ログイン|Log in)$/ });
		this.error = page.getByRole('alert');
	}

	/** Opens the login page. */
	async open(): Promise<void> {
		await this.page.goto('/volunteer/login');
		await waitForApp(this.page);
	}

	/** Fills in the form and sends it, as a volunteer would. */
	async logIn(credentials: { email: string; password: string }): Promise<void> {
		await this.email.fill(credentials.email);
		await this.password.fill(credentials.password);
		await this.submit.click();
	}
}
