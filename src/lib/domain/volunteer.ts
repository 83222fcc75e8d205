import { z } from 'zod';
import { containsIndividualNumber } from './mynumber-guard';

/** Volunteer roles: admins also manage volunteers. */
export const roles = ['admin', 'volunteer'] as const;

/** A volunteer role. */
export type Role = (typeof roles)[number];

/** Password rules (NIST SP 800-63B): 8 to 128 characters, any characters, pasting allowed. */
export const passwordLimits = { min: 8, max: 128 } as const;

/** An e-mail address, compared in lower case. */
export const emailSchema = z
	.email({ error: 'invalid' })
	.max(254, { error: 'too_long' })
	.transform((email) => email.trim().toLowerCase());

/** A new password's length rule (the common-password check is the server's). */
export const passwordSchema = z
	.string({ error: 'required' })
	.min(passwordLimits.min, { error: 'too_short' })
	.max(passwordLimits.max, { error: 'too_long' });

/** `POST /api/volunteer/login`. */
export const loginRequestSchema = z.strictObject({
	email: z.string({ error: 'required' }).max(254, { error: 'too_long' }),
	password: z.string({ error: 'required' }).max(passwordLimits.max, { error: 'too_long' })
});

// Control characters other than tab and line breaks: nothing a person types.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A volunteer's name as an admin types it: free text, so never a 個人番号. */
export const volunteerNameSchema = z
	.string({ error: 'required' })
	.trim()
	.min(1, { error: 'required' })
	.max(60, { error: 'too_long' })
	.refine((name) => !controlCharacters.test(name), { error: 'invalid' })
	.refine((name) => !containsIndividualNumber(name), { error: 'individual_number' });

const roleSchema = z.enum(roles, { error: 'invalid_choice' });

/** `POST /api/volunteer/volunteers` (admins only). */
export const newVolunteerSchema = z.strictObject({
	email: emailSchema,
	name: volunteerNameSchema,
	role: roleSchema,
	password: passwordSchema
});

/** `PATCH /api/volunteer/volunteers/{id}` (admins only): at least one of the three. */
export const volunteerPatchSchema = z
	.strictObject({
		name: volunteerNameSchema.optional(),
		role: roleSchema.optional(),
		active: z.boolean({ error: 'invalid' }).optional()
	})
	.refine(
		(patch) => patch.name !== undefined || patch.role !== undefined || patch.active !== undefined,
		{ error: 'required' }
	);

/** The fields a volunteer patch changes. */
export type VolunteerPatch = z.infer<typeof volunteerPatchSchema>;

/** A volunteer as admins see them in `GET /api/volunteer/volunteers`. */
export const volunteerListingSchema = z.object({
	id: z.string(),
	email: z.string(),
	name: z.string(),
	role: z.enum(roles),
	active: z.boolean(),
	lastLoginAt: z.string().nullable()
});

/** One volunteer of the admins' list. */
export type VolunteerListing = z.infer<typeof volunteerListingSchema>;

// Letters and digits that cannot be mistaken for one another when read aloud or copied by
// hand (no 0/O, 1/l/I, 5/S, 2/Z).
const handoverAlphabet = 'abcdefghjkmnpqrstuvwxy346789';

/**
 * A password to hand over on paper or by voice: 12 characters of an unambiguous alphabet in
 * three groups of four (about 57 bits), e.g. `kx7m-3pqa-wh9t`.
 */
export function handoverPassword(
	randomWords: (count: number) => ArrayLike<number> = (count) =>
		crypto.getRandomValues(new Uint32Array(count))
): string {
	// 2^32 is not a multiple of 28: drawing again above the last full multiple keeps it uniform.
	const limit = Math.floor(2 ** 32 / handoverAlphabet.length) * handoverAlphabet.length;
	const characters = Array.from(randomWords(12), (value) => {
		let pick = value;
		while (pick >= limit) pick = randomWords(1)[0]!;
		return handoverAlphabet[pick % handoverAlphabet.length]!;
	});
	return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-');
}

/** `PUT /api/volunteer/volunteers/{id}/password` (admins only). */
export const passwordResetSchema = z.strictObject({ password: passwordSchema });
