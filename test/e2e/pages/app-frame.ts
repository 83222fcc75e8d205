import type { Locator, Page } from '@playwright/test';
import type { TextSize } from '../../../src/lib/domain/settings';

const textSizeNames: Record<TextSize, string> = {
	100: '標準',
	125: '大',
	150: '特大',
	200: '最大'
};

/** The frame every page shares (header, display controls, notices), in Japanese. */
export class AppFrame {
	readonly page: Page;
	readonly header: Locator;
	readonly displayToggle: Locator;
	readonly displayPanel: Locator;

	constructor(page: Page) {
		this.page = page;
		this.header = page.getByRole('banner');
		// With furigana on, the name has the readings too (文字 もじ ・ 表示 ひょうじ).
		this.displayToggle = this.header.getByRole('button', { name: /文字.*・.*表示|閉.*じる/ });
		this.displayPanel = page.getByRole('region', { name: '文字の大きさと表示の切り替え' });
	}

	/** Opens the header's display controls when they are folded away (narrow screens). */
	async openDisplayControls(): Promise<void> {
		if (
			(await this.displayToggle.isVisible()) &&
			(await this.displayToggle.getAttribute('aria-expanded')) === 'false'
		) {
			await this.displayToggle.click();
		}
	}

	/** Chooses one of the four text sizes in the header. */
	async setTextSize(size: TextSize): Promise<void> {
		await this.openDisplayControls();
		await this.displayPanel
			.getByRole('group', { name: '文字の大きさ' })
			.getByRole('radio', { name: textSizeNames[size], exact: true })
			.check();
		await this.page.waitForFunction(
			(value) => document.documentElement.dataset.textSize === value,
			String(size)
		);
	}

	/** Presses one of the on/off switches (くっきり表示, ふりがな, 読み上げ). */
	async toggle(name: 'くっきり表示' | 'ふりがな' | '読み上げ'): Promise<void> {
		await this.openDisplayControls();
		await this.displayPanel.getByRole('button', { name }).click();
	}

	/** Chooses the language by its own name (日本語, やさしい日本語, English). */
	async chooseLanguage(name: '日本語' | 'やさしい日本語' | 'English'): Promise<void> {
		await this.openDisplayControls();
		await this.displayPanel.getByRole('radio', { name, exact: true }).check();
	}

	/** The update prompt 「新しいバージョンがあります — 更新する」. */
	get updatePrompt(): Locator {
		return this.page.getByRole('region', { name: '新しいバージョンがあります' });
	}
}

/** Waits until the app has started in the page and applied the stored settings. */
export async function waitForApp(page: Page): Promise<void> {
	await page.waitForFunction(() => document.documentElement.hasAttribute('data-app-ready'));
}

/**
 * Opens `path` on a phone whose scripts have not arrived yet: the server-drawn page shows, and
 * the app starts only when the returned function is called (it waits until it has started).
 * For what a person does on a slow phone before the page has started.
 */
export async function openBeforeAppStarts(page: Page, path: string): Promise<() => Promise<void>> {
	let release = () => {};
	const held = new Promise<void>((done) => (release = done));
	const scripts = '**/_app/immutable/**/*.js';
	await page.route(scripts, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(path, { waitUntil: 'commit' });
	return async () => {
		release();
		await waitForApp(page);
		await page.unroute(scripts);
	};
}
