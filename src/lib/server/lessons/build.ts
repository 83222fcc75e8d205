import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { summarise, type Lesson, type LessonSummary } from '$lib/lessons/lesson';
import { compileLessons, formatProblem, type LessonSources } from './compile';

/**
 * The lessons as the build compiles them (vite-plugin.ts runs this through Vite, at build time
 * and in `vite dev`): every lesson folder read from disk and compiled, or an error that lists
 * every problem, so a broken lesson never reaches a tablet.
 */

/** What the app is built with. */
export type BuiltLessons = {
	/** Every lesson, in course order. */
	lessons: Lesson[];
	/** Every lesson's page data: the lesson and the summaries of its related lessons. */
	pages: Record<string, { lesson: Lesson; related: LessonSummary[] }>;
	/** Every picture's SVG text, keyed by its path inside its lessons folder (`02-touch/a.svg`). */
	pictures: Record<string, string>;
};

/** A lessons folder's Markdown files and pictures, keyed like the compiler keys them. */
export function readSources(projectRoot: string, root: string): LessonSources {
	const sources: LessonSources = { root, markdown: {}, pictures: {} };
	const base = resolve(projectRoot, root);
	for (const folder of readdirSync(base)) {
		const dir = join(base, folder);
		if (!statSync(dir).isDirectory()) continue;
		for (const name of readdirSync(dir)) {
			const text = () => readFileSync(join(dir, name), 'utf8');
			if (name.endsWith('.md')) sources.markdown[`${folder}/${name}`] = text();
			else if (name.endsWith('.svg')) sources.pictures[`${folder}/${name}`] = text();
		}
	}
	return sources;
}

/** Compiles the lesson folders `roots` (relative to `projectRoot`); throws on any problem. */
export function buildLessons(projectRoot: string, roots: string[]): BuiltLessons {
	const results = roots.map((root) => {
		const sources = readSources(projectRoot, root);
		return { sources, ...compileLessons(sources) };
	});
	const problems = results.flatMap((result) => result.problems);
	if (problems.length > 0) {
		throw new Error(
			`${problems.length} problem(s) in the lessons (run npm run lessons:check):\n` +
				problems.map(formatProblem).join('\n')
		);
	}
	const lessons = results.flatMap((result) => result.lessons);
	const byId = new Map(lessons.map((lesson) => [lesson.id, lesson]));
	const pages = Object.fromEntries(
		lessons.map((lesson) => [
			lesson.id,
			{
				lesson,
				related: lesson.related.flatMap((id) => {
					const related = byId.get(id);
					return related ? [summarise(related)] : [];
				})
			}
		])
	);
	return {
		lessons,
		pages,
		pictures: Object.assign({}, ...results.map((result) => result.sources.pictures))
	};
}
