// The lesson modules made at build time by src/lib/server/lessons/vite-plugin.ts.

declare module 'virtual:yorisoi-lessons' {
	/** Each lesson's id → its module: the lesson and its related lessons' summaries. */
	export const lessonModules: Record<
		string,
		() => Promise<{
			lesson: import('$lib/lessons/lesson').Lesson;
			related: import('$lib/lessons/lesson').LessonSummary[];
		}>
	>;
	/**
	 * Each lesson's id → its module's file in the browser build (`/_app/immutable/chunks/…`), for
	 * the page to preload; null in `vite dev`.
	 */
	export const lessonFiles: Record<string, string | null>;
}

declare module 'virtual:yorisoi-lesson/*' {
	export const lesson: import('$lib/lessons/lesson').Lesson;
	export const related: import('$lib/lessons/lesson').LessonSummary[];
}

declare module 'virtual:yorisoi-lessons/server' {
	/** Every lesson, in course order (server only: the browser imports one lesson at a time). */
	export const lessons: import('$lib/lessons/lesson').Lesson[];
	/** Every picture's SVG text, keyed by its path inside its lessons folder. */
	export const pictures: Record<string, string>;
}
