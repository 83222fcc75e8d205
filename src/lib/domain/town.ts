import * as z from 'zod/mini';
import { findFuriganaErrors } from './furigana';
import { localeIds } from './locale';

/** WCAG 2.x relative luminance of an sRGB colour written as `#rrggbb`. */
function relativeLuminance(hex: string): number {
	const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!match) return Number.NaN;
	const [r, g, b] = match.slice(1).map((part) => {
		const channel = parseInt(part, 16) / 255;
		return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio of two `#rrggbb` colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
	const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
		number,
		number
	];
	return (lighter + 0.05) / (darker + 0.05);
}

// Easy Japanese carries furigana as `{漢字|かんじ}`; the other locales show braces as typed.
const markupChecks = {
	ja: (text: string) => !/[{}]/.test(text),
	'ja-easy': (text: string) => findFuriganaErrors(text).length === 0,
	en: (text: string) => !/[{}]/.test(text)
} satisfies Record<(typeof localeIds)[number], (text: string) => boolean>;

/** Text given in every locale; easy Japanese may carry furigana as `{漢字|かんじ}`. */
export const localizedTextSchema = z.strictObject(
	Object.fromEntries(
		localeIds.map((id) => [
			id,
			z
				.string()
				.check(
					z.minLength(1),
					z.maxLength(400),
					z.refine(markupChecks[id], id === 'ja-easy' ? 'furigana like {漢字|かんじ}' : 'no { or }')
				)
		])
	) as Record<(typeof localeIds)[number], z.ZodMiniString>
);

/** Text given in every locale. */
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const phoneSchema = z
	.string()
	.check(z.regex(/^[0-9-]{6,15}$/, 'digits and hyphens, e.g. 0123-45-6789'));
// The page's text, muted text and link colours (app.css `--fg`, `--fg-muted`, `--link`),
// which must stay readable (7:1, WCAG AAA) on the town's background.
const pageTexts = ['#1a1a1a', '#3d3d3d', '#0b3d91'];
const colourPattern = /^#[0-9a-f]{6}$/i;
const colourSchema = z.string().check(z.regex(colourPattern, 'a colour like #1a5e3a'));
/** True when the colour reaches 7:1 against `other`; a malformed one is reported on its own. */
const readableOn = (colour: string, other: string) =>
	!colourPattern.test(colour) || contrastRatio(colour, other) >= 7;
const isoDateSchema = z.iso.date();

const counterSchema = z.strictObject({
	name: localizedTextSchema,
	place: localizedTextSchema,
	hours: localizedTextSchema,
	phone: phoneSchema
});

/** Zod schema of `town.config.json`: everything that differs from one town to the next. */
export const townSchema = z.strictObject({
	id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
	/** True for the demo town: every page then says that the town and its data are made up. */
	fictional: z.boolean(),
	name: localizedTextSchema,
	office: z.strictObject({
		name: localizedTextSchema,
		postalCode: z.string().check(z.regex(/^\d{3}-\d{4}$/)),
		address: localizedTextSchema,
		phone: phoneSchema,
		hours: localizedTextSchema
	}),
	myNumberCounter: counterSchema,
	/** Where seniors can ask for help with their phone between classes. */
	helpDesk: counterSchema,
	/** 出張申請: days when staff take My Number card applications outside the town office. */
	outreachDates: z
		.array(z.strictObject({ date: isoDateSchema, place: localizedTextSchema }))
		.check(z.maxLength(100)),
	colours: z
		.strictObject({
			/** Headers and primary buttons; white text on it needs 7:1 contrast. */
			primary: colourSchema,
			/** The page background behind cards; the page's texts and links need 7:1 on it. */
			background: colourSchema
		})
		.check(
			z.refine((colours) => readableOn(colours.primary, '#ffffff'), {
				message: 'white text on it needs 7:1 contrast: a darker colour',
				path: ['primary']
			}),
			z.refine((colours) => pageTexts.every((text) => readableOn(colours.background, text)), {
				message: 'the text on it needs 7:1 contrast: a lighter colour',
				path: ['background']
			})
		)
});

/** A town's configuration. */
export type Town = z.infer<typeof townSchema>;

/**
 * Parses a town configuration, failing with every problem and its path so that a town's
 * administrator can fix the file.
 */
export function parseTown(input: unknown, source = 'town.config.json'): Town {
	const result = townSchema.safeParse(input);
	if (!result.success) {
		const problems = result.error.issues
			.map((issue) => {
				// zod/mini words every problem alike ("Invalid input"): say what was expected.
				const what =
					issue.code === 'unrecognized_keys'
						? `unknown key ${issue.keys.map((key) => `"${key}"`).join(', ')}`
						: issue.code === 'invalid_type'
							? `expected ${issue.expected}`
							: issue.message;
				return `  ${issue.path.join('.') || '(top)'}: ${what}`;
			})
			.join('\n');
		throw new Error(`${source} is not a valid town configuration:\n${problems}`);
	}
	return result.data;
}

/**
 * What the server answers for the host's town (`/town.js`, `/api/town`): its details and
 * whether its service is paused (the operator's switch).
 */
export const servedTownSchema = z.strictObject({ town: townSchema, suspended: z.boolean() });

/** The host's town as the server answers it. */
export type ServedTown = z.infer<typeof servedTownSchema>;

/** A problem with one field of a town's details, by its dotted path (`office.phone`). */
export type TownFieldError = { code: 'required' | 'too_long' | 'invalid'; max?: number };

/** The value at a path inside a parsed JSON value, or undefined when it is not there. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

/** The problems of a town's details by dotted path, for the desk's form and the API's answer. */
export function townFieldErrors(input: unknown): Record<string, TownFieldError> {
	const result = townSchema.safeParse(input);
	const fields: Record<string, TownFieldError> = Object.create(null) as Record<
		string,
		TownFieldError
	>;
	if (result.success) return fields;
	for (const issue of result.error.issues) {
		const paths =
			issue.code === 'unrecognized_keys'
				? issue.keys.map((key) => [...issue.path, key])
				: [issue.path];
		for (const path of paths) {
			const key = path.map(String).join('.') || '_body';
			if (key in fields) continue;
			if (issue.code === 'too_big') fields[key] = { code: 'too_long', max: Number(issue.maximum) };
			else if (issue.code === 'too_small' || valueAt(input, path) === undefined) {
				fields[key] = { code: 'required' };
			} else fields[key] = { code: 'invalid' };
		}
	}
	return fields;
}
