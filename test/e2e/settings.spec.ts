import type { Page } from '@playwright/test';
import { expect, test, withoutServiceWorker } from './fixtures';
import { AppFrame, openBeforeAppStarts, waitForApp } from './pages/app-frame';
import { HomePage } from './pages/home-page';
import { LessonPlayer } from './pages/lesson-pages';

/** The text in <main> that has kanji but no reading over it. */
function kanjiOutsideRuby(page: Page): Promise<string[]> {
	return page.locator('main').evaluate((main) => {
		const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
		const bare: string[] = [];
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.nodeValue ?? '';
			if (/\p{Script=Han}/u.test(text) && !node.parentElement?.closest('ruby')) bare.push(text);
		}
		return bare;
	});
}

test.describe('display settings', () => {
	test.use(withoutServiceWorker);

	test('on a slow phone, a size and language tapped before the page has started are kept', async ({
		page
	}) => {
		// A senior opens 「表示の設定」 on an old phone and taps 最大 while the page still arrives.
		await page.setViewportSize({ width: 390, height: 844 });
		const start = await openBeforeAppStarts(page, '/settings');
		const main = page.getByRole('main');
		await main.getByRole('radio', { name: '最大', exact: true }).check();
		await main.getByRole('radio', { name: 'やさしい日本語', exact: true }).check();

		// Once it starts, the page is at 最大 in やさしい日本語, and stays so on her next visit.
		await start();
		// (Each language's name is written in itself; the sizes' names change with the language.)
		await expect(page.locator('html')).toHaveAttribute('data-text-size', '200');
		await expect(main.getByRole('radio', { name: 'やさしい日本語', exact: true })).toBeChecked();
		await page.reload();
		await waitForApp(page);
		await expect(page.locator('html')).toHaveAttribute('data-text-size', '200');
		await expect(main.getByRole('radio', { name: 'やさしい日本語', exact: true })).toBeChecked();
	});

	test('survive a reload and apply before the first paint', async ({ page }) => {
		const home = new HomePage(page);
		await home.open();

		// Step 1: the senior makes text largest, turns on high contrast and furigana.
		await home.frame.setTextSize(200);
		await home.frame.toggle('くっきり表示');
		await home.frame.toggle('ふりがな');
		const fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

		// Step 2: record the <html> attributes at the moment <body> first exists, and the font
		// size in the first animation frame (which runs just before the first paint, once the
		// stylesheet has loaded), then reload.
		await page.addInitScript(() => {
			const record = window as unknown as { atFirstPaint: Record<string, string | undefined> };
			new MutationObserver((_, observer) => {
				if (!document.body) return;
				observer.disconnect();
				const root = document.documentElement;
				record.atFirstPaint = { textSize: root.dataset.textSize, contrast: root.dataset.contrast };
				requestAnimationFrame(() => {
					record.atFirstPaint.fontSize = getComputedStyle(root).fontSize;
				});
			}).observe(document, { childList: true, subtree: true });
		});
		await page.reload();
		await waitForApp(page);

		const atFirstPaint = await page.evaluate(
			() => (window as unknown as { atFirstPaint: object }).atFirstPaint
		);
		expect(atFirstPaint).toEqual({ textSize: '200', contrast: 'high', fontSize });
		expect(Number.parseFloat(fontSize)).toBeGreaterThanOrEqual(36);
		await home.frame.openDisplayControls();
		await expect(home.frame.displayPanel.getByRole('button', { name: 'ふりがな' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(home.frame.displayPanel.getByRole('radio', { name: '最大' })).toBeChecked();
	});

	test('switches the language, and <html lang> follows', async ({ page }) => {
		const home = new HomePage(page);
		await home.open();
		await home.frame.chooseLanguage('English');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Smartphone help');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');

		await page.reload();
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Smartphone help');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});

	test('easy Japanese shows furigana as ruby', async ({ page }) => {
		const home = new HomePage(page);
		await home.open();
		await home.frame.chooseLanguage('やさしい日本語');
		await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
		await expect(page.locator('html')).toHaveAttribute('data-furigana', 'on');
		const reading = page.locator('main ruby rt').first();
		await expect(reading).toBeVisible();
	});

	test('日本語 shows a reading over every kanji only while furigana is on', async ({ page }) => {
		const home = new HomePage(page);
		const player = new LessonPlayer(page);
		const readings = page.locator('main ruby rt');
		await home.open();

		// Step 1: furigana off: the home page is plain text, with no ruby at all.
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.locator('main ruby')).toHaveCount(0);

		// Step 2: the senior turns furigana on: the kanji of the home page get their readings.
		await home.frame.toggle('ふりがな');
		await expect(readings.first()).toBeVisible();
		expect(await kanjiOutsideRuby(page)).toEqual([]);

		// Step 3: a lesson in 日本語 has them too, from the build.
		await player.open('power-screen');
		await expect(player.stepHeading.locator('ruby rt').first()).toBeVisible();
		expect(await kanjiOutsideRuby(page)).toEqual([]);

		// Step 4: furigana off again: plain text once more.
		await home.frame.toggle('ふりがな');
		await expect(page.locator('main ruby')).toHaveCount(0);
		await expect(player.stepHeading).toHaveText('横のボタンを見つける');
	});

	test('the settings page explains each control and shares their state', async ({ page }) => {
		await page.goto('/settings');
		await waitForApp(page);
		const frame = new AppFrame(page);
		const main = page.getByRole('main');
		await main.getByRole('radio', { name: '特大' }).check();
		await expect(page.locator('html')).toHaveAttribute('data-text-size', '150');
		await frame.openDisplayControls();
		await expect(frame.displayPanel.getByRole('radio', { name: '特大' })).toBeChecked();
		await expect(main.getByText('黒い背景に白と黄色の文字')).toBeVisible();
	});

	test('read-aloud adds a button that reads the page only when pressed', async ({ page }) => {
		// Record what would be spoken instead of playing sound.
		await page.addInitScript(() => {
			const spoken: string[] = [];
			(window as unknown as { spoken: string[] }).spoken = spoken;
			speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
				spoken.push(`${utterance.lang}:${utterance.text}`);
			};
			// A phone with a Japanese voice (headless Chromium has none). A real utterance takes
			// only a real voice, so the utterance is a plain record too.
			const voice = { lang: 'ja-JP', name: '日本語', default: true, localService: true };
			speechSynthesis.getVoices = () => [voice as SpeechSynthesisVoice];
			window.SpeechSynthesisUtterance = class {
				lang = '';
				constructor(readonly text: string) {}
			} as unknown as typeof SpeechSynthesisUtterance;
		});
		const home = new HomePage(page);
		await home.open();
		const readButton = page.getByRole('button', { name: 'このページを読み上げる' });
		await expect(readButton).toHaveCount(0);
		await home.frame.toggle('読み上げ');
		await expect(readButton).toBeVisible();
		expect(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toEqual(
			[]
		);
		await readButton.click();
		const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
		expect(spoken).toHaveLength(1);
		expect(spoken[0]).toMatch(/^ja-JP:.*スマホのおてつだい/);
		await expect(page.getByText('この機械では読み上げが使えません。')).toHaveCount(0);
	});

	test('where the device has no Japanese voice, the button says so in words', async ({ page }) => {
		// A browser with speech but no voice data: it lists English voices only, or none at all.
		await page.addInitScript(() => {
			const english = { lang: 'en-US', name: 'English', default: true, localService: true };
			speechSynthesis.getVoices = () => [english as SpeechSynthesisVoice];
			speechSynthesis.speak = () => {};
		});
		const home = new HomePage(page);
		await home.open();
		await home.frame.toggle('読み上げ');
		await page.getByRole('button', { name: 'このページを読み上げる' }).click();
		const problem = page.locator('.read-aloud [aria-live="polite"]');
		await expect(problem).toContainText('この機械では読み上げが使えません。');
		await expect(problem).toContainText('日本語の読み上げの声を入れて');
		await expect(page.getByRole('button', { name: 'このページを読み上げる' })).toBeVisible();
	});
});
