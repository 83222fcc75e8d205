import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { waitForApp } from './app-frame';

/** A date as a resident reads it, in 和暦. */
export type WarekiDay = { era: '昭和' | '平成' | '令和'; year: number; month: number; day: number };

/** The renewal calculator (/mynumber/renewal), in Japanese. */
export class RenewalPage {
	readonly page: Page;
	readonly main: Locator;
	readonly result: Locator;
	readonly saveCalendarButton: Locator;

	constructor(page: Page) {
		this.page = page;
		this.main = page.getByRole('main');
		this.result = page.getByTestId('renewal-result');
		this.saveCalendarButton = this.main.getByRole('button', {
			name: 'カレンダー用のファイルを保存する'
		});
	}

	async open(): Promise<void> {
		await this.page.goto('/mynumber/renewal');
		await waitForApp(this.page);
	}

	/** Chooses how to check: from the printed expiry date, or the estimate from dates. */
	async choosePath(path: 'printed' | 'estimate'): Promise<void> {
		const name = path === 'printed' ? /印刷された有効期限/ : /生年月日と/;
		await this.main
			.getByRole('group', { name: 'どちらで調べますか' })
			.getByRole('radio', { name })
			.check();
	}

	/** Types a date in 和暦 into the fields named by their legend. */
	async enterDate(legend: string, date: WarekiDay): Promise<void> {
		const group = this.main.getByRole('group', { name: legend, exact: true });
		await group.getByRole('radio', { name: '和暦' }).check();
		await group.getByRole('combobox', { name: '元号' }).selectOption({ label: date.era });
		await group.getByRole('textbox', { name: '年（元年は1）' }).fill(String(date.year));
		await group.getByRole('textbox', { name: '月' }).fill(String(date.month));
		await group.getByRole('textbox', { name: '日' }).fill(String(date.day));
	}

	/** Empties the fields named by their legend. */
	async clearDate(legend: string): Promise<void> {
		const group = this.main.getByRole('group', { name: legend, exact: true });
		for (const name of ['年（元年は1）', '月', '日']) {
			await group.getByRole('textbox', { name }).fill('');
		}
	}

	/** The result for the card or for its certificates, found by its heading. */
	status(heading: string | RegExp): Locator {
		return this.result.getByRole('region', { name: heading });
	}

	/** Saves the calendar file and returns its text. */
	async saveCalendar(): Promise<{ fileName: string; text: string }> {
		const download = this.page.waitForEvent('download');
		await this.saveCalendarButton.click();
		const file = await download;
		return {
			fileName: file.suggestedFilename(),
			text: readFileSync((await file.path()) ?? '', 'utf8')
		};
	}
}

/** The days of a calendar file's events, as YYYYMMDD. */
export function eventDays(calendar: string): string[] {
	return [...calendar.matchAll(/DTSTART;VALUE=DATE:(\d{8})/g)].map((match) => match[1] ?? '');
}
