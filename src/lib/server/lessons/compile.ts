import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import container from 'markdown-it-container';
import cjkFriendly from 'markdown-it-cjk-friendly';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { findFuriganaErrors } from '$lib/domain/furigana';
import { withReadings } from '$lib/server/readings';
import { localeIds, type Locale } from '$lib/domain/locale';
import { isPracticeKind, practiceKinds, practiceParamSchemas } from '$lib/domain/practice';
import { lessonSchema } from '$lib/lessons/lesson-schema';
import {
	devices,
	lessonLevels,
	type Device,
	type Lesson,
	type LessonBlock,
	type LessonInline,
	type LessonStep
} from '$lib/lessons/lesson';

/**
 * The lesson compiler: turns `lessons/NN-id/{ja,ja-easy,en}.md` (the format in
 * lessons/README.md) into checked lesson data. Runs at build time and in `npm run lessons:check`,
 * never in the browser. It collects every problem instead of stopping at the first, so an author
 * sees all there is to fix at once.
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

/** What the compiler made: the lessons that compiled cleanly, and every problem found. */
export type CompileResult = { lessons: Lesson[]; problems: LessonProblem[] };

/** Lesson ids that would hide a page under /lessons/. */
const reservedIds = ['progress', 'learners', 'practice'];

const folderPattern = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

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

type FrontMatter = z.infer<typeof frontMatterSchema>;

/** A locale file as parsed, before the locales are compared. */
type ParsedFile = {
	file: string;
	frontMatter: FrontMatter;
	frontMatterLines: string[];
	title: string;
	summary: string;
	steps: ParsedStep[];
};

type ParsedStep = LessonStep & { line: number };

/** The lesson format's Markdown parser (also used by the reading checks in upkeep.ts). */
export const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// One container rule for every `::: name` block, so an unknown name is reported, not ignored.
markdown.use(container, 'directive', { validate: () => true });
// CommonMark ignores ** next to Japanese punctuation (「**大事**」の); this plugin fixes that.
markdown.use(cjkFriendly);

/** Compiles every lesson folder, checking each file and the locales against each other. */
export function compileLessons(sources: LessonSources): CompileResult {
	const problems: LessonProblem[] = [];
	const folders = new Set(
		[...Object.keys(sources.markdown), ...Object.keys(sources.pictures)].map(
			(path) => path.split('/')[0] ?? ''
		)
	);
	const compiled: { lesson: Lesson; file: string; line: number; related: string[] }[] = [];
	for (const folder of [...folders].sort()) {
		const result = compileFolder(folder, sources, problems);
		if (result) compiled.push(result);
	}

	// Checks across lessons: unique ids and orders, links and related lessons that exist.
	const ids = new Set<string>();
	const orders = new Map<number, string>();
	for (const { lesson, file } of compiled) {
		if (ids.has(lesson.id)) {
			problems.push({ file, line: 2, message: `id "${lesson.id}" is used by another lesson` });
		}
		ids.add(lesson.id);
		const other = orders.get(lesson.order);
		if (other) {
			problems.push({
				file,
				line: 1,
				message: `order ${lesson.order} is also used by ${other}: renumber one of the folders`
			});
		}
		orders.set(lesson.order, lesson.folder);
	}
	for (const { lesson, file } of compiled) {
		for (const id of lesson.related) {
			if (!ids.has(id) || id === lesson.id) {
				problems.push({
					file,
					line: 1,
					message: `related lesson "${id}" does not exist: use the id of another lesson`
				});
			}
		}
		for (const locale of localeIds) {
			const localeFile = `${sources.root}/${lesson.folder}/${locale}.md`;
			lesson.text[locale].steps.forEach((step, index) => {
				for (const link of lessonLinks(step.blocks)) {
					if (!ids.has(link)) {
						problems.push({
							file: localeFile,
							line: (step as ParsedStep).line,
							message: `broken lesson link "lesson:${link}" in step ${index + 1}: use the id of an existing lesson`
						});
					}
				}
			});
		}
	}

	const broken = new Set(problems.map((problem) => problem.file.split('/').at(-2)));
	const lessons = compiled
		.filter(({ lesson }) => !broken.has(lesson.folder))
		.map(({ lesson }) => lessonSchema.parse(stripLines(lesson)))
		.sort((a, b) => a.order - b.order);
	return { lessons, problems };
}

/** Compiles one lesson folder, or returns null (with problems) when a locale cannot be read. */
function compileFolder(
	folder: string,
	sources: LessonSources,
	problems: LessonProblem[]
): { lesson: Lesson; file: string; line: number; related: string[] } | null {
	const base = `${sources.root}/${folder}`;
	const match = folderPattern.exec(folder);
	if (!match) {
		problems.push({
			file: base,
			line: 0,
			message: 'folder name must be NN-id, like 02-touch (two digits, a dash, the lesson id)'
		});
		return null;
	}
	const parsed = new Map<Locale, ParsedFile>();
	for (const locale of localeIds) {
		const file = `${base}/${locale}.md`;
		const text = sources.markdown[`${folder}/${locale}.md`];
		if (text === undefined) {
			problems.push({
				file,
				line: 0,
				message: `missing locale ${locale}: add ${locale}.md with the same steps as ja.md`
			});
			continue;
		}
		const result = parseFile({ file, text, folder, sources, problems });
		if (result) parsed.set(locale, result);
	}
	for (const name of Object.keys(sources.markdown)) {
		const [dir, fileName] = name.split('/');
		if (dir === folder && !localeIds.some((locale) => fileName === `${locale}.md`)) {
			problems.push({
				file: `${sources.root}/${name}`,
				line: 0,
				message: `unknown file: name locale files ${localeIds.map((id) => `${id}.md`).join(', ')}`
			});
		}
	}
	const reference = parsed.get('ja');
	if (!reference || parsed.size !== localeIds.length) return null;

	const meta = reference.frontMatter;
	const [, number, slug] = match;
	if (meta.id !== slug) {
		problems.push({
			file: reference.file,
			line: keyLine(reference, 'id'),
			message: `id "${meta.id}" must equal the folder name without its number ("${slug}")`
		});
	}
	if (meta.order !== Number(number)) {
		problems.push({
			file: reference.file,
			line: keyLine(reference, 'order'),
			message: `order ${meta.order} must equal the folder's number (${Number(number)})`
		});
	}
	if (reservedIds.includes(meta.id)) {
		problems.push({
			file: reference.file,
			line: keyLine(reference, 'id'),
			message: `id "${meta.id}" is reserved for a page of the app: choose another`
		});
	}
	for (const [locale, other] of parsed) {
		if (locale !== 'ja') compareLocales(reference, other, problems);
	}

	const text = Object.fromEntries(
		[...parsed].map(([locale, file]) => {
			const value = { title: file.title, summary: file.summary, steps: file.steps };
			// 日本語 is written without furigana; the build adds them from the reviewed readings.
			return [locale, locale === 'ja' ? withJaReadings(value) : value];
		})
	) as unknown as Lesson['text'];
	const lesson: Lesson = {
		id: meta.id,
		folder,
		order: meta.order,
		level: meta.level,
		minutes: meta.minutes,
		related: meta.related,
		checked: meta.checked,
		sources: meta.sources,
		text
	};
	return { lesson, file: reference.file, line: 1, related: meta.related };
}

type LessonText = Pick<ParsedFile, 'title' | 'summary' | 'steps'>;
type TextBlock = ParsedFile['steps'][number]['blocks'][number];
type Inline = Extract<TextBlock, { type: 'paragraph' }>['inlines'][number];

/**
 * Gives a lesson's 日本語 text its furigana as markup, from the reviewed readings: in the data
 * once, inline, as the やさしい日本語 text has them. Picture descriptions stay plain (they are
 * attributes, read by screen readers).
 */
function withJaReadings(text: LessonText): LessonText {
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

/** The line (1-based) of a front matter key, for messages. */
function keyLine(file: Pick<ParsedFile, 'frontMatterLines'>, key: string): number {
	const index = file.frontMatterLines.findIndex((line) => line.startsWith(`${key}:`));
	return index === -1 ? 1 : index + 2;
}

/** Checks that a translation has the reference's facts, steps, pictures and practice. */
function compareLocales(reference: ParsedFile, other: ParsedFile, problems: LessonProblem[]) {
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

/** Every `lesson:` link in a step. */
function lessonLinks(blocks: LessonBlock[]): string[] {
	const links: string[] = [];
	const visitInlines = (inlines: LessonInline[]) => {
		for (const inline of inlines)
			if (inline.type === 'link' && inline.lessonId) links.push(inline.lessonId);
	};
	for (const block of blocks) {
		if (block.type === 'paragraph') visitInlines(block.inlines);
		if (block.type === 'list') block.items.forEach(visitInlines);
		if (block.type === 'device') links.push(...lessonLinks(block.blocks));
		if (block.type === 'practice') links.push(...lessonLinks(block.prompt));
	}
	return links;
}

/** Removes the line numbers the compiler kept for its messages. */
function stripLines(lesson: Lesson): Lesson {
	const text = Object.fromEntries(
		Object.entries(lesson.text).map(([locale, value]) => [
			locale,
			{ ...value, steps: value.steps.map(({ title, blocks }) => ({ title, blocks })) }
		])
	) as Lesson['text'];
	return { ...lesson, text };
}

type FileContext = {
	file: string;
	text: string;
	folder: string;
	sources: LessonSources;
	problems: LessonProblem[];
};

/** Parses one locale file: front matter, then steps. */
function parseFile(context: FileContext): ParsedFile | null {
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
	const separator = context.file.endsWith('/en.md') ? ' ' : '';
	for (const key of ['title', 'summary'] as const) {
		for (const error of findFuriganaErrors(frontMatter[key])) {
			problems.push({
				file,
				line: keyLine({ frontMatterLines }, key),
				message: `${error}: write furigana as {漢字|かんじ}`
			});
		}
	}
	const body = lines.slice(end + 1).join('\n');
	const steps = parseSteps({ ...context, body, firstLine: end + 2, separator });
	if (steps.length === 0) {
		problems.push({ file, line: end + 2, message: 'no steps: start each step with a ## heading' });
		return null;
	}
	return {
		file,
		frontMatter,
		frontMatterLines,
		title: frontMatter.title,
		summary: frontMatter.summary,
		steps
	};
}

/**
 * Quotes a `title:` or `summary:` that starts with furigana markup: YAML would read
 * `title: {画面|がめん}の…` as a mapping, and authors should not have to know that.
 */
function quoteFurigana(line: string): string {
	const match = /^(title|summary):\s*(\{[^{}|]+\|[^{}|]+\}.*)$/.exec(line);
	return match ? `${match[1]}: ${JSON.stringify(match[2]!.trim())}` : line;
}

type BodyContext = FileContext & { body: string; firstLine: number; separator: string };

/** Splits the Markdown body into steps, one per `##` heading. */
function parseSteps(context: BodyContext): ParsedStep[] {
	const { file, problems } = context;
	const tokens = markdown.parse(context.body, {});
	const lineOf = (token: Token | undefined) => (token?.map?.[0] ?? 0) + context.firstLine;
	const steps: ParsedStep[] = [];
	// Blocks are collected into the current step, or into an open ::: container.
	let open: { kind: 'device'; device: Device; line: number; blocks: LessonBlock[] } | null = null;
	let openPractice: {
		kind: string;
		params: Record<string, string>;
		line: number;
		blocks: LessonBlock[];
	} | null = null;
	let skipContainer = 0;

	const target = (): LessonBlock[] | null => {
		if (open) return open.blocks;
		if (openPractice) return openPractice.blocks;
		return steps.at(-1)?.blocks ?? null;
	};
	const add = (block: LessonBlock, token: Token) => {
		const blocks = target();
		if (!blocks) {
			problems.push({
				file,
				line: lineOf(token),
				message: 'text before the first step: start with a ## heading'
			});
			return;
		}
		blocks.push(block);
	};

	for (let index = 0; index < tokens.length; index += 1) {
		const token = tokens[index]!;
		const line = lineOf(token);
		switch (token.type) {
			case 'heading_open': {
				const inline = tokens[index + 1]!;
				index += 2;
				if (token.tag !== 'h2') {
					problems.push({
						file,
						line,
						message: `${token.markup} heading: use ## for each step (no other headings)`
					});
					break;
				}
				if (open || openPractice) {
					problems.push({
						file,
						line,
						message: 'a ::: block is not closed: add ::: before this step'
					});
					open = null;
					openPractice = null;
				}
				checkFurigana(inline.content, file, line, problems);
				steps.push({ title: inline.content, blocks: [], line });
				break;
			}
			case 'paragraph_open': {
				const inline = tokens[index + 1]!;
				index += 2;
				const block = paragraph(inline, context, line);
				if (block) add(block, token);
				break;
			}
			case 'bullet_list_open':
			case 'ordered_list_open': {
				const items: LessonInline[][] = [];
				let depth = 0;
				for (index += 1; index < tokens.length; index += 1) {
					const inner = tokens[index]!;
					if (inner.type === token.type) depth += 1;
					if (inner.type === token.type.replace('_open', '_close')) {
						if (depth === 0) break;
						depth -= 1;
					}
					if (inner.type === 'inline') {
						items.push(inlines(inner, context, lineOf(inner)));
					}
				}
				add({ type: 'list', ordered: token.type === 'ordered_list_open', items }, token);
				break;
			}
			case 'container_directive_open': {
				const [name = '', ...rest] = token.info.trim().split(/\s+/);
				if (open || openPractice) {
					problems.push({
						file,
						line,
						message: '::: blocks cannot be inside each other: close the first with :::'
					});
					skipContainer += 1;
					break;
				}
				if ((devices as readonly string[]).includes(name)) {
					if (rest.length > 0) {
						problems.push({ file, line, message: `write "::: ${name}" alone on its line` });
					}
					open = { kind: 'device', device: name as Device, line, blocks: [] };
				} else if (name === 'practice') {
					const [kind = '', ...pairs] = rest;
					const params: Record<string, string> = {};
					for (const pair of pairs) {
						const [key, ...value] = pair.split('=');
						if (!key || value.length === 0) {
							problems.push({
								file,
								line,
								message: `practice parameter "${pair}": write key=value`
							});
						} else params[key] = value.join('=');
					}
					openPractice = { kind, params, line, blocks: [] };
				} else {
					problems.push({
						file,
						line,
						message: `unknown block "::: ${name}": use ::: android, ::: iphone or ::: practice <kind>`
					});
					skipContainer += 1;
				}
				break;
			}
			case 'container_directive_close': {
				if (skipContainer > 0) {
					skipContainer -= 1;
				} else if (open) {
					const device = open;
					open = null;
					add(
						{ type: 'device', device: device.device, blocks: device.blocks.filter(isSimpleBlock) },
						token
					);
				} else if (openPractice) {
					const practice = openPractice;
					openPractice = null;
					const block = practiceBlock(practice, file, problems);
					if (block) add(block, token);
				}
				break;
			}
			case 'hr':
				problems.push({ file, line, message: 'a --- line: start a new step with ## instead' });
				break;
			default:
				if (token.type.endsWith('_close') || token.type === 'inline') break;
				problems.push({
					file,
					line,
					message: `${describe(token)} is not part of the lesson format: use paragraphs, pictures, lists and ::: blocks`
				});
				index = skipBlock(tokens, index);
		}
	}
	if (open || openPractice) {
		problems.push({
			file,
			line: (open ?? openPractice)!.line,
			message: 'this ::: block is not closed: add a line with ::: after its text'
		});
	}
	for (const [index, step] of steps.entries()) checkStep(step, index, file, problems);
	return steps;
}

/** The name of a Markdown construct the lesson format does not use. */
function describe(token: Token): string {
	const names: Record<string, string> = {
		table_open: 'a table',
		blockquote_open: 'a quote (>)',
		fence: 'a code block',
		code_block: 'an indented code block (4 spaces)',
		html_block: 'HTML'
	};
	return names[token.type] ?? token.type;
}

/** Skips to the end of a block the format does not use. */
function skipBlock(tokens: Token[], index: number): number {
	const token = tokens[index]!;
	if (!token.type.endsWith('_open')) return index;
	const close = token.type.replace('_open', '_close');
	let depth = 0;
	for (let next = index + 1; next < tokens.length; next += 1) {
		if (tokens[next]!.type === token.type) depth += 1;
		if (tokens[next]!.type === close) {
			if (depth === 0) return next;
			depth -= 1;
		}
	}
	return tokens.length;
}

/** Checks what one step may hold: some text, one picture, device blocks in pairs, one practice. */
function checkStep(step: ParsedStep, index: number, file: string, problems: LessonProblem[]) {
	const number = index + 1;
	const pictures = step.blocks.filter((block) => block.type === 'picture').length;
	if (pictures > 1) {
		problems.push({
			file,
			line: step.line,
			message: `step ${number} has ${pictures} pictures: keep one per step (and one in each device block)`
		});
	}
	const practices = step.blocks.filter((block) => block.type === 'practice').length;
	if (practices > 1) {
		problems.push({
			file,
			line: step.line,
			message: `step ${number} has ${practices} practice blocks: keep one per step`
		});
	}
	if (!step.blocks.some((block) => block.type !== 'picture')) {
		problems.push({
			file,
			line: step.line,
			message: `step ${number} has no instruction: write one to three short sentences`
		});
	}
	// Device blocks come in pairs: an android block right beside an iphone block.
	for (let at = 0; at < step.blocks.length; at += 1) {
		const block = step.blocks[at]!;
		if (block.type !== 'device') continue;
		const next = step.blocks[at + 1];
		if (next?.type === 'device' && next.device !== block.device) {
			at += 1;
			for (const pair of [block, next]) {
				if (pair.blocks.filter((inner) => inner.type === 'picture').length > 1) {
					problems.push({
						file,
						line: step.line,
						message: `step ${number}: the ${pair.device} block has more than one picture: keep one`
					});
				}
			}
			continue;
		}
		const other = block.device === 'android' ? 'iphone' : 'android';
		problems.push({
			file,
			line: step.line,
			message: `step ${number}: a ::: ${block.device} block without its ::: ${other} block: write both, one after the other`
		});
	}
}

/** Whether a block may sit inside a ::: block (containers do not nest). */
function isSimpleBlock(
	block: LessonBlock
): block is Extract<LessonBlock, { type: 'paragraph' | 'list' | 'picture' }> {
	return block.type !== 'device' && block.type !== 'practice';
}

/** Checks a practice directive against the widget's parameters. */
function practiceBlock(
	practice: { kind: string; params: Record<string, string>; line: number; blocks: LessonBlock[] },
	file: string,
	problems: LessonProblem[]
): LessonBlock | null {
	const { kind, params, line } = practice;
	if (!isPracticeKind(kind)) {
		problems.push({
			file,
			line,
			message: `unknown practice widget "${kind}": use one of ${practiceKinds.join(', ')}`
		});
		return null;
	}
	const result = practiceParamSchemas[kind].safeParse(params);
	if (!result.success) {
		for (const issue of result.error.issues) {
			const key = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
			problems.push({
				file,
				line,
				message: `practice ${kind}: parameter ${key || '?'}: ${issue.message} (see the table in lessons/README.md)`
			});
		}
		return null;
	}
	const prompt = practice.blocks.filter(isSimpleBlock);
	return { type: 'practice', kind, params, prompt };
}

/** A paragraph, or a picture when the paragraph is a picture alone. */
function paragraph(inline: Token, context: BodyContext, line: number): LessonBlock | null {
	const children = (inline.children ?? []).filter(
		(child) => !(child.type === 'text' && child.content.trim() === '') && child.type !== 'softbreak'
	);
	const images = children.filter((child) => child.type === 'image');
	if (images.length > 0) {
		if (children.length > 1) {
			context.problems.push({
				file: context.file,
				line,
				message: 'put a picture on a line of its own, with an empty line before and after'
			});
			return null;
		}
		return picture(images[0]!, context, line);
	}
	return { type: 'paragraph', inlines: inlines(inline, context, line) };
}

/** A picture, checked: alt text, an SVG of the lesson's folder, safe content. */
function picture(image: Token, context: BodyContext, line: number): LessonBlock | null {
	const { file, problems } = context;
	const src = String(image.attrGet('src') ?? '');
	const alt = image.content.trim();
	// The picture's own line inside a multi-line paragraph, for the message.
	const exact = lineContaining(context, `](${src}`) ?? line;
	let ok = true;
	if (!alt) {
		problems.push({
			file,
			line: exact,
			message: `missing alt text for ${src}: describe what matters in the picture, as ![what it shows](${src})`
		});
		ok = false;
	} else {
		checkFurigana(alt, file, exact, problems);
	}
	if (!/^[\w-]+\.svg$/.test(src)) {
		problems.push({
			file,
			line: exact,
			message: `picture "${src}": use an SVG file in the lesson's own folder, like tap-screen.svg`
		});
		return null;
	}
	const svg = context.sources.pictures[`${context.folder}/${src}`];
	if (svg === undefined) {
		problems.push({
			file,
			line: exact,
			message: `missing picture file ${context.sources.root}/${context.folder}/${src}: add it or fix the name`
		});
		return null;
	}
	if (!/<svg[\s>]/.test(svg) || /<script|\son\w+\s*=|javascript:/i.test(svg)) {
		problems.push({
			file,
			line: exact,
			message: `picture ${src} is not a plain SVG: remove scripts and event attributes`
		});
		return null;
	}
	const size = viewBoxSize(svg);
	if (!size) {
		problems.push({
			file,
			line: exact,
			message: `picture ${src} has no viewBox: give its <svg> one (viewBox="0 0 320 240"), so the page can keep the picture's place while it loads`
		});
		return null;
	}
	return ok ? { type: 'picture', file: src, alt: alt, ...size } : null;
}

/** The width and height of an SVG's viewBox (its shape), or null without a usable one. */
function viewBoxSize(svg: string): { width: number; height: number } | null {
	const viewBox = /<svg\b[^>]*\sviewBox\s*=\s*["']([^"']+)["']/.exec(svg)?.[1];
	const numbers =
		viewBox
			?.trim()
			.split(/[\s,]+/)
			.map(Number) ?? [];
	const [, , width = NaN, height = NaN] = numbers;
	// NaN (a word, or nothing) is not above 0 either.
	if (numbers.length !== 4 || !(width > 0) || !(height > 0)) return null;
	return { width, height };
}

/** The 1-based line of the body that holds `needle`, if any. */
function lineContaining(context: BodyContext, needle: string): number | null {
	const index = context.body.split('\n').findIndex((line) => line.includes(needle));
	return index === -1 ? null : index + context.firstLine;
}

/** Inline content: text with furigana and bold, and links. */
function inlines(inline: Token, context: BodyContext, line: number): LessonInline[] {
	const { file, problems } = context;
	const result: LessonInline[] = [];
	let strong = false;
	let link: Extract<LessonInline, { type: 'link' }> | null = null;
	let buffer = '';
	const flush = () => {
		if (!buffer) return;
		checkFurigana(buffer, file, line, problems);
		if (/<\/?[a-zA-Z][^>]*>/.test(buffer)) {
			problems.push({
				file,
				line,
				message: 'HTML is not part of the lesson format: write plain text'
			});
		}
		const piece = {
			type: 'text' as const,
			text: buffer,
			...(strong ? { strong } : {})
		};
		if (link) link.children.push(piece);
		else result.push(piece);
		buffer = '';
	};
	for (const child of inline.children ?? []) {
		switch (child.type) {
			case 'text':
			case 'code_inline':
				buffer += child.content;
				break;
			case 'softbreak':
			case 'hardbreak':
				buffer += context.separator;
				break;
			case 'strong_open':
			case 'strong_close':
				flush();
				strong = child.type === 'strong_open';
				break;
			case 'link_open': {
				flush();
				const href = String(child.attrGet('href') ?? '');
				if (href.startsWith('lesson:')) {
					link = {
						type: 'link',
						href: `/lessons/${href.slice(7)}`,
						lessonId: href.slice(7),
						children: []
					};
				} else if (/^https?:\/\//.test(href)) {
					link = { type: 'link', href, children: [] };
				} else {
					problems.push({
						file,
						line,
						message: `link "${href}": use lesson:<id> for a lesson or a full https:// address`
					});
					link = { type: 'link', href: '', children: [] };
				}
				break;
			}
			case 'link_close':
				flush();
				if (link?.href) result.push(link);
				else if (link) result.push(...link.children);
				link = null;
				break;
			case 'image':
				problems.push({
					file,
					line,
					message: 'put a picture on a line of its own, with an empty line before and after'
				});
				break;
			default:
				// Emphasis (*…*) and the like: the text is kept, the styling is not part of the format.
				if (child.content) buffer += child.content;
		}
	}
	flush();
	return result;
}

/** Reports malformed `{漢字|かんじ}` markup. */
function checkFurigana(text: string, file: string, line: number, problems: LessonProblem[]) {
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
