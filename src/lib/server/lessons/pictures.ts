import type { Token } from 'markdown-it';
import type { LessonBlock } from '$lib/lessons/lesson';
import { checkFurigana, type BodyContext } from './context';

/**
 * The lesson compiler's pictures: each `![alt](file.svg)` checked for alt text, a file of the
 * lesson's own folder, content that is safe to inline (no scripts, no event attributes) and a
 * viewBox that gives the page its shape before it loads.
 */

/** A picture, checked: alt text, an SVG of the lesson's folder, safe content. */
export function picture(image: Token, context: BodyContext, line: number): LessonBlock | null {
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
	if (!isPlainSvg(svg)) {
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

/** Whether an SVG is one the app may show: an <svg> with no script, event attribute or javascript: URL. */
function isPlainSvg(svg: string): boolean {
	return /<svg[\s>]/.test(svg) && !/<script|\son\w+\s*=|javascript:/i.test(svg);
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
