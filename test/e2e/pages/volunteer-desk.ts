import { expect, type Locator, type Page } from '@playwright/test';
import { waitForOfflineReady, waitForVolunteerPagesStored } from '../fixtures';
import { waitForApp } from './app-frame';
import { LoginPage } from './login-page';

/** A class as a volunteer types it into the class form (times in Japan). */
export type ClassInput = {
	title: string;
	topic?: string;
	venue: string;
	date: string;
	start: string;
	end: string;
	capacity: string;
	loanerTablets?: string;
	tutors?: string;
};

/** A resident who phoned to sign up, as the volunteer types it in. */
export type PhoneSignup = {
	name: string;
	nameKana?: string;
	phone?: string;
	device: 'Android' | 'iPhone' | 'その他のスマホ' | '持っていない';
	/** 貸し出しタブレットを使いますか: asked every time. */
	loaner: 'はい' | 'いいえ';
};

/** The volunteers' pages (dashboard, class page, class form), in Japanese. */
export class VolunteerDesk {
	readonly page: Page;
	readonly heading: Locator;

	constructor(page: Page) {
		this.page = page;
		this.heading = page.getByRole('heading', { level: 1 });
	}

	/** Logs in through the login page and waits for the dashboard. */
	async logIn(credentials: { email: string; password: string }): Promise<void> {
		const login = new LoginPage(this.page);
		await login.open();
		await login.logIn(credentials);
		await this.page.waitForURL(/\/volunteer$/);
		await expect(this.upcoming).toBeVisible();
	}

	/**
	 * Logs in on the hall's Wi-Fi and waits until the device can do without it: the app saved
	 * for offline use and the desk's own pages stored.
	 */
	async logInForOffline(credentials: { email: string; password: string }): Promise<void> {
		await this.logIn(credentials);
		await waitForOfflineReady(this.page);
		await waitForVolunteerPagesStored(this.page);
	}

	/** The dashboard's list of upcoming classes. */
	get upcoming(): Locator {
		return this.page.getByRole('heading', { name: 'これからの教室' });
	}

	/** Opens the dashboard. */
	async openDashboard(): Promise<void> {
		await this.page.goto('/volunteer');
		await waitForApp(this.page);
		await expect(this.upcoming).toBeVisible();
	}

	/** The dashboard's card of one class. */
	classCard(title: string): Locator {
		return this.page.getByRole('article', { name: title });
	}

	/** A class's card by its id (a copied class has the same title). */
	classCardById(id: string): Locator {
		return this.page.locator(`article[data-class="${id}"]`);
	}

	/** Opens a class's page. */
	async openClass(id: string): Promise<void> {
		await this.page.goto(`/volunteer/class?id=${id}`);
		await waitForApp(this.page);
		await expect(this.page.getByRole('heading', { name: '名簿', exact: true })).toBeVisible();
	}

	/** The id of the class whose page is open. */
	classId(): string {
		return new URL(this.page.url()).searchParams.get('id') ?? '';
	}

	/** Fills in the class form (new, edit or copy): only the fields given. */
	async fillClassForm(input: Partial<ClassInput>): Promise<void> {
		const form = this.page.getByRole('main');
		if (input.title !== undefined) await form.getByLabel('教室の名前').fill(input.title);
		if (input.topic !== undefined) await form.getByLabel('学ぶこと').fill(input.topic);
		if (input.venue !== undefined) {
			await form.getByLabel('会場', { exact: true }).selectOption({ label: input.venue });
		}
		if (input.date !== undefined) await form.getByLabel('日付').fill(input.date);
		if (input.start !== undefined) await form.getByLabel('始まる時刻').fill(input.start);
		if (input.end !== undefined) await form.getByLabel('終わる時刻').fill(input.end);
		if (input.capacity !== undefined) await form.getByLabel('定員（人）').fill(input.capacity);
		if (input.loanerTablets !== undefined) {
			await form.getByLabel('貸し出しタブレット（台）').fill(input.loanerTablets);
		}
		if (input.tutors !== undefined) await form.getByLabel('講師・補助（人）').fill(input.tutors);
	}

	/** Creates a class through the form; returns its id once its page shows. */
	async createClass(input: ClassInput): Promise<string> {
		await this.page.goto('/volunteer/edit');
		await waitForApp(this.page);
		await this.fillClassForm(input);
		await this.page.getByRole('button', { name: '教室を作る' }).click();
		await this.page.waitForURL(/\/volunteer\/class\?id=/);
		await expect(this.heading).toHaveText(input.title);
		return this.classId();
	}

	/** Opens the class form for a class from its page, changes the fields given and saves. */
	async editClass(id: string, changes: Partial<ClassInput>): Promise<void> {
		await this.page.goto(`/volunteer/edit?id=${id}`);
		await waitForApp(this.page);
		await expect(this.page.getByLabel('教室の名前')).not.toHaveValue('');
		await this.fillClassForm(changes);
		await this.saveEdit();
	}

	/** Presses 「保存する」 on the class form and waits for the class page. */
	async saveEdit(): Promise<void> {
		await this.page.getByRole('button', { name: '保存する' }).click();
		await this.page.waitForURL(/\/volunteer\/class\?id=/);
	}

	/**
	 * Presses 「いま送る」 once the server is back, then waits until all is sent. The page's own
	 * retry (5 s after the failed try) may send first while a loaded machine starts the server:
	 * the button is then gone, which is the same outcome.
	 */
	async sendNow(): Promise<void> {
		const button = this.page.getByRole('button', { name: 'いま送る' });
		await expect(button.or(this.page.getByText('すべて送信済み')).first()).toBeVisible();
		if (await button.isVisible()) {
			await button.click({ timeout: 5_000 }).catch(async (error: unknown) => {
				if ((await button.count()) > 0) throw error;
			});
		}
		await this.waitUntilSent();
	}

	/**
	 * Waits until this device has nothing left to send: its outbox is empty (「すべて送信済み」
	 * alone could still be the words from before the last change was queued).
	 */
	async waitUntilSent(): Promise<void> {
		await expect
			.poll(async () => (await countStored(this.page, ['outbox'])).outbox, { timeout: 15_000 })
			.toBe(0);
		await expect(this.page.getByText('すべて送信済み')).toBeVisible();
	}

	/** Enters a sign-up a resident gave by phone, on the class page. */
	async signUpByPhone(person: PhoneSignup): Promise<void> {
		await this.fillPhoneSignup(person);
		// The roster shows them as soon as the sign-up is queued (in the same transaction).
		await expect(this.rosterEntry(person.name)).toBeVisible();
	}

	/** Fills and sends the phone sign-up form, whatever comes of it (a duplicate notice…). */
	async fillPhoneSignup(person: PhoneSignup): Promise<void> {
		await this.page.getByRole('button', { name: '電話で受けた申し込みを入れる' }).click();
		const form = this.page.getByRole('main');
		await form.getByLabel('お名前').fill(person.name);
		if (person.nameKana) await form.getByLabel('ふりがな（任意）').fill(person.nameKana);
		if (person.phone) await form.getByLabel('電話番号（任意）').fill(person.phone);
		await form.getByRole('radio', { name: person.device, exact: true }).check();
		await form
			.getByRole('group', { name: '貸し出しタブレットを使いますか' })
			.getByRole('radio', { name: person.loaner === 'はい' ? 'はい、使う' : 'いいえ、使わない' })
			.check();
		await form.getByRole('button', { name: '申し込みを入れる', exact: true }).click();
	}

	/** The notice that the same person has already signed up. */
	get duplicateNotice(): Locator {
		return this.page.getByRole('group', { name: '同じ方がすでに申し込んでいます' });
	}

	/** One person's entry on the class page's roster. */
	rosterEntry(name: string): Locator {
		return this.page.locator('[data-signup]').filter({ hasText: name });
	}

	/** Logs out with the dashboard's button. */
	async logOut(): Promise<void> {
		await this.page.getByRole('button', { name: 'ログアウト' }).click();
		await this.page.waitForURL(/\/volunteer\/login$/);
	}
}

/** Counts the rows of some of the app's IndexedDB tables, as the browser holds them now. */
export async function countStored(page: Page, tables: string[]): Promise<Record<string, number>> {
	return page.evaluate(
		(names) =>
			new Promise<Record<string, number>>((done, fail) => {
				const open = indexedDB.open('yorisoi');
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const database = open.result;
					const transaction = database.transaction(names, 'readonly');
					const counts: Record<string, number> = {};
					for (const name of names) {
						const request = transaction.objectStore(name).count();
						request.onsuccess = () => (counts[name] = request.result);
					}
					transaction.oncomplete = () => {
						database.close();
						done(counts);
					};
					transaction.onerror = () => fail(transaction.error);
				};
			}),
		tables
	);
}
