import { randomUUID } from 'node:crypto';
import type { Locator } from '@playwright/test';
import { expect, test, waitForOfflineReady } from './fixtures';
import { AppFrame, waitForApp } from './pages/app-frame';
import { VolunteerDesk } from './pages/volunteer-desk';
import { testAdmin } from './server';

const hall = 'みどり町中央公民館 2階 研修室';

/** The day `days` from now in Japan, as the date field takes it (YYYY-MM-DD). */
function japanDay(days: number): string {
	return new Date(Date.now() + 9 * 60 * 60 * 1000 + days * 24 * 60 * 60 * 1000)
		.toISOString()
		.slice(0, 10);
}

/** The readings drawn over a text: each `<rt>`, in order. */
const readingsOf = (where: Locator) => where.locator('ruby rt').allTextContents();

test.describe('readings of what volunteers type', () => {
	test('a volunteer checks the proposed よみがな of a new class; residents see them as furigana, offline too', async ({
		page,
		context,
		server,
		axe
	}) => {
		// The class title says 上達 (じょうたつ): the reviewed list knows 写真 and 上 (as うえ,
		// wrong here) but not 達.
		const suffix = randomUUID().slice(0, 6);
		const title = `写真の上達 ${suffix}`;
		const desk = new VolunteerDesk(page);
		await desk.logIn(testAdmin);
		await page.goto('/volunteer/edit');
		await waitForApp(page);
		await desk.fillClassForm({
			title,
			venue: hall,
			date: japanDay(12),
			start: '10:00',
			end: '11:30',
			capacity: '6'
		});

		// Step 1: the form proposes a reading for each kanji it knows, and says which it does not.
		const form = page.getByRole('main');
		const readings = form.getByRole('group', { name: '教室の名前のよみがな' });
		await expect(readings.getByLabel('「写真」の読み')).toHaveValue('しゃしん');
		await expect(readings.getByLabel('「上」の読み')).toHaveValue('うえ');
		const unknown = readings.getByLabel('「達」の読み');
		await expect(unknown).toHaveValue('');
		await expect(unknown).toHaveAccessibleDescription(/読みが分かりません/);
		await axe(page);

		// Step 2: a reading that is not kana is refused, in words, before anything is saved.
		await unknown.fill('tatsu');
		await form.getByRole('button', { name: '教室を作る' }).click();
		const summary = form.getByRole('alert');
		await expect(summary.getByRole('link', { name: '教室の名前のよみがな' })).toBeVisible();
		await expect(readings).toContainText('ふりがなは、ひらがなかカタカナで入力してください。');
		await expect(page).toHaveURL(/\/volunteer\/edit/);

		// Step 3: the volunteer corrects 上 and fills in 達, and saves.
		await readings.getByLabel('「上」の読み').fill('じょう');
		await unknown.fill('たつ');
		await form.getByRole('button', { name: '教室を作る' }).click();
		await page.waitForURL(/\/volunteer\/class\?id=/);
		const classId = desk.classId();
		await desk.waitUntilSent();

		// The server keeps the readings beside the title, as the volunteer left them.
		const { classes } = (await (await page.request.get('/api/classes')).json()) as {
			classes: Array<{ id: string; titleReadings?: Array<[string, string]> }>;
		};
		expect(classes.find((klass) => klass.id === classId)?.titleReadings).toEqual([
			['写真', 'しゃしん'],
			['上', 'じょう'],
			['達', 'たつ']
		]);

		// Step 4: a resident with ふりがな on sees them over the title on /classes, and the
		// venue's (the demo town's) too.
		await page.goto('/classes');
		await waitForApp(page);
		const card = page.locator('.class-card', { hasText: suffix });
		await expect(card).toBeVisible();
		await expect(card.locator('ruby')).toHaveCount(0);
		await new AppFrame(page).toggle('ふりがな');
		const heading = card.getByRole('heading', { level: 2 });
		await expect.poll(() => readingsOf(heading)).toEqual(['しゃしん', 'じょう', 'たつ']);
		await expect.poll(() => readingsOf(card.locator('dd').nth(1))).toContain('こうみんかん');

		// Step 5: with the server stopped and the network gone, the list reloads from the
		// device's copy with the same furigana.
		await waitForOfflineReady(page);
		await server.stop();
		await context.setOffline(true);
		await page.reload();
		await waitForApp(page);
		await expect.poll(() => readingsOf(heading)).toEqual(['しゃしん', 'じょう', 'たつ']);

		// Step 6: ふりがな off is the plain title again, with no ruby left.
		await new AppFrame(page).toggle('ふりがな');
		await expect(heading.locator('ruby')).toHaveCount(0);
		await expect(heading).toHaveText(title);

		await context.setOffline(false);
		await server.start();
	});
});
