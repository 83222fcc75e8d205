import { z } from 'zod';
import { helpTopicsSchema } from './consultation';
import { containsIndividualNumber } from './mynumber-guard';

/** The devices a resident can say they have. */
export const devices = ['android', 'iphone', 'other', 'none'] as const;

/** The help a resident can ask for. */
export const needs = ['sight', 'hearing', 'mobility', 'other'] as const;

/** Field limits, shared by the form (maxlength) and the server. */
export const signupLimits = { name: 60, nameKana: 60, phone: 20, note: 500 } as const;

/**
 * Why a field was refused. The codes are stable (clients and tests rely on them); the words
 * for each come from the i18n resources (`errors.field.<code>`).
 */
export type FieldErrorCode =
	| 'required'
	| 'too_short'
	| 'too_long'
	| 'invalid'
	| 'invalid_phone'
	| 'invalid_kana'
	| 'invalid_choice'
	| 'individual_number'
	| 'ends_before_start'
	| 'unknown_field';

const guardMessage = 'individual_number';

// Control characters other than tab and line breaks: nothing a person types, and PostgreSQL
// refuses NUL outright.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Free text that must never carry a 個人番号. */
function freeText(max: number) {
	return z
		.string({ error: 'required' })
		.trim()
		.max(max, { error: 'too_long' })
		.refine((text) => !controlCharacters.test(text), { error: 'invalid' })
		.refine((text) => !containsIndividualNumber(text), { error: guardMessage });
}

/** Zod schema of `POST /api/signups` (the endpoint contract in DESIGN.md). */
export const signupRequestSchema = z.strictObject(
	{
		id: z.uuid({ error: 'invalid' }),
		classId: z.uuid({ error: 'invalid' }),
		name: freeText(signupLimits.name).min(1, { error: 'required' }),
		nameKana: freeText(signupLimits.nameKana)
			.refine((text) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s]*$/u.test(text), {
				error: 'invalid_kana'
			})
			.optional(),
		phone: freeText(signupLimits.phone)
			.refine((text) => text === '' || /^\+?[0-9０-９()\-－ ]{10,20}$/.test(text), {
				error: 'invalid_phone'
			})
			.optional(),
		device: z.enum(devices, { error: 'invalid_choice' }),
		needsLoaner: z.boolean({ error: 'invalid' }),
		needs: z
			.array(z.enum(needs, { error: 'invalid_choice' }), { error: 'invalid' })
			.max(needs.length, { error: 'invalid' })
			.refine((list) => new Set(list).size === list.length, { error: 'invalid' })
			.optional(),
		note: freeText(signupLimits.note).optional(),
		/** For a 相談会 slot: what the resident wants help with (choices; more words in `note`). */
		helpTopics: helpTopicsSchema.optional()
	},
	{ error: 'unknown_field' }
);

/** A validated sign-up request. */
export type SignupRequest = z.infer<typeof signupRequestSchema>;

/**
 * A sign-up a volunteer enters for a resident who phoned, or for someone standing in the hall
 * (`walkIn`: seated even when the class is full). The class comes from the URL.
 * `confirmDuplicate` says the volunteer checked that this is another person than a sign-up
 * with the same name (a couple sharing a phone), after a `possible_duplicate` refusal.
 */
export const onBehalfSignupSchema = signupRequestSchema.omit({ classId: true }).extend({
	walkIn: z.boolean({ error: 'invalid' }).optional(),
	confirmDuplicate: z.boolean({ error: 'invalid' }).optional()
});

/** A sign-up as the server makes it: a resident's, or a volunteer's with its two choices. */
export type SignupCreation = SignupRequest & { walkIn?: boolean; confirmDuplicate?: boolean };

/** One refused field: its code, and a limit where the message needs one. */
export type FieldError = { code: FieldErrorCode; max?: number; min?: number };

const knownCodes = new Set<string>([
	'required',
	'too_short',
	'too_long',
	'invalid',
	'invalid_phone',
	'invalid_kana',
	'invalid_choice',
	'individual_number',
	'ends_before_start',
	'unknown_field'
]);

/**
 * Turns a zod error into one error per field (the first for each), keyed by field name;
 * unknown fields are reported under their own names. `input` (what was parsed) tells a
 * missing field (`required`) from a wrongly typed one (`invalid`).
 */
export function fieldErrors(error: z.ZodError, input: unknown): Record<string, FieldError> {
	const given =
		input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
	// No prototype: a field called "constructor" or "__proto__" is just a name here.
	const result = Object.create(null) as Record<string, FieldError>;
	for (const issue of error.issues) {
		const keys =
			issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? '_body')];
		for (const key of keys) {
			if (Object.hasOwn(result, key)) continue;
			let code = (knownCodes.has(issue.message) ? issue.message : 'invalid') as FieldErrorCode;
			if (issue.code === 'unrecognized_keys') code = 'unknown_field';
			else if (key !== '_body' && !Object.hasOwn(given, key)) code = 'required';
			else if (issue.code === 'invalid_type') code = 'invalid';
			const field: FieldError = { code };
			if (issue.code === 'too_big') field.max = Number(issue.maximum);
			if (issue.code === 'too_small' && code === 'too_short') field.min = Number(issue.minimum);
			result[key] = field;
		}
	}
	return result;
}

/** The outcome of a sign-up: a seat, or a place on the waiting list. */
export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled';
