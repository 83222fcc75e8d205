import { findFuriganaErrors } from '$lib/domain/furigana';
import type { LessonStep } from '$lib/lessons/lesson';
import type { FrontMatter } from './front-matter';

/**
 * What every stage of the lesson compiler shares: the sources, the problems found so far (every
 * stage adds to one list, so an author sees all there is to fix at once) and a parsed file.
 */

/** One thing an author must fix: where it is and what to do. */
export type LessonProblem = { file: string; line: number; message: string };

/** The lesson files to compile, keyed by their path inside the lessons folder. */
export type LessonSources = {
	/** How problems name the folder, e.g. `lessons`. */
	root: string;
	/** Markdown files: `02-touch/ja.md` → its text. */
	markdown: Record<string, string>;
	/** Pictures: `02-touch/tap-screen.svg` → the SVG's text. */
	pictures: Record<string, string>;
};

/** A step as parsed, with its heading's line for messages (removed before the lesson is kept). */
export type ParsedStep = LessonStep & { line: number };

/** A locale file as parsed, before the locales are compared. */
export type ParsedFile = {
	file: string;
	frontMatter: FrontMatter;
	frontMatterLines: string[];
	title: string;
	summary: string;
	steps: ParsedStep[];
};

/** One locale file being compiled. */
export type FileContext = {
	file: string;
	text: string;
	folder: string;
	sources: LessonSources;
	problems: LessonProblem[];
};

/** The Markdown body of a file (after its front matter) being compiled. */
export type BodyContext = FileContext & {
	body: string;
	/** The file's line number of the body's first line. */
	firstLine: number;
	/** What a line break inside a paragraph becomes: a space in English, nothing in Japanese. */
	separator: string;
};

/** Reports malformed `{漢字|かんじ}` markup. */
export function checkFurigana(
	text: string,
	file: string,
	line: number,
	problems: LessonProblem[]
): void {
	for (const error of findFuriganaErrors(text)) {
		problems.push({ file, line, message: `${error}: write furigana as {漢字|かんじ}` });
	}
}

/** Formats a problem as `file:line: message`, the form editors and terminals link. */
export function formatProblem(problem: LessonProblem): string {
	return problem.line > 0
		? `${problem.file}:${problem.line}: ${problem.message}`
		: `${problem.file}: ${problem.message}`;
}
