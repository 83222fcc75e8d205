// npm run lessons:sheets — prints every lesson's one-sheet handout (/lessons/handout, 「1枚に
// まとめる」) in each language as Chromium prints it (A4), and exits 1 when one takes more than
// one sheet. For lesson authors after writing or lengthening a lesson: the sheet's rule
// (`sheetTextSteps` in src/routes/lessons/handout/handout.ts) was chosen by this count. Runs
// the production build of the real lessons (the script builds it) on a scratch SQLite file;
// the PDFs are kept in .test-out/sheets/ to be looked at. Lesson ids as arguments print only
// those; `--no-build` uses the build that is there.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumPath, startApp } from '../bench/lib/processes.mjs';

const out = '.test-out/sheets';
const languages = { ja: '日本語', 'ja-easy': 'やさしい日本語', en: 'English' };

const args = process.argv.slice(2);
const only = args.filter((arg) => !arg.startsWith('--'));

/** The lessons' ids, in their folders' order. */
const ids = readdirSync('lessons', { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => /^id:\s*(\S+)/m.exec(readFileSync(`lessons/${entry.name}/ja.md`, 'utf8'))?.[1])
	.filter((id) => id !== undefined && (only.length === 0 || only.includes(id)));

/** Sheets in a PDF that Chromium made (each page is one `/Type /Page` object). */
function sheets(pdf) {
	return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

if (!args.includes('--no-build')) {
	const built = spawnSync('npm', ['run', '--silent', 'build'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, YORISOI_FIXTURE_LESSONS: '' }
	});
	if (built.status !== 0) process.exit(1);
}

const app = await startApp();
const base = app.url;
const browser = await chromium.launch({
	executablePath: chromiumPath,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
const over = [];
try {
	mkdirSync(out, { recursive: true });
	for (const [locale, name] of Object.entries(languages)) {
		const context = await browser.newContext({
			viewport: { width: 820, height: 1180 },
			serviceWorkers: 'block'
		});
		const page = await context.newPage();
		await page.goto(`${base}/lessons/handout?id=${ids[0]}`);
		await page.waitForFunction(() => document.documentElement.hasAttribute('data-app-ready'));
		// The header's 「文字・表示」 button, where the controls are folded away.
		const toggle = page.getByRole('banner').getByRole('button', { name: /文字.*・.*表示/ });
		if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') {
			await toggle.click();
		}
		await page.getByRole('radio', { name, exact: true }).check();
		for (const id of ids) {
			await page.goto(`${base}/lessons/handout?id=${id}`);
			await page.locator('.handout.sheet').waitFor();
			await page.waitForFunction(() =>
				[...document.images].every((image) => image.complete && image.naturalWidth > 0)
			);
			const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
			writeFileSync(`${out}/${id}-${locale}.pdf`, pdf);
			const count = sheets(pdf);
			if (count !== 1) over.push(`${id} (${locale}): ${count} sheets`);
			console.log(`${count === 1 ? 'ok  ' : 'OVER'} ${locale.padEnd(7)} ${id}: ${count}`);
		}
		await context.close();
	}
} finally {
	await browser.close();
	await app.stop();
}
console.log(
	`lessons:sheets: ${ids.length * Object.keys(languages).length} sheets printed, ${over.length} over one sheet`
);
if (over.length > 0) {
	for (const line of over) console.log(`  ${line}`);
	process.exit(1);
}
