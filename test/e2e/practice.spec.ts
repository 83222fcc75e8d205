import { expect, test, waitForOfflineReady, withoutServiceWorker } from './fixtures';
import { AppFrame } from './pages/app-frame';
import { PracticePage } from './pages/practice-page';

// Every practice widget, done the way a senior at the class tablet does it (touch, with two
// fingers where the gesture needs them) and the way a keyboard user does it (keys only).
// Offline use is tested at the end only.
test.use(withoutServiceWorker);

test.describe('practice widgets by touch', () => {
	test.use({ hasTouch: true, viewport: { width: 820, height: 1180 } });

	test('tap: touches beside the circle are explained, a hint follows, then the tap counts', async ({
		page
	}) => {
		const practice = new PracticePage(page);
		await practice.open();
		const widget = practice.widget('tap');
		const area = widget.locator('.practice-area');

		// Step 1: three touches in the corner of the area, outside the circle.
		await area.scrollIntoViewIfNeeded();
		const box = await area.boundingBox();
		if (!box) throw new Error('no practice area');
		// Three corners of the area, well inside its rounded border.
		const corners = [
			{ x: box.x + 30, y: box.y + 30 },
			{ x: box.x + box.width - 30, y: box.y + 30 },
			{ x: box.x + 30, y: box.y + box.height - 30 }
		];
		for (const [index, corner] of corners.entries()) {
			const miss = index + 1;
			await page.touchscreen.tap(corner.x, corner.y);
			await expect(practice.feedback('tap')).toContainText('丸の外にふれました');
			await expect(widget).toHaveAttribute('data-attempts', String(miss));
		}
		await expect(practice.hint('tap')).toBeVisible();

		// Step 2: the real tap on the circle.
		await widget.getByRole('button', { name: 'ここをタップ' }).tap();
		await expect(practice.feedback('tap')).toContainText('今のが「タップ」です');
		await expect(practice.hint('tap')).toBeHidden();
		await expect(practice.result('tap')).toHaveText('4回目でできました。');
	});

	test('double tap: a quick pair counts; a slow pair counts with a word about speed', async ({
		page
	}) => {
		const practice = new PracticePage(page);
		await practice.open();
		const circle = practice.widget('double-tap').getByRole('button', { name: 'ここを2回タップ' });

		// Two quick taps straight on the screen (no waiting between them).
		const at = await practice.centreOf(circle);
		await page.touchscreen.tap(at.x, at.y);
		await page.touchscreen.tap(at.x, at.y);
		// Quick enough for a phone; on a heavily loaded test machine the two taps may arrive
		// more than 0.7 s apart, which is still a double tap (the slow kind).
		await expect(practice.feedback('double-tap')).toContainText(
			/今のが「ダブルタップ」です|2回タップできました/
		);
		await expect(practice.result('double-tap')).toHaveText('1回目でできました。');

		// Again, slowly: about a second between the taps is still a double tap.
		await practice.section('double-tap').getByRole('button', { name: 'もう一度練習する' }).click();
		// Measured again: starting over moves focus to the heading, which may scroll the page.
		const again = await practice.centreOf(circle);
		await page.touchscreen.tap(again.x, again.y);
		await expect(practice.feedback('double-tap')).toContainText('1回タップしました');
		await page.waitForTimeout(1000);
		await page.touchscreen.tap(again.x, again.y);
		await expect(practice.feedback('double-tap')).toContainText('もう少し続けて');
		await expect(practice.result('double-tap')).toHaveText('1回目でできました。');
	});

	test('double tap: taps far apart are two single taps, counted as a miss', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const circle = practice.widget('double-tap').getByRole('button', { name: 'ここを2回タップ' });

		await circle.tap();
		await page.waitForTimeout(2300);
		await circle.tap();
		await expect(practice.feedback('double-tap')).toContainText('はなれたタップ');
		await circle.tap();
		await expect(practice.result('double-tap')).toHaveText('2回目でできました。');
	});

	test('long press: letting go early is explained; holding until the ring fills counts', async ({
		page
	}) => {
		// The page's clock moves only when the test says, so a busy machine cannot turn a short
		// press into a long one (hold() advances it).
		await page.clock.install();
		const practice = new PracticePage(page);
		await practice.open();
		await page.clock.pauseAt(Date.now() + 1000);
		const circle = practice.widget('long-press').getByRole('button', { name: 'ここを長押し' });

		await practice.hold(circle, 200);
		await expect(practice.feedback('long-press')).toContainText('指がはなれました');
		await practice.hold(circle, 1300);
		await expect(practice.feedback('long-press')).toContainText('今のが「長押し」です');
		await expect(practice.result('long-press')).toHaveText('2回目でできました。');
	});

	test('swipe: the wrong way is named, the asked way counts', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		await practice.choose('swipe', '左');
		const card = practice.widget('swipe').getByRole('button', { name: /カードを左へ/ });

		await practice.slideOn(card, { x: 120, y: 0 });
		await expect(practice.feedback('swipe')).toContainText(
			'右へ動きました。左へ動かしてみましょう'
		);
		await practice.slideOn(card, { x: 5, y: 0 });
		await expect(practice.feedback('swipe')).toContainText('指があまり動きませんでした');
		await practice.slideOn(card, { x: -120, y: 10 });
		await expect(practice.feedback('swipe')).toContainText('左へスワイプできました');
		await expect(practice.result('swipe')).toHaveText('3回目でできました。');
	});

	test('swipe up and down work too', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		for (const [direction, dy] of [
			['上', -120],
			['下', 120]
		] as const) {
			await practice.choose('swipe', direction);
			const card = practice.widget('swipe').getByRole('button', { name: /カードを/ });
			await practice.slideOn(card, { x: 0, y: dy });
			await expect(practice.feedback('swipe')).toContainText(`${direction}へスワイプできました`);
		}
	});

	test('scroll to find: the item is out of sight until the finger scrolls the list', async ({
		page
	}) => {
		const practice = new PracticePage(page);
		await practice.open();
		const widget = practice.widget('scroll-find');
		const list = widget.getByRole('list');
		const pumpkin = widget.getByRole('button', { name: 'かぼちゃ' });

		// Step 1: a wrong item first.
		await widget.getByRole('button', { name: 'みかん' }).tap();
		await expect(practice.feedback('scroll-find')).toContainText(
			'「かぼちゃ」はもっと下にあります'
		);

		// Step 2: かぼちゃ is below the list's visible part; a finger scroll brings it up.
		// Where かぼちゃ is against the list's visible part: below (+1), above (-1) or in view (0).
		const whereIsIt = async () => {
			const [item, box] = [await pumpkin.boundingBox(), await list.boundingBox()];
			if (!item || !box) throw new Error('no box');
			if (item.y + item.height > box.y + box.height) return 1;
			return item.y < box.y ? -1 : 0;
		};
		expect(await whereIsIt()).toBe(1);
		for (let tries = 0; tries < 20 && (await whereIsIt()) !== 0; tries += 1) {
			await practice.scrollByFinger(list, 200 * (await whereIsIt()));
			// A finger's fling glides on: measure once the list has come to rest, rather than after
			// a fixed pause that a loaded machine can outlast.
			await list.evaluate(
				(element) =>
					new Promise<void>((done) => {
						let last = element.scrollTop;
						let still = 0;
						const look = () => {
							still = element.scrollTop === last ? still + 1 : 0;
							last = element.scrollTop;
							if (still >= 6) done();
							else requestAnimationFrame(look);
						};
						requestAnimationFrame(look);
					})
			);
		}
		expect(await whereIsIt()).toBe(0);
		const box = await pumpkin.boundingBox();
		if (!box) throw new Error('no box');
		await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
		await expect(practice.feedback('scroll-find')).toContainText('「かぼちゃ」を見つけました');
		await expect(practice.result('scroll-find')).toHaveText('2回目でできました。');
	});

	test('pinch-zoom: one finger is explained; two fingers spreading enlarge the picture', async ({
		page
	}) => {
		const practice = new PracticePage(page);
		await practice.open();
		const picture = practice.widget('pinch-zoom').locator('.practice-area');

		await practice.slideOn(picture, { x: 80, y: 0 });
		await expect(practice.feedback('pinch-zoom')).toContainText('1本の指で動かしました');

		// Pinching in makes it no bigger and is explained.
		await practice.pinch(picture, 200, 80);
		await expect(practice.feedback('pinch-zoom')).toContainText('2本の指を近づけると小さく');

		// Two spreads that add up: 60 → 100 (×1.67), then 60 → 100 again (×2.78).
		await practice.pinch(picture, 60, 100);
		await expect(practice.feedback('pinch-zoom')).toContainText('大きくなってきました');
		await expect(practice.widget('pinch-zoom')).toContainText('いまの大きさ：1.7倍');
		await practice.pinch(picture, 60, 100);
		await expect(practice.feedback('pinch-zoom')).toContainText('てんとう虫がよく見えます');
		await expect(practice.result('pinch-zoom')).toHaveText('3回目でできました。');
	});

	test('drag: a tap on the apple is explained; dragging it into the basket counts', async ({
		page
	}) => {
		const practice = new PracticePage(page);
		await practice.open();
		const widget = practice.widget('drag');
		const apple = widget.getByRole('button', { name: 'りんご' });
		const basket = widget.getByRole('button', { name: 'かご' });

		await apple.tap();
		await expect(practice.feedback('drag')).toContainText('指がすぐにはなれました');
		await practice.slideOn(apple, { x: 0, y: 60 });
		await expect(practice.feedback('drag')).toContainText('かごの外で指をはなしました');

		const from = await practice.centreOf(apple);
		const to = await practice.centreOf(basket);
		await practice.slide(from, to, 15);
		await expect(practice.feedback('drag')).toContainText('りんごがかごに入りました');
		await expect(practice.result('drag')).toHaveText('3回目でできました。');
	});

	test('flick keyboard: ありがとう by taps, flicks and 小゛゜', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const field = practice.widget('flick').getByLabel('入力した文字');
		const flick = (label: string, by: { x: number; y: number }) =>
			practice.slideOn(practice.flickKey(label), by);

		await practice.flickKey('あ').tap();
		await expect(field).toHaveValue('あ');
		await flick('ら', { x: -50, y: 0 });
		await expect(field).toHaveValue('あり');
		await practice.flickKey('か').tap();
		await practice.flickKey('小゛゜').tap();
		await expect(field).toHaveValue('ありが');
		await flick('た', { x: 0, y: 50 });
		await expect(field).toHaveValue('ありがと');
		await flick('あ', { x: 0, y: -50 });
		await expect(practice.feedback('flick')).toContainText('「ありがとう」と入力できました');
		await expect(practice.result('flick')).toHaveText('1回目でできました。');
	});

	test('flick keyboard: a wrong letter is a miss, and the hint names the key and the way', async ({
		page
	}) => {
		const practice = new PracticePage(page);
		await practice.open();
		await practice.choose('flick', 'でんわ');
		const field = practice.widget('flick').getByLabel('入力した文字');

		// Three slips: keys that cannot give で, each deleted again.
		for (const label of ['さ', 'な', 'ま']) {
			await practice.flickKey(label).tap();
			await expect(practice.feedback('flick')).toContainText('ちがう字です');
			await practice.flickKey('消す').tap();
		}
		await expect(practice.hint('flick')).toContainText('「で」は、「た」のキーを右へはらいます');
		await expect(practice.hint('flick')).toContainText('「小゛゜」を1回押します');

		// Tapping a key again cycles its letters: た → ち → つ → て, then 小゛゜.
		for (let press = 0; press < 4; press += 1) await practice.flickKey('た').tap();
		await expect(field).toHaveValue('て');
		await practice.flickKey('小゛゜').tap();
		await practice.slideOn(practice.flickKey('わ'), { x: 0, y: -50 });
		await practice.flickKey('わ').tap();
		await expect(field).toHaveValue('でんわ');
		await expect(practice.result('flick')).toHaveText('4回目でできました。');
	});

	test('find the button: another app is named, the asked one counts', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		await practice.choose('find-button', '地図');
		const widget = practice.widget('find-button');
		await expect(widget).toContainText('「地図」をさがして');

		await widget.getByRole('button', { name: '時計' }).tap();
		await expect(practice.feedback('find-button')).toContainText('「時計」を押しました');
		await widget.getByRole('button', { name: '地図' }).tap();
		await expect(practice.feedback('find-button')).toContainText('「地図」を見つけました');
		await expect(practice.result('find-button')).toHaveText('2回目でできました。');
	});
});

test.describe('the flick keyboard on a phone at 最大 text', () => {
	test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

	test('every key’s label fits inside it, and words about the Enter key wait for a keyboard', async ({
		page
	}) => {
		const practice = new PracticePage(page);
		await practice.open();
		await new AppFrame(page).setTextSize(200);
		const keys = practice.widget('flick').locator('.flick-key');
		await expect(keys).toHaveCount(14);
		const enterWords = practice.section('flick').getByText(/キーボードでは、キーを選んで Enter/);

		// Each label (「小゛゜」, 「次の字」, 「、。?!」 …) lies within its key, none cut off.
		const outside = await keys.evaluateAll((buttons) =>
			buttons.flatMap((button) => {
				const key = button.getBoundingClientRect();
				return [...button.querySelectorAll('span')]
					.filter((label) => {
						const box = label.getBoundingClientRect();
						const within =
							box.left >= key.left - 0.5 &&
							box.right <= key.right + 0.5 &&
							box.top >= key.top - 0.5 &&
							box.bottom <= key.bottom + 0.5;
						return !within || label.scrollWidth > label.clientWidth + 0.5;
					})
					.map((label) => label.textContent);
			})
		);
		expect(outside).toEqual([]);

		// A finger needs no words about keys; a key pressed brings them.
		await expect(enterWords).toHaveCount(0);
		await practice.flickKey('あ').focus();
		await page.keyboard.press('Enter');
		await expect(enterWords).toBeVisible();
	});
});

test.describe('practice widgets by mouse', () => {
	test('swipe, drag and flick with a mouse held down', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const press = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
			await page.mouse.move(from.x, from.y);
			await page.mouse.down();
			await page.mouse.move(to.x, to.y, { steps: 10 });
			await page.mouse.up();
		};

		const card = practice.widget('swipe').getByRole('button', { name: /カードを右へ/ });
		const start = await practice.centreOf(card);
		await press(start, { x: start.x + 120, y: start.y });
		await expect(practice.result('swipe')).toHaveText('1回目でできました。');

		const widget = practice.widget('drag');
		const apple = await practice.centreOf(widget.getByRole('button', { name: 'りんご' }));
		const basket = await practice.centreOf(widget.getByRole('button', { name: 'かご' }));
		await press(apple, basket);
		await expect(practice.result('drag')).toHaveText('1回目でできました。');

		await practice.choose('flick', 'でんわ');
		const ta = await practice.centreOf(practice.flickKey('た'));
		await press(ta, { x: ta.x + 40, y: ta.y });
		await expect(practice.widget('flick').getByLabel('入力した文字')).toHaveValue('て');
	});
});

test.describe('practice widgets by keyboard only', () => {
	test('tap, double tap and long press with Enter', async ({ page }) => {
		// Time moves only when the test says (see the long press by touch).
		await page.clock.install();
		const practice = new PracticePage(page);
		await practice.open();
		await page.clock.pauseAt(Date.now() + 1000);

		await practice.widget('tap').getByRole('button', { name: 'ここをタップ' }).focus();
		await page.keyboard.press('Enter');
		await expect(practice.result('tap')).toContainText('1回目でできました。');
		await expect(practice.section('tap')).toContainText('ボタンやキーを使ってできました');

		await practice.widget('double-tap').getByRole('button', { name: 'ここを2回タップ' }).focus();
		await page.keyboard.press('Enter');
		await expect(practice.feedback('double-tap')).toContainText('1回タップしました');
		await page.keyboard.press('Enter');
		await expect(practice.result('double-tap')).toContainText('1回目でできました。');

		await practice.widget('long-press').getByRole('button', { name: 'ここを長押し' }).focus();
		await page.keyboard.down('Enter');
		await page.clock.runFor(300);
		await page.keyboard.up('Enter');
		await expect(practice.feedback('long-press')).toContainText('指がはなれました');
		await page.keyboard.down('Space');
		await page.clock.runFor(1300);
		await page.keyboard.up('Space');
		await expect(practice.result('long-press')).toContainText('2回目でできました。');
	});

	test('swipe with the arrow keys, and with the buttons alternative', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const card = practice.widget('swipe').getByRole('button', { name: /カードを右へ/ });

		await card.focus();
		await page.keyboard.press('ArrowLeft');
		await expect(practice.feedback('swipe')).toContainText(
			'左へ動きました。右へ動かしてみましょう'
		);
		await page.keyboard.press('ArrowRight');
		await expect(practice.result('swipe')).toContainText('2回目でできました。');

		// The same with the 「ボタンで練習する」 buttons, reached by Tab.
		await practice
			.section('swipe')
			.getByRole('button', { name: 'もう一度練習する' })
			.press('Enter');
		await practice.widget('swipe').getByRole('button', { name: 'ボタンで練習する' }).press('Enter');
		await page.keyboard.press('Tab');
		await expect(page.locator(':focus')).toHaveText(/左へ/);
		for (let press = 0; press < 3; press += 1) await page.keyboard.press('Tab');
		await expect(page.locator(':focus')).toHaveText(/右へ/);
		await page.keyboard.press('Enter');
		await expect(practice.result('swipe')).toContainText('1回目でできました。');
	});

	test('scroll to find by Tab through the list', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const widget = practice.widget('scroll-find');
		await widget.getByRole('button', { name: 'りんご' }).focus();
		for (let press = 0; press < 40; press += 1) {
			if ((await page.locator(':focus').textContent())?.trim() === 'かぼちゃ') break;
			await page.keyboard.press('Tab');
		}
		await expect(widget.getByRole('button', { name: 'かぼちゃ' })).toBeFocused();
		await expect(widget.getByRole('button', { name: 'かぼちゃ' })).toBeInViewport();
		await page.keyboard.press('Enter');
		await expect(practice.result('scroll-find')).toContainText('1回目でできました。');
	});

	test('pinch-zoom with the 大きくする button', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		await practice
			.widget('pinch-zoom')
			.getByRole('button', { name: 'ボタンで練習する' })
			.press('Enter');
		const bigger = practice.widget('pinch-zoom').getByRole('button', { name: /大きくする/ });
		await bigger.press('Enter');
		await expect(practice.widget('pinch-zoom')).toContainText('いまの大きさ：1.5倍');
		await bigger.press('Enter');
		await expect(practice.feedback('pinch-zoom')).toContainText('てんとう虫がよく見えます');
		await expect(practice.result('pinch-zoom')).toContainText('1回目でできました。');
	});

	test('drag without dragging: choose the apple, then the basket', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const widget = practice.widget('drag');
		await widget.getByRole('button', { name: 'かご' }).press('Enter');
		await expect(practice.feedback('drag')).toContainText('先にりんごを選びます');
		await widget.getByRole('button', { name: 'りんご' }).press('Enter');
		await expect(widget.getByRole('button', { name: 'りんご' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await page.keyboard.press('Tab');
		await expect(widget.getByRole('button', { name: 'かご' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(practice.result('drag')).toContainText('1回目でできました。');
	});

	test('flick keyboard with Enter and the arrow keys on the keys', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const field = practice.widget('flick').getByLabel('入力した文字');

		await practice.flickKey('あ').press('Enter');
		await practice.flickKey('ら').press('ArrowLeft');
		await practice.flickKey('か').press('Enter');
		await practice.flickKey('小゛゜').press('Enter');
		await practice.flickKey('た').press('ArrowDown');
		await expect(field).toHaveValue('ありがと');
		await practice.flickKey('あ').press('ArrowUp');
		await expect(practice.result('flick')).toContainText('1回目でできました。');
		await expect(practice.section('flick')).toContainText('ボタンやキーを使ってできました');
	});

	test('flick keyboard with a physical keyboard in the text field', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const field = practice.widget('flick').getByLabel('入力した文字');
		await field.focus();
		await page.keyboard.insertText('あれ');
		await expect(practice.feedback('flick')).toContainText('ちがう字です');
		await page.keyboard.press('Backspace');
		await page.keyboard.insertText('りがとう');
		await expect(practice.result('flick')).toContainText('2回目でできました。');
	});

	test('find the button with Tab and Enter', async ({ page }) => {
		const practice = new PracticePage(page);
		await practice.open();
		const widget = practice.widget('find-button');
		await widget.getByRole('button', { name: '時計' }).press('Enter');
		await expect(practice.feedback('find-button')).toContainText('「時計」を押しました');
		await widget.getByRole('button', { name: 'カメラ' }).press('Enter');
		await expect(practice.result('find-button')).toContainText('2回目でできました。');
	});
});

test('the page with hints, results and every alternative open passes axe', async ({
	page,
	axe
}) => {
	const practice = new PracticePage(page);
	await practice.open();
	for (const name of ['swipe', 'scroll-find', 'pinch-zoom', 'drag'] as const) {
		await practice.openAlternative(name);
	}
	const apps = practice.widget('find-button');
	for (const app of ['時計', '天気', 'メモ']) await apps.getByRole('button', { name: app }).click();
	await expect(practice.hint('find-button')).toBeVisible();
	await practice.widget('tap').getByRole('button', { name: 'ここをタップ' }).click();
	await expect(practice.result('tap')).toBeVisible();
	await axe(page);
});

test.describe('practice page offline', () => {
	test.use({ serviceWorkers: 'allow' });

	test('the practice page works with the server stopped after a first visit', async ({
		page,
		server
	}) => {
		// Step 1: the first visit saves the app for offline use.
		const practice = new PracticePage(page);
		await practice.open();
		await waitForOfflineReady(page);

		// Step 2: no network at the hall; the page opens and a widget still answers.
		await server.stop();
		await practice.open();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('れんしゅう広場');
		await practice.widget('find-button').getByRole('button', { name: 'カメラ' }).click();
		await expect(practice.result('find-button')).toHaveText('1回目でできました。');
	});
});
