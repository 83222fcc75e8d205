import { error } from '@sveltejs/kit';
import { lessons, pictures } from 'virtual:yorisoi-lessons/server';
import type { Lesson, LessonSummary } from '$lib/lessons/lesson';
import { summarise } from '$lib/lessons/lesson';

/**
 * The app's lessons on the server, compiled from `lessons/` at build time (vite-plugin.ts; the
 * build fails with every problem listed when a lesson is broken, so a broken lesson never
 * reaches a tablet). A lesson page itself gets its lesson from its own module (+page.ts).
 */

const byId = new Map(lessons.map((lesson) => [lesson.id, lesson]));

/** Every lesson, in course order. */
export function allLessons(): Lesson[] {
	return lessons;
}

/** One lesson by id, or a 404 for the page. */
export function lessonById(id: string): Lesson {
	const lesson = byId.get(id);
	if (!lesson) error(404, 'No such lesson');
	return lesson;
}

/** What the lesson list shows of every lesson. */
export function lessonSummaries(): LessonSummary[] {
	return lessons.map(summarise);
}

/** One lesson's picture (SVG text), or a 404. */
export function lessonPicture(id: string, file: string): string {
	const svg = pictures[`${lessonById(id).folder}/${file}`];
	if (svg === undefined) error(404, 'No such picture');
	return svg;
}

/** Every picture of every lesson, as `{ id, file }` (for prerendering). */
export function lessonPictureEntries(): { id: string; file: string }[] {
	const paths = Object.keys(pictures);
	return lessons.flatMap((lesson) =>
		paths
			.filter((path) => path.startsWith(`${lesson.folder}/`))
			.map((path) => ({ id: lesson.id, file: path.slice(lesson.folder.length + 1) }))
	);
}
