import { building } from '$app/environment';
import { error } from '@sveltejs/kit';
import { summarise, type Lesson, type LessonSummary } from '$lib/lessons/lesson';
import { compileLessons, formatProblem, type LessonSources } from './compile';

/**
 * The app's lessons, compiled once per server process from `lessons/` (bundled as raw text at
 * build time, like svelte.dev reads its tutorial). The build fails with every problem listed
 * when a lesson is broken, so a broken lesson never reaches a tablet.
 */

const lessonGlobs = {
	markdown: import.meta.glob<string>('/lessons/*/*.md', {
		query: '?raw',
		import: 'default',
		eager: true
	}),
	pictures: import.meta.glob<string>('/lessons/*/*.svg', {
		query: '?raw',
		import: 'default',
		eager: true
	})
};

// Two small lessons the end-to-end tests walk through; built in only with
// YORISOI_FIXTURE_LESSONS=1 (the test command sets it), never in a town's deployment.
const fixtureGlobs = {
	markdown: import.meta.glob<string>('/test/fixtures/lessons/player/*/*.md', {
		query: '?raw',
		import: 'default',
		eager: true
	}),
	pictures: import.meta.glob<string>('/test/fixtures/lessons/player/*/*.svg', {
		query: '?raw',
		import: 'default',
		eager: true
	})
};

/** Keys a glob's files by their path inside its lessons folder (`02-touch/ja.md`). */
function relative(files: Record<string, string>, root: string): Record<string, string> {
	return Object.fromEntries(
		Object.entries(files).map(([path, text]) => [path.slice(root.length + 2), text])
	);
}

/** The lesson folders the app is built with: `lessons/`, and the test lessons when asked. */
export function lessonSources(): LessonSources[] {
	const sets = [{ root: 'lessons', globs: lessonGlobs }];
	if (process.env.YORISOI_FIXTURE_LESSONS === '1') {
		sets.push({ root: 'test/fixtures/lessons/player', globs: fixtureGlobs });
	}
	return sets.map(({ root, globs }) => ({
		root,
		markdown: relative(globs.markdown, root),
		pictures: relative(globs.pictures, root)
	}));
}

let compiled: { lessons: Lesson[]; byId: Map<string, Lesson> } | null = null;

/** Every lesson, in course order; throws with every problem when a lesson is broken. */
export function allLessons(): Lesson[] {
	if (!compiled) {
		const results = lessonSources().map((sources) => ({ sources, ...compileLessons(sources) }));
		const lessons = results.flatMap((result) => result.lessons);
		const problems = results.flatMap((result) => result.problems);
		if (problems.length > 0 && (building || process.env.NODE_ENV !== 'production')) {
			throw new Error(
				`${problems.length} problem(s) in the lessons (run npm run lessons:check):\n` +
					problems.map(formatProblem).join('\n')
			);
		}
		compiled = { lessons, byId: new Map(lessons.map((lesson) => [lesson.id, lesson])) };
	}
	return compiled.lessons;
}

/** One lesson by id, or a 404 for the page. */
export function lessonById(id: string): Lesson {
	allLessons();
	const lesson = compiled?.byId.get(id);
	if (!lesson) error(404, 'No such lesson');
	return lesson;
}

/** What the lesson list shows of every lesson. */
export function lessonSummaries(): LessonSummary[] {
	return allLessons().map(summarise);
}

/** One lesson's picture (SVG text), or a 404. */
export function lessonPicture(id: string, file: string): string {
	const lesson = lessonById(id);
	const svg = lessonSources()
		.map((sources) => sources.pictures[`${lesson.folder}/${file}`])
		.find((text) => text !== undefined);
	if (svg === undefined) error(404, 'No such picture');
	return svg;
}

/** Every picture of every lesson, as `{ id, file }` (for prerendering). */
export function lessonPictureEntries(): { id: string; file: string }[] {
	const pictures = lessonSources().flatMap((sources) => Object.keys(sources.pictures));
	return allLessons().flatMap((lesson) =>
		pictures
			.filter((path) => path.startsWith(`${lesson.folder}/`))
			.map((path) => ({ id: lesson.id, file: path.slice(lesson.folder.length + 1) }))
	);
}
