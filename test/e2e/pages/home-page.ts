import type { Locator, Page } from '@playwright/test';
import { AppFrame, waitForApp } from './app-frame';

/** The home page: three large entries and the 「聞きたいことメモ」 note. */
export class HomePage {
	readonly page: Page;
	readonly frame: AppFrame;
	readonly memo: Locator;

	constructor(page: Page) {
		this.page = page;
		this.frame = new AppFrame(page);
		this.memo = page.getByRole('textbox', { name: '次の教室や窓口で聞きたいこと' });
	}

	/** Opens the home page and waits until the app has started. */
	async open(): Promise<void> {
		await this.page.goto('/');
		await waitForApp(this.page);
	}

	/** The large entry link with the given title. */
	entry(title: string): Locator {
		return this.page.getByRole('link', { name: new RegExp(title) });
	}

	/** Types into the note, one key at a time, as a person would. */
	async typeMemo(text: string): Promise<void> {
		await this.memo.click();
		await this.memo.pressSequentially(text);
	}
}
