import { localeIds } from '$lib/domain/locale';
import type { Lesson } from './lesson-schema';

/**
 * The compiled form of a lesson: what the build makes of `lessons/NN-id/{ja,ja-easy,en}.md`
 * (see lessons/README.md) and what the player renders. Pure data, no Markdown: the browser never
 * parses lesson files. Validated with zod when compiled, so a page never gets a half-built lesson.
 */

/** The three levels of the course, in the order the list shows them. */
export const lessonLevels = ['intro', 'basic', 'applied'] as const;

/** A lesson's level: intro (入門), basic (基本) or applied (応用). */
export type LessonLevel = (typeof lessonLevels)[number];

/** The two kinds of smartphone a step can differ for. */
export const devices = ['android', 'iphone'] as const;

/** A learner's smartphone kind. */
export type Device = (typeof devices)[number];

export type { Lesson, LessonBlock, LessonInline, LessonPicture, LessonStep } from './lesson-schema';

/** What the lesson list needs of each lesson (no steps, so the list page stays small). */
export type LessonSummary = Pick<Lesson, 'id' | 'order' | 'level' | 'minutes'> & {
	stepCount: number;
	text: Record<(typeof localeIds)[number], { title: string; summary: string }>;
};

/** The web address of a lesson's picture (prerendered, so the service worker precaches it). */
export function pictureUrl(lessonId: string, file: string): string {
	return `/lessons/${lessonId}/${file}`;
}

/** A lesson's summary for the list. */
export function summarise(lesson: Lesson): LessonSummary {
	return {
		id: lesson.id,
		order: lesson.order,
		level: lesson.level,
		minutes: lesson.minutes,
		stepCount: lesson.text.ja.steps.length,
		text: Object.fromEntries(
			localeIds.map((id) => [
				id,
				{ title: lesson.text[id].title, summary: lesson.text[id].summary }
			])
		) as LessonSummary['text']
	};
}
