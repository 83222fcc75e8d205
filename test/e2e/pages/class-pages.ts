import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { waitForOfflineReady } from '../fixtures';
import { waitForApp } from './app-frame';

/** A resident as they fill in the sign-up form (labels in Japanese). */
export type Person = {
	name: string;
	kana: string;
	phone?: string;
	device: 'Android（アンドロイド）' | 'iPhone（アイフォーン）' | 'その他' | '持っていない';
	/** Asked only of people without a smartphone. */
	borrowsTablet?: boolean;
	needs?: Array<'見えにくい' | '聞こえにくい' | '車いすを使う' | 'その他'>;
	note?: string;
};

/** The status words a sign-up shows (送信待ち, 申し込みが確定しました, キャンセル待ち（n番目）…). */
export const statusWords = {
	pending: '送信待ち',
	confirmed: '申し込みが確定しました',
	waitlisted: (position: number) => `キャンセル待ち（${position}番目）`,
	cancelled: '取り消し済み'
};

/** `/classes`: the cards of upcoming classes. */
export class ClassListPage {
	readonly page: Page;
	readonly heading: Locator;
	readonly heardAt: Locator;

	constructor(page: Page) {
		this.page = page;
		this.heading = page.getByRole('heading', { level: 1, name: 'スマホ教室' });
		this.heardAt = page.getByTestId('heard-at');
	}

	/** Opens the list. */
	async open(): Promise<void> {
		await this.page.goto('/classes');
		await waitForApp(this.page);
	}

	/**
	 * Opens the list, waits until a class arrives by sync, and until the app is saved for
	 * offline use (the tests then stop the server).
	 */
	async openWhenArrived(title: string): Promise<void> {
		await this.open();
		await expect(this.card(title)).toBeVisible();
		await waitForOfflineReady(this.page);
	}

	/** The card of one class, found by its title. */
	card(title: string): Locator {
		return this.page.getByRole('listitem').filter({
			has: this.page.getByRole('heading', { level: 2, name: title })
		});
	}

	/** Opens a class's page from its card. */
	async openClass(title: string): Promise<ClassPage> {
		await this.card(title)
			.getByRole('link', { name: /くわしく見る・申し込む/ })
			.click();
		const classPage = new ClassPage(this.page);
		await classPage.heading(title).waitFor();
		return classPage;
	}
}

/** `/classes/class?id=…`: one class. */
export class ClassPage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	/** The page's title, which is the class's. */
	heading(title: string): Locator {
		return this.page.getByRole('heading', { level: 1, name: title });
	}

	/** Goes on to the sign-up form. */
	async startSignup(): Promise<SignupPage> {
		await this.page
			.getByRole('link', { name: /^(この教室に申し込む|キャンセル待ちで申し込む)$/ })
			.click();
		const signup = new SignupPage(this.page);
		await signup.heading.waitFor();
		return signup;
	}
}

/** `/classes/signup?id=…`: the sign-up form, then how the sign-up stands. */
export class SignupPage {
	readonly page: Page;
	readonly heading: Locator;
	readonly sentHeading: Locator;
	/** How the sign-ups of this device for this class stand (after sending, or on return). */
	readonly statuses: Locator;

	constructor(page: Page) {
		this.page = page;
		this.heading = page.getByRole('heading', { level: 1, name: '教室に申し込む' });
		// Sent offline, the sign-up is kept on the phone until the server has decided the seat.
		this.sentHeading = page.getByRole('heading', {
			name: /^(申し込みを受け付けました|申し込みをこのスマホに保存しました)$/
		});
		this.statuses = page.getByTestId('signup-status');
	}

	/** Fills in the form as the person would and sends it. */
	async signUp(person: Person): Promise<void> {
		const form = this.page.locator('form');
		await form.getByLabel('お名前', { exact: true }).fill(person.name);
		await form.getByLabel('ふりがな', { exact: true }).fill(person.kana);
		if (person.phone) await form.getByLabel(/^電話番号/).fill(person.phone);
		await form.getByRole('radio', { name: person.device, exact: true }).check();
		if (person.device === '持っていない') {
			await form
				.getByRole('radio', {
					name: person.borrowsTablet ? 'はい、借ります' : 'いいえ、借りません'
				})
				.check();
		}
		for (const need of person.needs ?? []) {
			await form.getByRole('checkbox', { name: need, exact: true }).check();
		}
		if (person.note) await form.getByLabel(/^ボランティアへの伝言/).fill(person.note);
		await form.getByRole('button', { name: '申し込む', exact: true }).click();
		await this.sentHeading.waitFor();
	}
}

/** `/classes/mine`: this device's sign-ups. */
export class MySignupsPage {
	readonly page: Page;
	readonly heading: Locator;

	constructor(page: Page) {
		this.page = page;
		this.heading = page.getByRole('heading', { level: 1, name: 'わたしの申し込み' });
	}

	/** Opens the page. */
	async open(): Promise<void> {
		await this.page.goto('/classes/mine');
		await waitForApp(this.page);
	}

	/** One sign-up, found by its class's title. */
	entry(title: string): Locator {
		return this.page
			.getByRole('list', { name: '申し込んだ教室' })
			.getByRole('listitem')
			.filter({ has: this.page.getByRole('heading', { level: 2, name: title }) });
	}

	/** Cancels a sign-up, answering the confirmation question. */
	async cancel(title: string): Promise<void> {
		const entry = this.entry(title);
		await entry.getByRole('button', { name: /^申し込みを取り消す/ }).click();
		await entry.getByRole('button', { name: 'はい、取り消します' }).click();
	}

	/** Saves the calendar file of a sign-up; answers the download. */
	async saveToCalendar(title: string): Promise<Download> {
		const download = this.page.waitForEvent('download');
		await this.entry(title)
			.getByRole('button', { name: /^カレンダーに追加/ })
			.click();
		return download;
	}
}
