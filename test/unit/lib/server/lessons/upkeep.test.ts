import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLessons, type LessonSources } from '../../../../../src/lib/server/lessons/compile';
import {
	easyFigures,
	easyReadingProblems,
	freshSince,
	isStale,
	sentenceFigures,
	sentencesOf,
	staleLessons,
	unsourcedProblems
} from '../../../../../src/lib/server/lessons/upkeep';

/** Reads a lessons folder the way the build and the check script do. */
function readLessons(root: string): LessonSources {
	const sources: LessonSources = { root, markdown: {}, pictures: {} };
	for (const folder of readdirSync(root)) {
		if (!statSync(join(root, folder)).isDirectory()) continue;
		for (const name of readdirSync(join(root, folder))) {
			const text = readFileSync(join(root, folder, name), 'utf8');
			if (name.endsWith('.md')) sources.markdown[`${folder}/${name}`] = text;
			if (name.endsWith('.svg')) sources.pictures[`${folder}/${name}`] = text;
		}
	}
	return sources;
}

/** A ja-easy lesson file with the given body under a minimal front matter. */
function easyFile(body: string): string {
	return `---\nid: sample\ntitle: {見本|みほん}\nchecked: 2026-11-24\n---\n\n${body}\n`;
}

const upkeepRoot = 'test/fixtures/lessons/upkeep';

describe('upkeep', () => {
	describe('sentencesOf', () => {
		it('counts what a reader sees: no spaces, no furigana readings, no Markdown marks', () => {
			const text = easyFile(
				'## {見出|みだ}し\n\n**{画面|がめん}**を [タップ](lesson:touch)します。'
			);
			expect(sentencesOf(text)).toEqual([{ text: '画面をタップします。', line: 9 }]);
		});

		it('ends a sentence at 。！？ and keeps a closing bracket with its sentence', () => {
			const text = easyFile(
				'## {手順|てじゅん}\n\n「はい」を おしますか？」と {聞|き}きます。できました！'
			);
			expect(sentencesOf(text).map((sentence) => sentence.text)).toEqual([
				'「はい」をおしますか？」',
				'と聞きます。',
				'できました！'
			]);
		});

		it('ends a sentence at the end of a line, so each list item is one', () => {
			const text = easyFile(
				'## {手順|てじゅん}\n\n{一|いち}{行|ぎょう}{目|め}\n{二|に}{行|ぎょう}{目|め}\n\n- ひとつ\n- ふたつ'
			);
			expect(sentencesOf(text)).toEqual([
				{ text: '一行目', line: 9 },
				{ text: '二行目', line: 10 },
				{ text: 'ひとつ', line: 12 },
				{ text: 'ふたつ', line: 13 }
			]);
		});

		it('skips headings, pictures and ::: markers, and counts device text and practice prompts', () => {
			const text = easyFile(
				[
					'## {長|なが}い {見出|みだ}しは {数|かぞ}えません',
					'',
					'![{絵|え}の {説明|せつめい}](picture.svg)',
					'',
					'::: android',
					'Android です。',
					':::',
					'',
					'::: practice tap',
					'タップします。',
					':::'
				].join('\n')
			);
			expect(sentencesOf(text).map((sentence) => sentence.text)).toEqual([
				'Androidです。',
				'タップします。'
			]);
		});
	});

	describe('sentenceFigures', () => {
		it('gives the average and the longest sentence in characters', () => {
			const figures = sentenceFigures(
				easyFile('## て\n\nあい。あいうえ。\n\nあいうえおかきくけ。')
			);
			expect(figures.sentences).toHaveLength(3);
			expect(figures.average).toBeCloseTo((3 + 5 + 10) / 3);
			expect(figures.longest).toEqual({ text: 'あいうえおかきくけ。', line: 11 });
		});

		it('gives zero and no longest sentence for a file without text', () => {
			expect(sentenceFigures(easyFile('## {見出|みだ}し'))).toEqual({
				sentences: [],
				average: 0,
				longest: null
			});
		});
	});

	describe('easyReadingProblems', () => {
		it('reports an average over 25 and every sentence over 80, with its line', () => {
			const problems = easyReadingProblems(easyFigures(readLessons(upkeepRoot)));
			const file = `${upkeepRoot}/01-long-sentences/ja-easy.md`;
			expect(problems).toEqual([
				expect.objectContaining({
					file,
					line: 0,
					message: expect.stringMatching(/^sentences average 50\.0 characters/)
				}),
				expect.objectContaining({
					file,
					line: 13,
					message: expect.stringMatching(
						/^a sentence of 94 characters .*: split 「このレッスンは、文がとても長くて、一つの…」$/
					)
				})
			]);
		});

		it('accepts a sentence of 80 characters and an average of 25', () => {
			// 80 + 11 × 20 = 300 characters in 12 sentences: 25 on average.
			const lines = [`${'あ'.repeat(79)}。`, ...Array<string>(11).fill(`${'い'.repeat(19)}。`)];
			const figures = sentenceFigures(easyFile(`## て\n\n${lines.join('\n')}`));
			expect(figures.average).toBe(25);
			expect(easyReadingProblems([{ folder: '01-sample', file: 'ja-easy.md', figures }])).toEqual(
				[]
			);
		});
	});

	describe('isStale', () => {
		it('keeps a check fresh for 12 months, to the day', () => {
			expect(freshSince('2026-12-06')).toBe('2025-12-06');
			expect(isStale('2025-12-06', '2026-12-06')).toBe(false);
			expect(isStale('2025-12-05', '2026-12-06')).toBe(true);
			expect(freshSince('2027-01-15')).toBe('2026-01-15');
		});

		it('names the lessons whose check is due', () => {
			const { lessons } = compileLessons(readLessons(upkeepRoot));
			expect(staleLessons(lessons, '2025-01-09').map((lesson) => lesson.id)).toEqual([]);
			expect(staleLessons(lessons, '2025-01-11').map((lesson) => lesson.id)).toEqual([
				'long-sentences'
			]);
		});
	});

	describe('unsourcedProblems', () => {
		it('reports a lesson that cites no source', () => {
			const { lessons } = compileLessons(readLessons(upkeepRoot));
			expect(unsourcedProblems(lessons, upkeepRoot)).toEqual([
				expect.objectContaining({
					file: `${upkeepRoot}/01-long-sentences/ja.md`,
					message: expect.stringMatching(/^no sources: /)
				})
			]);
		});
	});
});

describe('the lessons in lessons/', () => {
	// Every lesson states facts about phones or services, so each says where they come from and
	// when they were last checked (the compiler requires `checked`; a missing one is a problem).
	it('have a checked date and cite at least one source', () => {
		const sources = readLessons('lessons');
		const { lessons, problems } = compileLessons(sources);
		const folders = new Set(Object.keys(sources.markdown).map((path) => path.split('/')[0]));
		expect(problems.filter((problem) => /checked|sources/.test(problem.message))).toEqual([]);
		expect(lessons).toHaveLength(folders.size);
		expect(lessons.every((lesson) => /^\d{4}-\d{2}-\d{2}$/.test(lesson.checked))).toBe(true);
		expect(
			lessons.filter((lesson) => lesson.sources.length === 0).map((lesson) => lesson.folder)
		).toEqual([]);
	});
});

// Each test starts Vite in a child process, which takes more than the default 5 s on a busy machine.
describe('npm run lessons:check, keeping lessons true', { timeout: 30_000 }, () => {
	it('prints the やさしい日本語 figures, fails on long sentences and a missing source, warns on an old check', () => {
		const run = spawnSync(process.execPath, ['scripts/lessons-check.mjs', upkeepRoot], {
			encoding: 'utf8'
		});
		expect(run.status).toBe(1);
		const lines = run.stdout.trim().split('\n');
		const file = `${upkeepRoot}/01-long-sentences`;
		expect(lines).toEqual(
			expect.arrayContaining([
				expect.stringMatching(new RegExp(`^${file}/ja\\.md:1: no sources: `)),
				expect.stringMatching(new RegExp(`^${file}/ja-easy\\.md: sentences average 50\\.0 `)),
				expect.stringMatching(new RegExp(`^${file}/ja-easy\\.md:13: a sentence of 94 `)),
				expect.stringMatching(
					/^ {2}01-long-sentences +average 50\.0 +longest +94 +\(2 sentences\) +OVER$/
				),
				expect.stringMatching(
					/^WARNING: facts checked before \d{4}-\d{2}-\d{2} \(over 12 months ago\)/
				),
				`  ${file}: checked 2024-01-10`
			])
		);
		expect(lines.at(-1)).toBe(`${upkeepRoot}: 3 problem(s); 1 lessons without format problems`);
	});

	it('prints the figures of valid lessons and passes', () => {
		const run = spawnSync(
			process.execPath,
			['scripts/lessons-check.mjs', 'test/fixtures/lessons/player'],
			{
				encoding: 'utf8'
			}
		);
		expect(run.stdout).toMatch(
			/^ {2}91-first-touch +average +\d+\.\d +longest +\d+ +\(\d+ sentences\)$/m
		);
		expect(run.stdout).not.toContain('OVER');
		expect(run.status).toBe(0);
	});
});
