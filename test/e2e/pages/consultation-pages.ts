import { expect, type Locator, type Page } from '@playwright/test';
import { waitForApp } from './app-frame';
import type { Person } from './class-pages';

/** `/volunteer/consultations/new`: the form that publishes a 相談会 block. */
export class NewConsultationPage {
	constructor(readonly page: Page) {}

	async open(): Promise<void> {
		await this.page.goto('/volunteer/consultations/new');
		await waitForApp(this.page);
		await expect(
			this.page.getByRole('heading', { level: 1, name: '相談会をつくる' })
		).toBeVisible();
	}

	/** Fills the form (the day is the form's own: tomorrow); `publish` sends it. */
	async fill(block: { title: string; from: string; to: string }): Promise<void> {
		const form = this.page.locator('form');
		await form.getByLabel('名前', { exact: true }).fill(block.title);
		// The venue list comes with the device's copy once the first pull has arrived.
		await expect(form.getByLabel('会場').locator('option')).not.toHaveCount(1);
		await form.getByLabel('会場').selectOption({ index: 1 });
		await form.getByLabel('始まり').fill(block.from);
		await form.getByLabel('終わり').fill(block.to);
		await form.getByRole('radio', { name: '20分' }).check();
	}

	async publish(): Promise<void> {
		await this.page.getByRole('button', { name: '公開する' }).click();
	}
}

/** `/classes/consultation?id=`: a 相談会 day's slots, on a resident's phone. */
export class SlotPickerPage {
	constructor(readonly page: Page) {}

	/** From `/classes`: the day's card, then 「時間を選ぶ」. */
	async openFromList(title: string): Promise<void> {
		await this.page.goto('/classes');
		await waitForApp(this.page);
		const card = this.page
			.getByRole('listitem')
			.filter({ has: this.page.getByRole('heading', { level: 2, name: title }) });
		await card.getByRole('link', { name: /^時間を選ぶ/ }).click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: '相談する時間を選ぶ' })
		).toBeVisible();
	}

	/** A slot, as its button (free) or its 満席 line (full). */
	slot(clock: string): Locator {
		return this.page.locator(`[data-slot="${clock}"]`);
	}

	/** Chooses a free slot and signs up for it with the topics ticked. */
	async take(clock: string, person: Person, topics: string[]): Promise<void> {
		await this.choose(clock);
		await this.signUp(person, topics);
	}

	/** Presses a free slot: its sign-up form opens. */
	async choose(clock: string): Promise<void> {
		await this.page.getByRole('link', { name: new RegExp(`^${clock}`) }).click();
		await expect(
			this.page.getByRole('heading', { level: 1, name: '教室に申し込む' })
		).toBeVisible();
	}

	/** Fills the slot's sign-up form with the topics ticked, and sends it. */
	async signUp(person: Person, topics: string[]): Promise<void> {
		const form = this.page.locator('form.signup-form');
		const asked = form.getByRole('group', { name: '相談したいこと（いくつでも）' });
		for (const topic of topics) {
			await asked.getByRole('checkbox', { name: topic, exact: true }).check();
		}
		await form.getByLabel('お名前', { exact: true }).fill(person.name);
		await form.getByLabel('ふりがな', { exact: true }).fill(person.kana);
		if (person.phone) await form.getByLabel(/^電話番号/).fill(person.phone);
		await form.getByRole('radio', { name: person.device, exact: true }).check();
		if (person.note) await form.getByLabel(/^ボランティアへの伝言/).fill(person.note);
		await form.getByRole('button', { name: '申し込む', exact: true }).click();
	}
}

/** `/volunteer/consultations`: the hall tablet's 相談会 day. */
export class ConsultationDayPage {
	constructor(readonly page: Page) {}

	async open(): Promise<void> {
		await this.page.goto('/volunteer/consultations');
		await waitForApp(this.page);
	}

	slot(clock: string): Locator {
		return this.page.locator(`li.slot[data-slot="${clock}"]`);
	}

	person(clock: string, name: string): Locator {
		return this.slot(clock).getByRole('listitem').filter({ hasText: name });
	}

	came(name: string): Locator {
		return this.page.getByRole('button', { name: new RegExp(`^来た\\s*:\\s*${name}$`) });
	}
}
