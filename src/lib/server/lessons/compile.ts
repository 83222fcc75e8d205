import { localeIds, type Locale } from '$lib/domain/locale';
import { lessonSchema } from '$lib/lessons/lesson-schema';
import type { Lesson, LessonBlock, LessonInline } from '$lib/lessons/lesson';
import type { LessonProblem, LessonSources, ParsedFile, ParsedStep, FileContext } from './context';
import { keyLine, parseFrontMatter } from './front-matter';
import { compareLocales, withJaReadings } from './locales';
import { parseSteps } from './steps';

/**
 * The lesson compiler: turns `lessons/NN-id/{ja,ja-easy,en}.md` (the format in
 * lessons/README.md) into checked lesson data. Runs at build time and in `npm run lessons:check`,
 * never in the browser. It collects every problem instead of stopping at the first, so an author
 * sees all there is to fix at once.
 *
 * This file walks the folders and checks across lessons; the stages live beside it:
 * front-matter.ts (the --- header), steps.ts (the Markdown body, token by token), pictures.ts
 * (SVG safety and shape) and locales.ts (every translation against ja.md, and ja's furigana).
 */

export { formatProblem, type LessonProblem, type LessonSources } from './context';
export { markdown } from './steps';

/** What the compiler made: the lessons that compiled cleanly, and every problem found. */
export type CompileResult = { lessons: Lesson[]; problems: LessonProblem[] };

/** Lesson ids that would hide a page under /lessons/. */
const reservedIds = ['progress', 'learners', 'practice'];

const folderPattern = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Compiles every lesson folder, checking each file and the locales against each other. */
export function compileLessons(sources: LessonSources): CompileResult {
	const problems: LessonProblem[] = [];
	const folders = new Set(
		[...Object.keys(sources.markdown), ...Object.keys(sources.pictures)].map(
			(path) => path.split('/')[0] ?? ''
		)
	);
	const compiled: { lesson: Lesson; file: string; line: number; related: string[] }[] = [];
	for (const folder of [...folders].sort()) {
		const result = compileFolder(folder, sources, problems);
		if (result) compiled.push(result);
	}

	// Checks across lessons: unique ids and orders, links and related lessons that exist.
	const ids = new Set<string>();
	const orders = new Map<number, string>();
	for (const { lesson, file } of compiled) {
		if (ids.has(lesson.id)) {
			problems.push({ file, line: 2, message: `id "${lesson.id}" is used by another lesson` });
		}
		ids.add(lesson.id);
		const other = orders.get(lesson.order);
		if (other) {
			problems.push({
				file,
				line: 1,
				message: `order ${lesson.order} is also used by ${other}: renumber one of the folders`
			});
		}
		orders.set(lesson.order, lesson.folder);
	}
	for (const { lesson, file } of compiled) {
		for (const id of lesson.related) {
			if (!ids.has(id) || id === lesson.id) {
				problems.push({
					file,
					line: 1,
					message: `related lesson "${id}" does not exist: use the id of another lesson`
				});
			}
		}
		for (const locale of localeIds) {
			const localeFile = `${sources.root}/${lesson.folder}/${locale}.md`;
			lesson.text[locale].steps.forEach((step, index) => {
				for (const link of lessonLinks(step.blocks)) {
					if (!ids.has(link)) {
						problems.push({
							file: localeFile,
							line: (step as ParsedStep).line,
							message: `broken lesson link "lesson:${link}" in step ${index + 1}: use the id of an existing lesson`
						});
					}
				}
			});
		}
	}

	const broken = new Set(problems.map((problem) => problem.file.split('/').at(-2)));
	const lessons = compiled
		.filter(({ lesson }) => !broken.has(lesson.folder))
		.map(({ lesson }) => lessonSchema.parse(stripLines(lesson)))
		.sort((a, b) => a.order - b.order);
	return { lessons, problems };
}

/** Compiles one lesson folder, or returns null (with problems) when a locale cannot be read. */
function compileFolder(
	folder: string,
	sources: LessonSources,
	problems: LessonProblem[]
): { lesson: Lesson; file: string; line: number; related: string[] } | null {
	const base = `${sources.root}/${folder}`;
	const match = folderPattern.exec(folder);
	if (!match) {
		problems.push({
			file: base,
			line: 0,
			message: 'folder name must be NN-id, like 02-touch (two digits, a dash, the lesson id)'
		});
		return null;
	}
	const parsed = new Map<Locale, ParsedFile>();
	for (const locale of localeIds) {
		const file = `${base}/${locale}.md`;
		const text = sources.markdown[`${folder}/${locale}.md`];
		if (text === undefined) {
			problems.push({
				file,
				line: 0,
				message: `missing locale ${locale}: add ${locale}.md with the same steps as ja.md`
			});
			continue;
		}
		const result = parseFile({ file, text, folder, sources, problems });
		if (result) parsed.set(locale, result);
	}
	for (const name of Object.keys(sources.markdown)) {
		const [dir, fileName] = name.split('/');
		if (dir === folder && !localeIds.some((locale) => fileName === `${locale}.md`)) {
			problems.push({
				file: `${sources.root}/${name}`,
				line: 0,
				message: `unknown file: name locale files ${localeIds.map((id) => `${id}.md`).join(', ')}`
			});
		}
	}
	const reference = parsed.get('ja');
	if (!reference || parsed.size !== localeIds.length) return null;

	const meta = reference.frontMatter;
	const [, number, slug] = match;
	if (meta.id !== slug) {
		problems.push({
			file: reference.file,
			line: keyLine(reference, 'id'),
			message: `id "${meta.id}" must equal the folder name without its number ("${slug}")`
		});
	}
	if (meta.order !== Number(number)) {
		problems.push({
			file: reference.file,
			line: keyLine(reference, 'order'),
			message: `order ${meta.order} must equal the folder's number (${Number(number)})`
		});
	}
	if (reservedIds.includes(meta.id)) {
		problems.push({
			file: reference.file,
			line: keyLine(reference, 'id'),
			message: `id "${meta.id}" is reserved for a page of the app: choose another`
		});
	}
	for (const [locale, other] of parsed) {
		if (locale !== 'ja') compareLocales(reference, other, problems);
	}

	const text = Object.fromEntries(
		[...parsed].map(([locale, file]) => {
			const value = { title: file.title, summary: file.summary, steps: file.steps };
			// 日本語 is written without furigana; the build adds them from the reviewed readings.
			return [locale, locale === 'ja' ? withJaReadings(value) : value];
		})
	) as unknown as Lesson['text'];
	const lesson: Lesson = {
		id: meta.id,
		folder,
		order: meta.order,
		level: meta.level,
		minutes: meta.minutes,
		related: meta.related,
		checked: meta.checked,
		sources: meta.sources,
		text
	};
	return { lesson, file: reference.file, line: 1, related: meta.related };
}

/** Every `lesson:` link in a step. */
function lessonLinks(blocks: LessonBlock[]): string[] {
	const links: string[] = [];
	const visitInlines = (inlines: LessonInline[]) => {
		for (const inline of inlines)
			if (inline.type === 'link' && inline.lessonId) links.push(inline.lessonId);
	};
	for (const block of blocks) {
		if (block.type === 'paragraph') visitInlines(block.inlines);
		if (block.type === 'list') block.items.forEach(visitInlines);
		if (block.type === 'device') links.push(...lessonLinks(block.blocks));
		if (block.type === 'practice') links.push(...lessonLinks(block.prompt));
	}
	return links;
}

/** Removes the line numbers the compiler kept for its messages. */
function stripLines(lesson: Lesson): Lesson {
	const text = Object.fromEntries(
		Object.entries(lesson.text).map(([locale, value]) => [
			locale,
			{ ...value, steps: value.steps.map(({ title, blocks }) => ({ title, blocks })) }
		])
	) as Lesson['text'];
	return { ...lesson, text };
}

/** Parses one locale file: front matter, then steps. */
function parseFile(context: FileContext): ParsedFile | null {
	const { file, problems } = context;
	const header = parseFrontMatter(context);
	if (!header) return null;
	const { frontMatter, frontMatterLines, lines, end } = header;
	const separator = context.file.endsWith('/en.md') ? ' ' : '';
	const body = lines.slice(end + 1).join('\n');
	const steps = parseSteps({ ...context, body, firstLine: end + 2, separator });
	if (steps.length === 0) {
		problems.push({ file, line: end + 2, message: 'no steps: start each step with a ## heading' });
		return null;
	}
	return {
		file,
		frontMatter,
		frontMatterLines,
		title: frontMatter.title,
		summary: frontMatter.summary,
		steps
	};
}
