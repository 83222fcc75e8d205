import type { Locale } from '$lib/domain/locale';
import { lessonSummaries } from '$lib/server/lessons';

/** Each lesson's title per locale, keyed by lesson id: classes name the lessons they use. */
export type LessonTitles = Record<string, Record<Locale, string>>;

/** The titles of every lesson, for a prerendered classes page (server only, at build time). */
export function lessonTitles(): LessonTitles {
	return Object.fromEntries(
		lessonSummaries().map((lesson) => [
			lesson.id,
			Object.fromEntries(
				Object.entries(lesson.text).map(([locale, text]) => [locale, text.title])
			) as Record<Locale, string>
		])
	);
}
