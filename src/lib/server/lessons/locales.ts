import { withReadings } from '$lib/server/readings';
import type { LessonBlock, LessonStep } from '$lib/lessons/lesson';
import type { LessonProblem, ParsedFile } from './context';
import { keyLine } from './front-matter';

/**
 * The lesson compiler's comparison of locales: every translation must have ja.md's facts, steps,
 * pictures, practice and device blocks, so a lesson teaches the same thing in every language.
 * Also where 日本語 gets its furigana.
 */

/** Checks that a translation has the reference's facts, steps, pictures and practice. */
export function compareLocales(
	reference: ParsedFile,
	other: ParsedFile,
	problems: LessonProblem[]
): void {
	const shared = ['id', 'level', 'order', 'minutes', 'related', 'checked', 'sources'] as const;
	for (const key of shared) {
		const expected = JSON.stringify(reference.frontMatter[key]);
		if (JSON.stringify(other.frontMatter[key]) !== expected) {
			problems.push({
				file: other.file,
				line: keyLine(other, key),
				message: `${key} differs from ja.md: write ${key}: ${expected} as in ja.md`
			});
		}
	}
	if (other.steps.length !== reference.steps.length) {
		problems.push({
			file: other.file,
			line: other.steps.at(-1)?.line ?? 1,
			message: `${other.steps.length} steps but ja.md has ${reference.steps.length}: every locale has the same steps in the same order`
		});
	}
	const count = Math.min(other.steps.length, reference.steps.length);
	for (let index = 0; index < count; index += 1) {
		const mine = stepShape(other.steps[index]!);
		const theirs = stepShape(reference.steps[index]!);
		for (const part of ['pictures', 'practice', 'devices'] as const) {
			if (mine[part] !== theirs[part]) {
				problems.push({
					file: other.file,
					line: other.steps[index]!.line,
					message: `step ${index + 1}: ${part} differ from ja.md (${theirs[part] || 'none'} there, ${mine[part] || 'none'} here): use the same ${part} in every locale`
				});
			}
		}
	}
}

/** What must be the same in every locale's version of a step. */
function stepShape(step: LessonStep): { pictures: string; practice: string; devices: string } {
	const pictures: string[] = [];
	const practice: string[] = [];
	const deviceNames: string[] = [];
	const visit = (blocks: LessonBlock[]) => {
		for (const block of blocks) {
			if (block.type === 'picture') pictures.push(block.file);
			if (block.type === 'device') {
				deviceNames.push(block.device);
				visit(block.blocks);
			}
			if (block.type === 'practice') {
				const params = Object.entries(block.params)
					.sort()
					.map(([key, value]) => `${key}=${value}`);
				practice.push([block.kind, ...params].join(' '));
			}
		}
	};
	visit(step.blocks);
	return {
		pictures: pictures.join(', '),
		practice: practice.join(', '),
		devices: deviceNames.join(', ')
	};
}

/** A locale's text of a lesson: its title, summary and steps. */
export type LessonText = Pick<ParsedFile, 'title' | 'summary' | 'steps'>;
type TextBlock = ParsedFile['steps'][number]['blocks'][number];
type Inline = Extract<TextBlock, { type: 'paragraph' }>['inlines'][number];

/**
 * Gives a lesson's 日本語 text its furigana as markup, from the reviewed readings: in the data
 * once, inline, as the やさしい日本語 text has them. Picture descriptions stay plain (they are
 * attributes, read by screen readers).
 */
export function withJaReadings(text: LessonText): LessonText {
	const inline = (piece: Inline): Inline =>
		piece.type === 'text'
			? { ...piece, text: withReadings(piece.text) }
			: {
					...piece,
					children: piece.children.map((child) => ({ ...child, text: withReadings(child.text) }))
				};
	const block = <B extends TextBlock>(value: B): B => {
		if (value.type === 'paragraph') return { ...value, inlines: value.inlines.map(inline) };
		if (value.type === 'list') {
			return { ...value, items: value.items.map((item) => item.map(inline)) };
		}
		if (value.type === 'device') return { ...value, blocks: value.blocks.map(block) };
		if (value.type === 'practice') return { ...value, prompt: value.prompt.map(block) };
		return value;
	};
	return {
		title: withReadings(text.title),
		summary: withReadings(text.summary),
		steps: text.steps.map((step) => ({
			...step,
			title: withReadings(step.title),
			blocks: step.blocks.map(block)
		}))
	};
}
