import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import container from 'markdown-it-container';
import cjkFriendly from 'markdown-it-cjk-friendly';
import { isPracticeKind, practiceKinds, practiceParamSchemas } from '$lib/domain/practice';
import { devices, type Device, type LessonBlock, type LessonInline } from '$lib/lessons/lesson';
import { checkFurigana, type BodyContext, type LessonProblem, type ParsedStep } from './context';
import { picture } from './pictures';

/**
 * The lesson compiler's steps: a file's Markdown body read token by token into steps (one per
 * `##` heading) of paragraphs, pictures, lists and `:::` blocks, with every construct the format
 * does not use reported.
 */

/** The lesson format's Markdown parser (also used by the reading checks in upkeep.ts). */
export const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// One container rule for every `::: name` block, so an unknown name is reported, not ignored.
markdown.use(container, 'directive', { validate: () => true });
// CommonMark ignores ** next to Japanese punctuation (「**大事**」の); this plugin fixes that.
markdown.use(cjkFriendly);

/** A `:::` block being read: its blocks go into it until its closing `:::`. */
type OpenBlock =
	| { type: 'device'; device: Device; line: number; blocks: LessonBlock[] }
	| {
			type: 'practice';
			kind: string;
			params: Record<string, string>;
			line: number;
			blocks: LessonBlock[];
	  };

/** A body being read: the steps so far, the ::: block open, and how many refused ones to skip. */
type Reading = {
	context: BodyContext;
	steps: ParsedStep[];
	open: OpenBlock | null;
	/** Closing `:::` lines that belong to refused blocks (nested or unknown), not to `open`. */
	skipContainer: number;
};

/** Splits the Markdown body into steps, one per `##` heading. */
export function parseSteps(context: BodyContext): ParsedStep[] {
	const { file, problems } = context;
	const tokens = markdown.parse(context.body, {});
	const reading: Reading = { context, steps: [], open: null, skipContainer: 0 };
	for (let index = 0; index < tokens.length; index += 1) {
		const token = tokens[index]!;
		const line = lineOf(context, token);
		switch (token.type) {
			case 'heading_open':
				heading(reading, token, tokens[index + 1]!, line);
				index += 2;
				break;
			case 'paragraph_open': {
				const block = paragraph(tokens[index + 1]!, context, line);
				index += 2;
				if (block) add(reading, block, token);
				break;
			}
			case 'bullet_list_open':
			case 'ordered_list_open':
				index = list(reading, tokens, index);
				break;
			case 'container_directive_open':
				openContainer(reading, token, line);
				break;
			case 'container_directive_close':
				closeContainer(reading, token);
				break;
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
	if (reading.open) {
		problems.push({
			file,
			line: reading.open.line,
			message: 'this ::: block is not closed: add a line with ::: after its text'
		});
	}
	for (const [index, step] of reading.steps.entries()) checkStep(step, index, file, problems);
	return reading.steps;
}

/** The file's line of a token. */
function lineOf(context: BodyContext, token: Token | undefined): number {
	return (token?.map?.[0] ?? 0) + context.firstLine;
}

/** Puts a block into the open ::: block, else the current step; before any step, a problem. */
function add(reading: Reading, block: LessonBlock, token: Token): void {
	const blocks = reading.open?.blocks ?? reading.steps.at(-1)?.blocks;
	if (!blocks) {
		reading.context.problems.push({
			file: reading.context.file,
			line: lineOf(reading.context, token),
			message: 'text before the first step: start with a ## heading'
		});
		return;
	}
	blocks.push(block);
}

/** A heading: a `##` starts a step (and ends a ::: block left open); others are refused. */
function heading(reading: Reading, token: Token, inline: Token, line: number): void {
	const { file, problems } = reading.context;
	if (token.tag !== 'h2') {
		problems.push({
			file,
			line,
			message: `${token.markup} heading: use ## for each step (no other headings)`
		});
		return;
	}
	if (reading.open) {
		problems.push({ file, line, message: 'a ::: block is not closed: add ::: before this step' });
		reading.open = null;
	}
	checkFurigana(inline.content, file, line, problems);
	reading.steps.push({ title: inline.content, blocks: [], line });
}

/** A list (nested lists flattened into its items); returns the index of its closing token. */
function list(reading: Reading, tokens: Token[], start: number): number {
	const token = tokens[start]!;
	const items: LessonInline[][] = [];
	let depth = 0;
	let index = start + 1;
	for (; index < tokens.length; index += 1) {
		const inner = tokens[index]!;
		if (inner.type === token.type) depth += 1;
		if (inner.type === token.type.replace('_open', '_close')) {
			if (depth === 0) break;
			depth -= 1;
		}
		if (inner.type === 'inline') {
			items.push(inlines(inner, reading.context, lineOf(reading.context, inner)));
		}
	}
	add(reading, { type: 'list', ordered: token.type === 'ordered_list_open', items }, token);
	return index;
}

/** `::: android`, `::: iphone` or `::: practice <kind> key=value…` opens a block. */
function openContainer(reading: Reading, token: Token, line: number): void {
	const { file, problems } = reading.context;
	const [name = '', ...rest] = token.info.trim().split(/\s+/);
	if (reading.open) {
		problems.push({
			file,
			line,
			message: '::: blocks cannot be inside each other: close the first with :::'
		});
		reading.skipContainer += 1;
		return;
	}
	if ((devices as readonly string[]).includes(name)) {
		if (rest.length > 0) {
			problems.push({ file, line, message: `write "::: ${name}" alone on its line` });
		}
		reading.open = { type: 'device', device: name as Device, line, blocks: [] };
	} else if (name === 'practice') {
		const [kind = '', ...pairs] = rest;
		const params: Record<string, string> = {};
		for (const pair of pairs) {
			const [key, ...value] = pair.split('=');
			if (!key || value.length === 0) {
				problems.push({ file, line, message: `practice parameter "${pair}": write key=value` });
			} else params[key] = value.join('=');
		}
		reading.open = { type: 'practice', kind, params, line, blocks: [] };
	} else {
		problems.push({
			file,
			line,
			message: `unknown block "::: ${name}": use ::: android, ::: iphone or ::: practice <kind>`
		});
		reading.skipContainer += 1;
	}
}

/** A closing `:::`: the open block becomes a device or practice block of the step. */
function closeContainer(reading: Reading, token: Token): void {
	if (reading.skipContainer > 0) {
		reading.skipContainer -= 1;
		return;
	}
	const open = reading.open;
	if (!open) return;
	// Closed first, so that the block goes into the step, not into itself.
	reading.open = null;
	if (open.type === 'device') {
		add(
			reading,
			{ type: 'device', device: open.device, blocks: open.blocks.filter(isSimpleBlock) },
			token
		);
	} else {
		const block = practiceBlock(open, reading.context.file, reading.context.problems);
		if (block) add(reading, block, token);
	}
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
