import { parseFurigana } from '$lib/domain/furigana';
import type { Lesson } from '$lib/lessons/lesson';
import { markdown, type LessonProblem, type LessonSources } from './compile';

/**
 * Checks that keep the lessons true and easy to read, beyond their format (compile.ts): every
 * lesson cites a source, its facts were checked within a year, and the やさしい日本語 version keeps
 * its sentences short. `npm run lessons:check` runs them; the build does not, so a lesson that is
 * due for a check still reaches the tablets.
 */

/** The やさしい日本語 limits, in characters: a sentence on average, and the longest sentence. */
export const easyLimits = { average: 25, longest: 80 } as const;

/** How long a checked fact stays trusted before it is due for a new check. */
export const checkedForMonths = 12;

/** One sentence as a reader sees it (no spaces, no furigana readings) and the line it is on. */
export type Sentence = { text: string; line: number };

/** A file's sentences, their average length and the longest one. */
export type SentenceFigures = {
	sentences: Sentence[];
	/** Characters per sentence on average (0 without sentences). */
	average: number;
	longest: Sentence | null;
};

/** A lesson's やさしい日本語 file with its figures. */
export type EasyFigures = { folder: string; file: string; figures: SentenceFigures };

// A sentence ends at 。！？ (and keeps a closing bracket or quote that follows them).
const sentencePattern = /[^。！？]+[。！？]*[」』）)]*|[。！？]+[」』）)]*/g;

/**
 * The sentences a reader reads in a lesson file: the text of paragraphs, list items and practice
 * prompts, counted in characters without spaces (分かち書き) and without furigana readings.
 * Step headings, pictures and Markdown marks do not count. A sentence ends at 。！？ or at the
 * end of a line, so a list item is a sentence of its own.
 */
export function sentencesOf(text: string): Sentence[] {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	const frontMatterEnd = lines[0] === '---' ? lines.indexOf('---', 1) : -1;
	const firstLine = frontMatterEnd + 2;
	const tokens = markdown.parse(lines.slice(frontMatterEnd + 1).join('\n'), {});
	const sentences: Sentence[] = [];
	const addLine = (raw: string, line: number) => {
		const seen = parseFurigana(raw)
			.map((segment) => segment.text)
			.join('')
			.replace(/[\s\u3000]/g, '');
		for (const sentence of seen.match(sentencePattern) ?? [])
			sentences.push({ text: sentence, line });
	};
	tokens.forEach((token, index) => {
		if (token.type !== 'inline' || tokens[index - 1]?.type === 'heading_open') return;
		let line = (token.map?.[0] ?? 0) + firstLine;
		let raw = '';
		for (const child of token.children ?? []) {
			if (child.type === 'softbreak' || child.type === 'hardbreak') {
				addLine(raw, line);
				raw = '';
				line += 1;
			} else if (child.type !== 'image') raw += child.content;
		}
		addLine(raw, line);
	});
	return sentences;
}

/** The number of characters in a sentence (a kanji and a kana count one each). */
export function sentenceLength(sentence: Sentence): number {
	return [...sentence.text].length;
}

/** The average and longest sentence of a lesson file. */
export function sentenceFigures(text: string): SentenceFigures {
	const sentences = sentencesOf(text);
	const total = sentences.reduce((sum, sentence) => sum + sentenceLength(sentence), 0);
	const longest = sentences.reduce<Sentence | null>(
		(best, sentence) =>
			best === null || sentenceLength(sentence) > sentenceLength(best) ? sentence : best,
		null
	);
	return { sentences, average: sentences.length > 0 ? total / sentences.length : 0, longest };
}

/** The figures of every lesson's やさしい日本語 file, in folder order. */
export function easyFigures(sources: LessonSources): EasyFigures[] {
	return Object.keys(sources.markdown)
		.filter((path) => path.endsWith('/ja-easy.md'))
		.sort()
		.map((path) => ({
			folder: path.split('/')[0] ?? '',
			file: `${sources.root}/${path}`,
			figures: sentenceFigures(sources.markdown[path] ?? '')
		}));
}

/** Whether a file's sentences are over the やさしい日本語 limits. */
export function isOverEasyLimits({ average, longest }: SentenceFigures): boolean {
	return (
		average > easyLimits.average ||
		(longest !== null && sentenceLength(longest) > easyLimits.longest)
	);
}

/** What an author must shorten: an average over the limit, and every sentence over the longest. */
export function easyReadingProblems(files: EasyFigures[]): LessonProblem[] {
	const problems: LessonProblem[] = [];
	for (const { file, figures } of files) {
		if (figures.average > easyLimits.average) {
			problems.push({
				file,
				line: 0,
				message: `sentences average ${figures.average.toFixed(1)} characters (やさしい日本語: at most ${easyLimits.average}): split the long sentences in two`
			});
		}
		for (const sentence of figures.sentences) {
			const length = sentenceLength(sentence);
			if (length > easyLimits.longest) {
				problems.push({
					file,
					line: sentence.line,
					message: `a sentence of ${length} characters (やさしい日本語: at most ${easyLimits.longest}): split 「${excerpt(sentence.text)}」`
				});
			}
		}
	}
	return problems;
}

/** The start of a long sentence, enough to find it. */
function excerpt(text: string): string {
	const characters = [...text];
	return characters.length > 20 ? `${characters.slice(0, 20).join('')}…` : text;
}

/** Lessons that cite no source: each states facts about phones or services, so each needs one. */
export function unsourcedProblems(lessons: Lesson[], root: string): LessonProblem[] {
	return lessons
		.filter((lesson) => lesson.sources.length === 0)
		.map((lesson) => ({
			file: `${root}/${lesson.folder}/ja.md`,
			line: 1,
			message:
				'no sources: list under sources: the pages the facts come from (in every locale), and set checked: to the day you read them'
		}));
}

/**
 * The first day (YYYY-MM-DD) whose checks are still fresh on `today`: `checkedForMonths` before
 * it. A check made before this day is due again.
 */
export function freshSince(today: string): string {
	const [year = 0, month = 1, day = 1] = today.split('-').map(Number);
	const months = year * 12 + (month - 1) - checkedForMonths;
	const pad = (value: number) => String(value).padStart(2, '0');
	// Compared as text, so 2025-02-29 needs no calendar: it sorts between the 28th and March.
	return `${Math.floor(months / 12)}-${pad((months % 12) + 1)}-${pad(day)}`;
}

/** Whether a check made on `checked` (YYYY-MM-DD) is older than `checkedForMonths` on `today`. */
export function isStale(checked: string, today: string): boolean {
	return checked < freshSince(today);
}

/** The lessons whose facts are due for a new check on `today`. */
export function staleLessons(lessons: Lesson[], today: string): Lesson[] {
	return lessons.filter((lesson) => isStale(lesson.checked, today));
}
