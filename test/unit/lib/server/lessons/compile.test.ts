import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	compileLessons,
	formatProblem,
	type LessonSources
} from '../../../../../src/lib/server/lessons/compile';

const playerRoot = 'test/fixtures/lessons/player';

/** Reads a fixture lessons folder the way the build and the check script do. */
function readFixtures(root: string): LessonSources {
	const sources: LessonSources = { root, markdown: {}, pictures: {} };
	for (const folder of readdirSync(root)) {
		for (const name of readdirSync(join(root, folder))) {
			const text = readFileSync(join(root, folder, name), 'utf8');
			if (name.endsWith('.md')) sources.markdown[`${folder}/${name}`] = text;
			if (name.endsWith('.svg')) sources.pictures[`${folder}/${name}`] = text;
		}
	}
	return sources;
}

/** The valid fixture lessons with one file changed by `edit`. */
function withEdit(path: string, edit: (text: string) => string): LessonSources {
	const sources = readFixtures(playerRoot);
	const text = sources.markdown[path];
	if (text === undefined) throw new Error(`no fixture ${path}`);
	const edited = edit(text);
	if (edited === text) throw new Error(`the edit changed nothing in ${path}`);
	sources.markdown[path] = edited;
	return sources;
}

/** The problems as `file:line: message` lines. */
function problemsOf(sources: LessonSources): string[] {
	return compileLessons(sources).problems.map(formatProblem);
}

const jaFile = `${playerRoot}/91-first-touch/ja.md`;
const enFile = `${playerRoot}/91-first-touch/en.md`;

describe('compileLessons', () => {
	describe('valid lessons', () => {
		it('compiles both fixture lessons with no problem, in course order', () => {
			const { lessons, problems } = compileLessons(readFixtures(playerRoot));
			expect(problems).toEqual([]);
			expect(lessons.map((lesson) => lesson.id)).toEqual(['first-touch', 'home-screen']);
			expect(lessons[0]?.level).toBe('intro');
			expect(lessons[0]?.text.en.steps).toHaveLength(4);
		});

		it('keeps furigana as markup, bold text, device blocks, practice and lesson links', () => {
			const [lesson] = compileLessons(readFixtures(playerRoot)).lessons;
			const easy = lesson!.text['ja-easy'];
			expect(easy.steps[0]?.title).toBe('スマートフォンを {持|も}つ');
			const paragraph = easy.steps[0]?.blocks[1];
			expect(paragraph).toMatchObject({ type: 'paragraph' });
			expect(JSON.stringify(paragraph)).toContain(
				'{"type":"text","text":"{人差|ひとさ}し{指|ゆび}","strong":true}'
			);
			expect(lesson!.text.ja.steps[1]?.blocks.map((block) => block.type)).toEqual([
				'paragraph',
				'device',
				'device'
			]);
			expect(lesson!.text.ja.steps[2]?.blocks[1]).toMatchObject({
				type: 'practice',
				kind: 'tap',
				params: {}
			});
			expect(JSON.stringify(lesson!.text.en.steps[3])).toContain(
				'"href":"/lessons/home-screen","lessonId":"home-screen"'
			);
		});

		it('reads practice parameters and lists', () => {
			const lesson = compileLessons(readFixtures(playerRoot)).lessons[1]!;
			expect(lesson.text.ja.steps[1]?.blocks[1]).toMatchObject({
				kind: 'swipe',
				params: { direction: 'left' }
			});
			expect(lesson.text.en.steps[2]?.blocks[0]).toMatchObject({ type: 'list', ordered: false });
		});

		it('accepts a title that starts with furigana without quotes', () => {
			const sources = withEdit('91-first-touch/ja-easy.md', (text) =>
				text.replace('title: はじめての{画面|がめん}タッチ', 'title: {画面|がめん}タッチ')
			);
			const { lessons, problems } = compileLessons(sources);
			expect(problems).toEqual([]);
			expect(lessons[0]?.text['ja-easy'].title).toBe('{画面|がめん}タッチ');
		});
	});

	describe('problems', () => {
		it('reports a missing locale', () => {
			const sources = readFixtures(playerRoot);
			delete sources.markdown['91-first-touch/ja-easy.md'];
			expect(problemsOf(sources)).toContain(
				`${playerRoot}/91-first-touch/ja-easy.md: missing locale ja-easy: add ja-easy.md with the same steps as ja.md`
			);
		});

		it('reports a step count that differs from ja.md', () => {
			const sources = withEdit('91-first-touch/en.md', (text) =>
				text.slice(0, text.indexOf('## The next lesson'))
			);
			expect(problemsOf(sources)).toContain(
				`${enFile}:31: 3 steps but ja.md has 4: every locale has the same steps in the same order`
			);
		});

		it('reports front matter that differs between locales', () => {
			const sources = withEdit('91-first-touch/en.md', (text) =>
				text
					.replace('level: intro', 'level: basic')
					.replace('related: [home-screen]', 'related: []')
			);
			const problems = problemsOf(sources);
			expect(problems).toContain(
				`${enFile}:4: level differs from ja.md: write level: "intro" as in ja.md`
			);
			expect(problems).toContain(
				`${enFile}:7: related differs from ja.md: write related: ["home-screen"] as in ja.md`
			);
		});

		it('reports pictures and practice that differ between locales', () => {
			const sources = withEdit('91-first-touch/en.md', (text) =>
				text.replace('::: practice tap', '::: practice double-tap')
			);
			expect(problemsOf(sources)).toContain(
				`${enFile}:31: step 3: practice differ from ja.md (tap there, double-tap here): use the same practice in every locale`
			);
		});

		it('reports a picture without alt text, with the line of the picture', () => {
			const sources = withEdit('91-first-touch/ja.md', (text) =>
				text.replace(/!\[[^\]]*\]\(hold-phone\.svg\)/, '![](hold-phone.svg)')
			);
			expect(problemsOf(sources)).toContain(
				`${jaFile}:15: missing alt text for hold-phone.svg: describe what matters in the picture, as ![what it shows](hold-phone.svg)`
			);
		});

		it('reports a missing picture file', () => {
			const sources = readFixtures(playerRoot);
			delete sources.pictures['91-first-touch/hold-phone.svg'];
			const problems = problemsOf(sources);
			expect(problems).toContain(
				`${jaFile}:15: missing picture file ${playerRoot}/91-first-touch/hold-phone.svg: add it or fix the name`
			);
		});

		it("gives a picture its SVG's shape, so the page keeps its place while it loads", () => {
			const sources = readFixtures(playerRoot);
			const svg = sources.pictures['91-first-touch/hold-phone.svg']!;
			sources.pictures['91-first-touch/hold-phone.svg'] = svg.replace(
				'viewBox="0 0 320 240"',
				'viewBox="0 0 240 240"'
			);
			const lesson = compileLessons(sources).lessons.find(({ id }) => id === 'first-touch');
			const pictures = lesson!.text.ja.steps
				.flatMap((step) => step.blocks)
				.filter((block) => block.type === 'picture');

			expect(pictures).toContainEqual(
				expect.objectContaining({ file: 'hold-phone.svg', width: 240, height: 240 })
			);
		});

		it('reports a picture without a viewBox', () => {
			const sources = readFixtures(playerRoot);
			const svg = sources.pictures['91-first-touch/hold-phone.svg']!;
			sources.pictures['91-first-touch/hold-phone.svg'] = svg.replace(' viewBox="0 0 320 240"', '');

			expect(problemsOf(sources)).toContain(
				`${jaFile}:15: picture hold-phone.svg has no viewBox: give its <svg> one (viewBox="0 0 320 240"), so the page can keep the picture's place while it loads`
			);
		});

		it('reports an unknown practice widget and lists the kinds', () => {
			const sources = withEdit('91-first-touch/ja.md', (text) =>
				text.replace('::: practice tap', '::: practice juggle')
			);
			const [problem] = problemsOf(sources).filter((line) => line.includes('juggle'));
			expect(problem).toMatch(
				new RegExp(`^${jaFile}:35: unknown practice widget "juggle": use one of tap, double-tap`)
			);
		});

		it('reports bad practice parameters', () => {
			const sources = withEdit('92-home-screen/ja.md', (text) =>
				text.replace('direction=left', 'direction=sideways')
			);
			const [problem] = problemsOf(sources).filter(
				(line) => line.includes('sideways') || line.includes('direction')
			);
			expect(problem).toMatch(/92-home-screen\/ja\.md:24: practice swipe: parameter direction: /);
		});

		it('reports a parameter the widget does not take', () => {
			const sources = withEdit('91-first-touch/ja.md', (text) =>
				text.replace('::: practice tap', '::: practice tap colour=red')
			);
			expect(problemsOf(sources).join('\n')).toMatch(/ja\.md:35: practice tap: parameter colour:/);
		});

		it('reports a broken lesson link and an unknown related lesson', () => {
			const sources = withEdit('91-first-touch/ja.md', (text) =>
				text
					.replace('(lesson:home-screen)', '(lesson:no-such-lesson)')
					.replace('related: [home-screen]', 'related: [nowhere]')
			);
			const problems = problemsOf(sources);
			expect(problems).toContain(
				`${jaFile}:39: broken lesson link "lesson:no-such-lesson" in step 4: use the id of an existing lesson`
			);
			expect(problems).toContain(
				`${jaFile}: related lesson "nowhere" does not exist: use the id of another lesson`.replace(
					': related',
					':1: related'
				)
			);
		});

		it('reports malformed furigana in the text, the title and the alt text', () => {
			const sources = withEdit('91-first-touch/ja-easy.md', (text) =>
				text
					.replace('{電源|でんげん}ボタン', '{電源|でんげんボタン')
					.replace('title: はじめての{画面|がめん}タッチ', 'title: はじめての{画面|がめん タッチ')
					.replace(
						'{左手|ひだりて}で スマートフォンを {持|も}って',
						'{左手|ひだりて}で スマートフォンを 持|も}って'
					)
			);
			const problems = problemsOf(sources).filter((line) => line.includes('furigana'));
			const file = `${playerRoot}/91-first-touch/ja-easy.md`;
			expect(problems.map((line) => line.split(': ')[0])).toEqual([
				`${file}:3`,
				`${file}:15`,
				`${file}:21`
			]);
			expect(problems[0]).toContain('write furigana as {漢字|かんじ}');
		});

		it('reports a device block without its pair', () => {
			const sources = withEdit('91-first-touch/ja.md', (text) =>
				text.replace(/::: iphone\n[^\n]*\n:::\n/, '')
			);
			expect(problemsOf(sources)).toContain(
				`${jaFile}:19: step 2: a ::: android block without its ::: iphone block: write both, one after the other`
			);
		});

		it('reports an unknown ::: block and an unclosed one', () => {
			const unknown = withEdit('91-first-touch/ja.md', (text) =>
				text.replace('::: android', '::: tablet')
			);
			expect(problemsOf(unknown).join('\n')).toContain(
				`${jaFile}:23: unknown block "::: tablet": use ::: android, ::: iphone or ::: practice <kind>`
			);
			const unclosed = withEdit('92-home-screen/ja.md', (text) => text.replace(/\n:::\n/, '\n'));
			expect(problemsOf(unclosed).join('\n')).toContain(
				'92-home-screen/ja.md:27: a ::: block is not closed: add ::: before this step'
			);
		});

		it('reports front matter errors with the line of the key', () => {
			const sources = withEdit('91-first-touch/ja.md', (text) =>
				text.replace('level: intro', 'level: beginner').replace('minutes: 10', 'minutes: ten')
			);
			const problems = problemsOf(sources);
			expect(problems.some((line) => line.startsWith(`${jaFile}:4: front matter level:`))).toBe(
				true
			);
			expect(problems.some((line) => line.startsWith(`${jaFile}:5: front matter minutes:`))).toBe(
				true
			);
		});

		it('reports an id or order that does not match the folder', () => {
			const sources = withEdit('91-first-touch/ja.md', (text) =>
				text.replace('id: first-touch', 'id: first').replace('order: 91', 'order: 9')
			);
			const problems = problemsOf(sources);
			expect(problems).toContain(
				`${jaFile}:2: id "first" must equal the folder name without its number ("first-touch")`
			);
			expect(problems).toContain(`${jaFile}:6: order 9 must equal the folder's number (91)`);
		});

		it('reports Markdown the format does not use', () => {
			const sources = withEdit('92-home-screen/ja.md', (text) =>
				text.replace(
					'## おぼえること',
					'## おぼえること\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n> 引用'
				)
			);
			const problems = problemsOf(sources).join('\n');
			expect(problems).toContain('a table is not part of the lesson format');
			expect(problems).toContain('a quote (>) is not part of the lesson format');
		});

		it('leaves a lesson with problems out and keeps the others', () => {
			const sources = withEdit('92-home-screen/en.md', (text) =>
				text.replace('(home.svg)', '(gone.svg)')
			);
			const { lessons, problems } = compileLessons(sources);
			expect(problems).toHaveLength(2);
			expect(lessons.map((lesson) => lesson.id)).toEqual(['first-touch']);
		});
	});
});

// Each test starts Vite in a child process, which takes more than the default 5 s on a busy machine.
describe('npm run lessons:check', { timeout: 30_000 }, () => {
	it('prints every problem of a broken lesson with its file and line, and fails', () => {
		const run = spawnSync(
			process.execPath,
			['scripts/lessons-check.mjs', 'test/fixtures/lessons/broken'],
			{
				encoding: 'utf8'
			}
		);
		const file = 'test/fixtures/lessons/broken/01-broken';
		expect(run.status).toBe(1);
		const lines = run.stdout.trim().split('\n');
		expect(lines).toEqual(
			expect.arrayContaining([
				`${file}/ja-easy.md: missing locale ja-easy: add ja-easy.md with the same steps as ja.md`,
				expect.stringMatching(
					new RegExp(`^${file}/ja\\.md:14: missing alt text for missing-alt\\.svg`)
				),
				`${file}/ja.md:20: missing picture file test/fixtures/lessons/broken/01-broken/not-there.svg: add it or fix the name`,
				expect.stringMatching(new RegExp(`^${file}/ja\\.md:26: unknown practice widget "juggle"`)),
				expect.stringMatching(
					new RegExp(`^${file}/ja\\.md:32: practice swipe: parameter direction`)
				),
				expect.stringMatching(new RegExp(`^${file}/ja\\.md:38: unbalanced or malformed furigana`)),
				`${file}/ja.md:40: step 6: a ::: android block without its ::: iphone block: write both, one after the other`
			])
		);
		expect(lines.at(-1)).toMatch(/^test\/fixtures\/lessons\/broken: \d+ problem\(s\)/);
	});

	it('passes on valid lessons', () => {
		const run = spawnSync(process.execPath, ['scripts/lessons-check.mjs', playerRoot], {
			encoding: 'utf8'
		});
		expect(run.stdout).toContain('2 lessons, 7 steps, no problems');
		expect(run.status).toBe(0);
	});
});
