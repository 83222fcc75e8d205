import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test, withoutServiceWorker } from './fixtures';
import { AppFrame, waitForApp } from './pages/app-frame';
import { VolunteerDesk } from './pages/volunteer-desk';
import { testAdmin } from './server';

// A volunteer gets a class ready for residents without smartphones: a sign-up sheet to leave at
// the help desk, a poster whose short link can be read out on the telephone, and the lesson's
// handout to give out in class. Each is checked as Chromium prints it, and saved as a PDF in
// .test-out/paper/ to be looked at.

test.use({ ...withoutServiceWorker, viewport: { width: 820, height: 1180 } });

const out = '.test-out/paper';

/** The printed page as Chromium's print makes it (A4, as the page's own @page asks). */
async function printToPdf(page: Page, name: string): Promise<{ pages: number; size: number[] }> {
	// page.pdf() prints with the print styles unless the page emulates another medium.
	await page.emulateMedia({ media: null });
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
	mkdirSync(out, { recursive: true });
	writeFileSync(`${out}/${name}.pdf`, pdf);
	const text = pdf.toString('latin1');
	const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
	return {
		pages: text.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0,
		size: box ? [Math.round(Number(box[1])), Math.round(Number(box[2]))] : []
	};
}

/** A4 in PDF points (210 × 297 mm). */
const a4 = [595, 842];

test('a volunteer prints the sign-up sheet, the poster and a lesson handout', async ({
	api,
	page,
	axe
}) => {
	const title = `紙の申し込み ${randomUUID().slice(0, 6)}`;
	const classId = await api.publishClass({ title, capacity: 6, lessonIds: ['first-touch'] });
	await api.signUpSomeoneElse(classId, '山田 花子');
	await api.signUpSomeoneElse(classId, '佐藤 一郎');

	// Step 1: from the class's page, the sign-up sheet: 4 free seats and 3 rows to wait in.
	const desk = new VolunteerDesk(page);
	await desk.logIn(testAdmin);
	await desk.openClass(classId);
	await page.getByRole('link', { name: '申込用紙を印刷する' }).click();
	await expect(page).toHaveURL(new RegExp(`/volunteer/signup-sheet\\?id=${classId}$`));
	await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
	const hint = page.getByTestId('sheet-hint');
	await expect(hint).toContainText('電話で受けた申し込みを入れる');
	await expect(hint.getByRole('link', { name: '教室のページを開く' })).toHaveAttribute(
		'href',
		`/volunteer/class?id=${classId}`
	);
	await axe(page);

	await page.emulateMedia({ media: 'print' });
	await expect(hint).toBeHidden();
	await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
	await expect(page.getByRole('heading', { name: '申し込み（空き 4席）' })).toBeVisible();
	const seats = page.getByTestId('sheet-seats-table');
	for (const column of [
		'お名前',
		'ふりがな',
		'電話番号',
		'Android',
		'iPhone',
		'なし',
		'貸し出しタブレット'
	]) {
		await expect(seats.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
	}
	await expect(seats.locator('tbody tr')).toHaveCount(4);
	const waiting = page.getByTestId('sheet-waiting-table');
	await expect(waiting.locator('tbody tr')).toHaveCount(3);
	// The waiting list goes on numbering after the seats.
	await expect(waiting.getByRole('rowheader').first()).toHaveText('5');
	const sheet = await printToPdf(page, 'signup-sheet');
	expect.soft(sheet.size).toEqual(a4);
	await page.emulateMedia({ media: null });

	// Step 2: the poster gives the short link large, and letter by letter for the telephone.
	await page.getByRole('link', { name: 'ポスターを印刷' }).click();
	await expect(page).toHaveURL(new RegExp(`/volunteer/poster\\?id=${classId}$`));
	const address = page.getByTestId('poster-address');
	await expect(address).toHaveText(/\/c\/[a-z0-9]{5}$/);
	const path = /\/c\/[a-z0-9]{5}$/.exec((await address.textContent()) ?? '')![0];
	const spelled = page.getByTestId('poster-spelled').getByRole('listitem');
	await expect(spelled).toHaveCount(path.length);
	await expect(spelled.nth(0)).toHaveText('/ スラッシュ');
	await expect(spelled.nth(1)).toHaveText('c シー');
	await axe(page);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByText('電話で伝えるときは、こう読みます')).toBeVisible();
	await expect(page.getByText(path, { exact: true })).toBeVisible();
	const poster = await printToPdf(page, 'poster');
	expect.soft(poster).toEqual({ pages: 1, size: a4 });
	await page.emulateMedia({ media: null });

	// Step 3: the class's lesson as a handout. By default one sheet: each step's title, picture
	// and first sentence, no phone's own instructions, no practice widget, the help desk.
	await desk.openClass(classId);
	await page.getByRole('link', { name: /^印刷用\s*（はじめての画面タッチ）$/ }).click();
	await expect(page).toHaveURL(/\/lessons\/handout\?id=first-touch$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('はじめての画面タッチ');
	const kind = page.getByRole('group', { name: '印刷する内容' });
	await expect(kind.getByRole('radio', { name: /1枚にまとめる/ })).toBeChecked();
	await axe(page);
	await page.emulateMedia({ media: 'print' });
	const steps = page.locator('.handout .steps > li');
	await expect(steps).toHaveCount(4);
	await expect(
		page.getByRole('heading', { level: 2, name: '1 スマートフォンを持つ' })
	).toBeVisible();
	await expect(page.getByRole('img', { name: /左手でスマートフォンを持ち/ })).toBeVisible();
	await expect(steps.nth(0)).toContainText('左手でスマートフォンを持ちます。');
	await expect(steps.nth(0)).not.toContainText('人差し指を使います');
	await expect(page.getByText('サイドボタン')).toHaveCount(0);
	await expect(page.getByText('下の丸をタップしてみましょう。')).toHaveCount(0);
	await expect(page.getByText('わからないときは、お気軽にご相談ください')).toBeVisible();
	await expect(page.getByText('くわしい説明はアプリのレッスンにあります')).toBeVisible();
	await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
	const handout = await printToPdf(page, 'handout-ja');
	expect.soft(handout).toEqual({ pages: 1, size: a4 });
	await page.emulateMedia({ media: null });

	// The detailed handout on request: every step's whole text and both phones' instructions.
	await kind.getByRole('radio', { name: /くわしい説明をすべて/ }).check();
	await expect(steps.nth(0)).toContainText('人差し指を使います');
	await expect(page.getByText(/サイドボタン/)).toBeVisible();
	await expect(page.getByText('下の丸をタップしてみましょう。')).toHaveCount(0);
	await expect(page.getByText('くわしい説明はアプリのレッスンにあります')).toHaveCount(0);
	await axe(page);
	expect.soft(await printToPdf(page, 'handout-ja-full')).toEqual({ pages: 1, size: a4 });
	await page.emulateMedia({ media: null });
	await kind.getByRole('radio', { name: /1枚にまとめる/ }).check();

	// Step 4: in the reader's language: English, then やさしい日本語 with furigana.
	const frame = new AppFrame(page);
	await frame.chooseLanguage('English');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Touching the screen for the first time'
	);
	await expect(page.getByText('If anything is unclear, ask us')).toBeVisible();
	await printToPdf(page, 'handout-en');
	// The lesson's own page links to its handout.
	await page.goto('/lessons/first-touch');
	await waitForApp(page);
	await expect(page.getByRole('link', { name: 'Print version' })).toHaveAttribute(
		'href',
		'/lessons/handout?id=first-touch'
	);

	await page.goto('/settings');
	await waitForApp(page);
	await page.getByRole('main').getByRole('radio', { name: 'やさしい日本語', exact: true }).check();
	await page.goto('/lessons/handout?id=first-touch');
	await waitForApp(page);
	await expect(page.locator('h1 ruby rt')).toHaveText(['がめん']);
	await printToPdf(page, 'handout-ja-easy');
});
