import type { Locator, Page } from '@playwright/test';
import { waitForApp } from './app-frame';

/** The call list (連絡リスト): per class, or tomorrow's (labels in Japanese). */
export class CallListPage {
	readonly page: Page;
	readonly heading: Locator;

	constructor(page: Page) {
		this.page = page;
		this.heading = page.getByRole('heading', { level: 1 });
	}

	/** Opens tomorrow's list from the desk's first screen, as a volunteer would. */
	async openTomorrowFromDesk(): Promise<void> {
		await this.page.goto('/volunteer');
		await waitForApp(this.page);
		await this.page.getByRole('link', { name: '明日の連絡リスト' }).click();
		await this.page.waitForURL(/\/volunteer\/calls$/);
	}

	/** Opens one class's list by its address (as a bookmark or the class page's link would). */
	async open(classId: string): Promise<void> {
		await this.page.goto(`/volunteer/calls?id=${classId}`);
		await waitForApp(this.page);
	}

	/** Opens one class's list from its class page. */
	async openFromClass(classId: string): Promise<void> {
		await this.page.goto(`/volunteer/class?id=${classId}`);
		await waitForApp(this.page);
		await this.page.getByRole('link', { name: '連絡リスト', exact: true }).click();
		await this.page.waitForURL(/\/volunteer\/calls\?id=/);
	}

	/** One class's part of the list (tomorrow's list has a part per class). */
	section(title: string): Locator {
		return this.page.getByRole('region', { name: title });
	}

	/** The card of one person on the list of a class. */
	person(name: string, title: string): Locator {
		return this.section(title)
			.getByRole('listitem')
			.filter({ hasText: name })
			.filter({ has: this.page.getByRole('checkbox', { name: '連絡済み' }) });
	}

	/** The 「連絡済み」 tick of one person. */
	tick(name: string, title: string): Locator {
		return this.person(name, title).getByRole('checkbox', { name: '連絡済み' });
	}

	/** Ticks 「連絡済み」 after the call, as at the desk. */
	async markCalled(name: string, title: string): Promise<void> {
		await this.tick(name, title).check();
	}
}
