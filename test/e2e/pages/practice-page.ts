import type { CDPSession, Locator, Page } from '@playwright/test';
import { waitForApp } from './app-frame';

/** A point on the screen, in CSS pixels from the top left of the viewport. */
export type Point = { x: number; y: number };

/** The Japanese name of each widget, as its section heading and group label say. */
export const practiceNames = {
	tap: 'タップの練習',
	'double-tap': 'ダブルタップの練習',
	'long-press': '長押しの練習',
	swipe: 'スワイプの練習',
	'scroll-find': 'スクロールの練習',
	'pinch-zoom': 'ピンチアウト（広げて大きくする）の練習',
	drag: 'ドラッグ（動かす）の練習',
	flick: 'フリック入力の練習',
	'find-button': 'ボタンをさがす練習'
} as const;

export type PracticeName = keyof typeof practiceNames;

/**
 * The practice page 「れんしゅう広場」, in Japanese, with fingers: touches go through the
 * Chrome DevTools Protocol, so two fingers (a pinch) and slides are real touch input.
 */
export class PracticePage {
	readonly page: Page;
	#cdp: CDPSession | null = null;

	constructor(page: Page) {
		this.page = page;
	}

	/** Opens the practice page and waits until the app has started. */
	async open(): Promise<void> {
		await this.page.goto('/lessons/practice');
		await waitForApp(this.page);
	}

	/** The section of one exercise (heading, choices, prompt, widget and result). */
	section(name: PracticeName): Locator {
		return this.page.getByRole('region', { name: practiceNames[name], exact: true });
	}

	/** The widget itself. */
	widget(name: PracticeName): Locator {
		return this.section(name).getByRole('group', { name: practiceNames[name], exact: true });
	}

	/** What the widget last said (its polite live region). */
	feedback(name: PracticeName): Locator {
		return this.widget(name).locator('[aria-live="polite"]');
	}

	/** The hint a widget offers after several misses. */
	hint(name: PracticeName): Locator {
		return this.feedback(name)
			.locator('p')
			.filter({ hasText: /^ヒント/ });
	}

	/** The result line the page shows once the exercise is done. */
	result(name: PracticeName): Locator {
		return this.section(name).getByText(/回目でできました/);
	}

	/** Chooses one of a section's options (direction, word, app) by its label. */
	async choose(name: PracticeName, option: string): Promise<void> {
		await this.section(name).getByRole('radio', { name: option, exact: true }).check();
	}

	/** Opens the widget's 「ボタンで練習する」 alternative. */
	async openAlternative(name: PracticeName): Promise<void> {
		await this.widget(name).getByRole('button', { name: 'ボタンで練習する' }).click();
	}

	/** The middle of an element, scrolled into view first. */
	async centreOf(locator: Locator): Promise<Point> {
		await locator.scrollIntoViewIfNeeded();
		const box = await locator.boundingBox();
		if (!box) throw new Error('the element has no box on the screen');
		return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
	}

	/** Sends raw touch events, one finger or more. */
	async #touch(type: 'touchStart' | 'touchMove' | 'touchEnd', fingers: Point[]): Promise<void> {
		this.#cdp ??= await this.page.context().newCDPSession(this.page);
		await this.#cdp.send('Input.dispatchTouchEvent', {
			type,
			touchPoints: fingers.map((finger, index) => ({ ...finger, id: index + 1 }))
		});
	}

	/** One finger down at `from`, sliding to `to` in small steps, then lifted. */
	async slide(from: Point, to: Point, steps = 10): Promise<void> {
		await this.#touch('touchStart', [from]);
		for (let step = 1; step <= steps; step += 1) {
			const at = step / steps;
			await this.#touch('touchMove', [
				{ x: from.x + (to.x - from.x) * at, y: from.y + (to.y - from.y) * at }
			]);
		}
		await this.#touch('touchEnd', []);
	}

	/** Slides a finger `by` pixels from the middle of an element. */
	async slideOn(locator: Locator, by: Point): Promise<void> {
		const from = await this.centreOf(locator);
		await this.slide(from, { x: from.x + by.x, y: from.y + by.y });
	}

	/** One finger resting on an element for `ms` milliseconds. */
	async hold(locator: Locator, ms: number): Promise<void> {
		const at = await this.centreOf(locator);
		await this.#touch('touchStart', [at]);
		await this.page.clock.runFor(ms);
		await this.#touch('touchEnd', []);
	}

	/** Two fingers on an element, `from` pixels apart, moving until they are `to` apart. */
	async pinch(locator: Locator, from: number, to: number, steps = 10): Promise<void> {
		const middle = await this.centreOf(locator);
		const fingers = (gap: number): Point[] => [
			{ x: middle.x - gap / 2, y: middle.y },
			{ x: middle.x + gap / 2, y: middle.y }
		];
		await this.#touch('touchStart', fingers(from));
		for (let step = 1; step <= steps; step += 1) {
			await this.#touch('touchMove', fingers(from + ((to - from) * step) / steps));
		}
		await this.#touch('touchEnd', []);
	}

	/** A finger sliding up the element by `distance` pixels: the browser scrolls it. */
	async scrollByFinger(locator: Locator, distance: number): Promise<void> {
		const middle = await this.centreOf(locator);
		const from = { x: middle.x, y: middle.y + distance / 2 };
		await this.slide(from, { x: from.x, y: from.y - distance });
	}

	/** A key of the flick keyboard by its label. */
	flickKey(label: string): Locator {
		return this.widget('flick').getByRole('button', { name: label, exact: true });
	}
}
