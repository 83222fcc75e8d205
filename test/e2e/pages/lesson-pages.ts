import { expect, type Locator, type Page } from '@playwright/test';
import { AppFrame, waitForApp } from './app-frame';

/** How the learner works the screen: a finger (tap), a mouse, or the keyboard alone. */
export type InputMode = 'touch' | 'mouse' | 'keyboard';

/**
 * A name pattern for text with furigana: Chromium puts spaces around <ruby> in accessible
 * names (「はじめての 画面 タッチ」), so spaces between the letters are allowed.
 */
export function rubyName(text: string): RegExp {
	const letters = [...text].map((letter) => letter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^\\s*${letters.join('\\s*')}\\s*$`);
}

/** Presses Tab until the target (or something inside it) has the keyboard focus. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
	for (let presses = 0; presses < 40; presses += 1) {
		const focused = await target.evaluate(
			(element) => element === document.activeElement || element.contains(document.activeElement)
		);
		if (focused) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('the control never got the keyboard focus');
}

/** Presses a control the way the learner does: a tap, or Tab until it has focus, then Enter. */
export async function press(page: Page, control: Locator, mode: InputMode): Promise<void> {
	if (mode === 'touch') await control.tap();
	else if (mode === 'mouse') await control.click();
	else {
		await tabTo(page, control);
		await page.keyboard.press('Enter');
	}
}

/** 「だれが練習しますか？」: picking, adding and removing learners on a shared tablet. */
export class LearnersPage {
	readonly page: Page;
	readonly heading: Locator;

	constructor(page: Page) {
		this.page = page;
		this.heading = page.getByRole('heading', { level: 1, name: 'だれが練習しますか？' });
	}

	/** Opens the page (as the lesson pages link to it). */
	async open(): Promise<void> {
		await this.page.goto('/lessons/learners');
		await waitForApp(this.page);
	}

	/** Adds a learner with a name, and optionally a phone kind; lands where the page was opened from. */
	async add(
		learner: { name: string; device?: 'Android' | 'iPhone'; colour?: string },
		mode: InputMode = 'mouse'
	): Promise<void> {
		const form = this.page.getByRole('region', { name: '名前をふやす' });
		const name = form.getByRole('textbox', { name: /お名前/ });
		if (mode === 'keyboard') await tabTo(this.page, name);
		else await press(this.page, name, mode);
		await name.pressSequentially(learner.name);
		if (learner.colour) await this.#choose(form.getByRole('radio', { name: learner.colour }), mode);
		if (learner.device) {
			await this.#choose(form.getByRole('radio', { name: new RegExp(`^${learner.device}`) }), mode);
		}
		await press(this.page, form.getByRole('button', { name: 'この名前で始める' }), mode);
		// The app moves on once the learner is stored and chosen: a test that goes elsewhere
		// before then would find nobody practising.
		await this.page.waitForURL((url) => url.pathname !== '/lessons/learners');
	}

	async #choose(radio: Locator, mode: InputMode): Promise<void> {
		if (mode !== 'keyboard') await press(this.page, radio.locator('..'), mode);
		else {
			// Tab reaches a radio group once; the arrow keys choose inside it.
			await tabTo(this.page, radio.locator('xpath=ancestor::fieldset[1]'));
			for (let presses = 0; presses < 10 && !(await radio.isChecked()); presses += 1) {
				await this.page.keyboard.press('ArrowRight');
			}
		}
		await expect(radio).toBeChecked();
	}

	/** The button that picks a learner by name. */
	learner(name: string): Locator {
		return this.page.getByRole('button', { name: new RegExp(`${name}$`) });
	}

	/** Removes a learner, confirming when asked. */
	async remove(name: string): Promise<void> {
		await this.page.getByRole('button', { name: `${name}さんをけす` }).click();
		await expect(
			this.page.getByText(`${name}さんの名前と、練習の記録をすべてけしますか？`)
		).toBeVisible();
		await this.page.getByRole('button', { name: 'けす', exact: true }).click();
	}
}

/** The lesson list at /lessons. */
export class LessonListPage {
	readonly page: Page;

	constructor(page: Page) {
		this.page = page;
	}

	/** Opens the list and waits until the learner's progress is shown. */
	async open(): Promise<void> {
		await this.page.goto('/lessons');
		await waitForApp(this.page);
		await expect(
			this.page.getByRole('heading', { level: 2, name: /だれが練習しますか？|練習しています/ })
		).toBeVisible();
	}

	/** One lesson's card. */
	card(title: string): Locator {
		return this.page
			.getByRole('listitem')
			.filter({ has: this.page.getByRole('link', { name: rubyName(title) }) });
	}
}

/** The lesson player at /lessons/[id]. */
export class LessonPlayer {
	readonly page: Page;
	readonly frame: AppFrame;
	readonly counter: Locator;
	readonly progress: Locator;
	readonly step: Locator;
	readonly stepHeading: Locator;
	readonly next: Locator;
	readonly back: Locator;
	/** The bar of 「もどる」 and 「次へ」 at the bottom of the screen. */
	readonly bar: Locator;
	/** The step's instruction: its first paragraph of text. */
	readonly instruction: Locator;

	constructor(page: Page) {
		this.page = page;
		this.frame = new AppFrame(page);
		this.counter = page.locator('.step-counter');
		this.progress = page.getByRole('progressbar', { name: 'レッスンの進みぐあい' });
		this.step = page.getByRole('article');
		this.stepHeading = this.step.getByRole('heading', { level: 2 });
		this.next = page.getByRole('button', { name: '次へ' });
		this.back = page.getByRole('navigation').getByRole('button', { name: 'もどる' });
		this.bar = page.getByRole('navigation', { name: 'レッスンの進みぐあい' });
		this.instruction = page.locator('#step-instruction > p').first();
	}

	/**
	 * What the learner sees of the step without scrolling: its heading whole and the first line
	 * of its instruction above the bar, 「次へ」 whole on the screen, and nothing off to the side.
	 */
	async firstScreen(): Promise<{
		heading: boolean;
		instruction: boolean;
		next: boolean;
		sideways: boolean;
	}> {
		const height = this.page.viewportSize()?.height ?? 0;
		const [bar, heading, instruction, next] = await Promise.all(
			[this.bar, this.stepHeading, this.instruction, this.next].map((part) => part.boundingBox())
		);
		const line = await this.instruction.evaluate((text) =>
			parseFloat(getComputedStyle(text).lineHeight)
		);
		const barTop = bar?.y ?? 0;
		return {
			heading: !!heading && heading.y >= 0 && heading.y + heading.height <= barTop,
			instruction: !!instruction && instruction.y >= 0 && instruction.y + line <= barTop,
			next: !!next && next.y >= 0 && next.y + next.height <= height,
			sideways: await this.page.evaluate(
				() => document.documentElement.scrollWidth > document.documentElement.clientWidth
			)
		};
	}

	/** Opens a lesson and waits until it knows who is practising. */
	async open(id: string): Promise<void> {
		await this.page.goto(`/lessons/${id}`);
		await waitForApp(this.page);
		await this.page.waitForFunction(() => document.querySelector('.step-counter') !== null);
		await this.waitUntilRestored();
	}

	/**
	 * Waits until the learner (and where they left off) has been read from IndexedDB, right after
	 * the page starts: a step moved before that is moved back to the stored place.
	 */
	async waitUntilRestored(): Promise<void> {
		await this.page.locator('.step-status[data-restored="true"]').waitFor();
	}

	/** Opens a lesson and goes on to step `shown` (from 1), stored as where the learner left it. */
	async stopAt(id: string, shown: number): Promise<void> {
		await this.open(id);
		for (let step = 1; step < shown; step += 1) await this.next.click();
		await this.waitUntilSaved(shown);
	}

	/** Waits until the device holds step `shown` (as the counter says it, from 1) as the place
	 * to resume: moves are stored a moment after the counter changes. */
	async waitUntilSaved(shown: number): Promise<void> {
		await expect(this.page.locator('.step-status')).toHaveAttribute(
			'data-saved-step',
			String(shown - 1)
		);
	}

	/** 「できました！」 */
	get summaryHeading(): Locator {
		return this.page.getByRole('heading', { level: 2, name: 'できました！' });
	}

	/** Presses 「次へ」 until the summary shows, checking the counter on the way. */
	async finish(mode: InputMode): Promise<void> {
		for (let guard = 0; guard < 20; guard += 1) {
			if (await this.summaryHeading.isVisible()) return;
			const text = (await this.counter.textContent()) ?? '';
			const [current, total] = text.split('/').map((part) => Number(part.trim()));
			await press(this.page, this.next, mode);
			if (current === total) await expect(this.summaryHeading).toBeVisible();
			else await expect(this.counter).toHaveText(`${(current ?? 0) + 1} / ${total}`);
		}
		throw new Error('the lesson never reached 「できました！」');
	}
}
