import { expect, type Locator, type Page } from '@playwright/test';
import { waitForApp } from './app-frame';

/** A volunteer as the admin types them into 「ボランティアを追加する」. */
export type NewVolunteer = { name: string; email: string; role: 'ボランティア' | '管理者' };

/** The admins' 「ボランティア」 page, in Japanese. */
export class VolunteersPage {
	readonly page: Page;
	readonly heading: Locator;
	/** The card that shows a password once, to hand over. */
	readonly handover: Locator;
	readonly addForm: Locator;

	constructor(page: Page) {
		this.page = page;
		this.heading = page.getByRole('heading', { level: 1 });
		this.handover = page.getByRole('region', { name: /に伝えるログイン$/ });
		this.addForm = page.getByRole('region', { name: 'ボランティアを追加する' });
	}

	/** Opens the page from the desk's first screen, as an admin would. */
	async openFromDesk(): Promise<void> {
		await this.page.goto('/volunteer');
		await waitForApp(this.page);
		await this.page.getByRole('link', { name: 'ボランティアを管理する' }).click();
		await this.page.waitForURL(/\/volunteer\/volunteers$/);
		await expect(this.list).toBeVisible();
	}

	/** Opens the page by its address. */
	async open(): Promise<void> {
		await this.page.goto('/volunteer/volunteers');
		await waitForApp(this.page);
	}

	/** The list's heading (「ボランティアの一覧（n人）」). */
	get list(): Locator {
		return this.page.getByRole('heading', { name: /^ボランティアの一覧/ });
	}

	/** One volunteer's card, by name. */
	card(name: string): Locator {
		return this.page.getByRole('article', { name: new RegExp(`^${name}`) });
	}

	/** Adds a volunteer with a password the app makes; returns the password shown to hand over. */
	async add(person: NewVolunteer): Promise<string> {
		const form = this.addForm;
		await form.getByLabel('名前').fill(person.name);
		await form.getByLabel('メールアドレス').fill(person.email);
		await form
			.getByRole(
				'radio',
				person.role === '管理者' ? { name: /^管理者/ } : { name: 'ボランティア', exact: true }
			)
			.check();
		await form.getByRole('button', { name: '追加する' }).click();
		return this.readHandover(person.name);
	}

	/** Reads the password shown once, then says it was handed over (the card closes). */
	async readHandover(name: string): Promise<string> {
		await expect(this.handover).toBeVisible();
		await expect(this.handover.getByRole('heading')).toHaveText(`${name}さんに伝えるログイン`);
		await expect(this.handover.getByRole('heading')).toBeFocused();
		const password = (await this.handover.getByTestId('handover-password').textContent())!.trim();
		expect(password).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
		await this.handover.getByRole('button', { name: '伝えたので閉じる' }).click();
		await expect(this.handover).toBeHidden();
		return password;
	}

	/** Resets a volunteer's password to one the app makes; returns it. */
	async resetPassword(name: string): Promise<string> {
		const card = this.card(name);
		await card.getByRole('button', { name: 'パスワードを再設定する' }).click();
		await expect(card.getByRole('radio', { name: /^自動で作る/ })).toBeChecked();
		await card.getByRole('button', { name: '再設定する', exact: true }).click();
		return this.readHandover(name);
	}

	/** Makes an admin a plain volunteer again (or a volunteer an admin). */
	async changeRole(name: string, to: 'ボランティアに戻す' | '管理者にする'): Promise<void> {
		await this.card(name).getByRole('button', { name: to }).click();
	}

	/** Asks to deactivate a volunteer and confirms. */
	async deactivate(name: string): Promise<void> {
		const card = this.card(name);
		await card.getByRole('button', { name: '利用を停止する' }).click();
		await card.getByRole('button', { name: '停止する', exact: true }).click();
	}

	/** What one card says about the volunteer (role, state, last login). */
	fact(name: string, term: '役割' | '状態' | '最後のログイン'): Locator {
		return this.card(name)
			.locator('dl > div')
			.filter({ has: this.page.getByRole('term').filter({ hasText: term }) })
			.getByRole('definition');
	}
}
