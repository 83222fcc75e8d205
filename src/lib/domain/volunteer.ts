import { z } from 'zod';

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

/** `POST /api/volunteer/volunteers` (admins only). */
export const newVolunteerSchema = z.strictObject({
	email: emailSchema,
	name: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(60, { error: 'too_long' }),
	role: z.enum(roles, { error: 'invalid_choice' }),
	password: passwordSchema
});

/** `PUT /api/volunteer/volunteers/{id}/password` (admins only). */
export const passwordResetSchema = z.strictObject({ password: passwordSchema });
