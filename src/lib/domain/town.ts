import * as z from 'zod/mini';
import { localeIds } from './locale';

/** Text given in every locale; easy Japanese may carry furigana as `{漢字|かんじ}`. */
export const localizedTextSchema = z.strictObject(
	Object.fromEntries(
		localeIds.map((id) => [id, z.string().check(z.minLength(1), z.maxLength(400))])
	) as Record<(typeof localeIds)[number], z.ZodMiniString>
);

/** Text given in every locale. */
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const phoneSchema = z
	.string()
	.check(z.regex(/^[0-9-]{6,15}$/, 'digits and hyphens, e.g. 0123-45-6789'));
const colourSchema = z.string().check(z.regex(/^#[0-9a-f]{6}$/i, 'a colour like #1a5e3a'));
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
	colours: z.strictObject({
		/** Headers and primary buttons; white text on it needs 7:1 contrast. */
		primary: colourSchema,
		/** The page background behind cards. */
		background: colourSchema
	})
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
