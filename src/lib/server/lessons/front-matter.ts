import { parseDocument } from 'yaml';
import { z } from 'zod';
import { findFuriganaErrors } from '$lib/domain/furigana';
import { lessonLevels } from '$lib/lessons/lesson';
import type { FileContext } from './context';

/** The lesson compiler's first stage: a locale file's front matter, read and checked. */

const frontMatterSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case, like touch-basics'),
		title: z.string().min(1),
		level: z.enum(lessonLevels),
		minutes: z.number().int().positive(),
		order: z.number().int().positive(),
		related: z.array(z.string()).default([]),
		summary: z.string().min(1),
		// YAML reads an unquoted date as a Date; either way it is kept as YYYY-MM-DD.
		checked: z.union([z.iso.date(), z.date().transform((date) => date.toISOString().slice(0, 10))]),
		sources: z.array(z.url()).default([])
	})
	.strict();

/** A lesson file's front matter, checked. */
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** The front matter of a file and where its body starts. */
export type FrontMatterPart = {
	frontMatter: FrontMatter;
	/** The lines between the --- lines, for `keyLine`. */
	frontMatterLines: string[];
	/** The file's lines, line endings made `\n`. */
	lines: string[];
	/** The index in `lines` of the closing ---. */
	end: number;
};

/** The line (1-based) of a front matter key, for messages. */
export function keyLine(file: { frontMatterLines: string[] }, key: string): number {
	const index = file.frontMatterLines.findIndex((line) => line.startsWith(`${key}:`));
	return index === -1 ? 1 : index + 2;
}

/** Reads a file's front matter between --- lines, or returns null (with problems). */
export function parseFrontMatter(context: FileContext): FrontMatterPart | null {
	const { file, problems } = context;
	const text = context.text.replace(/\r\n?/g, '\n');
	const lines = text.split('\n');
	if (lines[0] !== '---') {
		problems.push({ file, line: 1, message: 'start the file with front matter between --- lines' });
		return null;
	}
	const end = lines.indexOf('---', 1);
	if (end === -1) {
		problems.push({ file, line: 1, message: 'front matter is not closed: add a line with ---' });
		return null;
	}
	const frontMatterLines = lines.slice(1, end);
	const document = parseDocument(frontMatterLines.map(quoteFurigana).join('\n'));
	if (document.errors.length > 0) {
		for (const error of document.errors) {
			problems.push({
				file,
				line: (error.linePos?.[0].line ?? 0) + 1,
				message: `front matter is not valid YAML: ${error.message.split('\n')[0]}`
			});
		}
		return null;
	}
	const result = frontMatterSchema.safeParse(document.toJS());
	if (!result.success) {
		for (const issue of result.error.issues) {
			const key = String(
				issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : '')
			);
			problems.push({
				file,
				line: keyLine({ frontMatterLines }, key),
				message: `front matter ${key || ''}: ${issue.message}`.replace(/ {2}/g, ' ')
			});
		}
		return null;
	}
	const frontMatter = result.data;
	for (const key of ['title', 'summary'] as const) {
		for (const error of findFuriganaErrors(frontMatter[key])) {
			problems.push({
				file,
				line: keyLine({ frontMatterLines }, key),
				message: `${error}: write furigana as {漢字|かんじ}`
			});
		}
	}
	return { frontMatter, frontMatterLines, lines, end };
}

/**
 * Quotes a `title:` or `summary:` that starts with furigana markup: YAML would read
 * `title: {画面|がめん}の…` as a mapping, and authors should not have to know that.
 */
function quoteFurigana(line: string): string {
	const match = /^(title|summary):\s*(\{[^{}|]+\|[^{}|]+\}.*)$/.exec(line);
	return match ? `${match[1]}: ${JSON.stringify(match[2]!.trim())}` : line;
}
