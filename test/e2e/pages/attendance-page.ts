import type { Locator, Page } from '@playwright/test';
import { waitForApp } from './app-frame';

/** The hall's attendance mode for one class (labels in Japanese). */
export class AttendancePage {
	readonly page: Page;
	readonly counts: Locator;
	readonly sendState: Locator;

	constructor(page: Page) {
		this.page = page;
		this.counts = page.getByRole('region', { name: '出欠の数' });
		this.sendState = this.counts.getByRole('status');
	}

	/** Opens the attendance page of a class. */
	async open(classId: string): Promise<void> {
		await this.page.goto(`/volunteer/attendance?id=${classId}`);
		await waitForApp(this.page);
	}

	/** The roster row of one resident. */
	row(name: string): Locator {
		return this.page.getByRole('listitem').filter({
			has: this.page.getByRole('group', { name: `${name}さんの出欠` })
		});
	}

	/** The 出席 or 欠席 toggle of one resident. */
	toggle(name: string, state: '出席' | '欠席'): Locator {
		return this.page
			.getByRole('group', { name: `${name}さんの出欠` })
			.getByRole('button', { name: state });
	}

	/** One tap, as a volunteer at the hall would. */
	async mark(name: string, state: '出席' | '欠席'): Promise<void> {
		await this.toggle(name, state).click();
	}

	/** The count shown at the top for present, absent or not yet marked. */
	count(kind: 'present' | 'absent' | 'unmarked'): Locator {
		return this.counts.locator(`[data-count="${kind}"]`);
	}

	/** Adds someone who came without signing up (they are marked present). */
	async addWalkIn(person: {
		name: string;
		nameKana: string;
		device: string;
		loaner: 'はい' | 'いいえ';
	}): Promise<void> {
		const form = this.page.getByRole('region', { name: '当日来た方を追加' });
		await form.getByLabel('お名前').fill(person.name);
		await form.getByLabel('ふりがな（なくてもかまいません）').fill(person.nameKana);
		await form.getByRole('radio', { name: person.device }).check();
		await form
			.getByRole('group', { name: '貸し出しタブレットを使いますか' })
			.getByRole('radio', { name: person.loaner === 'はい' ? 'はい、使う' : 'いいえ、使わない' })
			.check();
		await form.getByRole('button', { name: '追加して出席にする' }).click();
	}

	/** The line saying how many people over capacity the class is (walk-ins). */
	get overCapacity(): Locator {
		return this.counts.locator('[data-over-capacity]');
	}
}
