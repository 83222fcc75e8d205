import { z } from 'zod';
import type { FieldError, FieldErrorCode } from './signup';
import { townSchema, type Town } from './town';
import { emailSchema, passwordSchema, volunteerNameSchema } from './volunteer';

/**
 * A host name a town answers on, as a Host header carries it once normalised (lower case, no
 * port, no trailing dot): labels of letters, digits and hyphens, separated by dots.
 */
export const hostNameSchema = z
	.string({ error: 'required' })
	.trim()
	.toLowerCase()
	.max(253, { error: 'too_long' })
	.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, {
		error: 'invalid'
	});

/** A town's id: what `town.config.json`'s `id` allows, and short enough to read in a list. */
export const townIdSchema = z
	.string({ error: 'required' })
	.min(1, { error: 'required' })
	.max(40, { error: 'too_long' })
	.regex(/^[a-z0-9-]+$/, { error: 'invalid' });

/** `POST /api/operator/towns`: a new town, its hosts, its details and its first admin. */
export const newTownSchema = z
	.strictObject({
		id: townIdSchema,
		hosts: z
			.array(hostNameSchema, { error: 'required' })
			.min(1, { error: 'required' })
			.max(20, { error: 'too_long' })
			.refine((hosts) => new Set(hosts).size === hosts.length, { error: 'invalid' }),
		// The same schema as town.config.json's.
		town: townSchema,
		admin: z.strictObject({
			email: emailSchema,
			name: volunteerNameSchema,
			password: passwordSchema
		})
	})
	// The town's details carry its id too: one id, said twice, must be the same.
	.refine((request) => request.town.id === request.id, { error: 'invalid', path: ['town', 'id'] });

/** A new town as the operator sends it. */
export type NewTown = z.infer<typeof newTownSchema> & { town: Town };

/** `PATCH /api/operator/towns/{id}`: suspend (true) or resume (false) a town. */
export const townPatchSchema = z.strictObject({
	suspended: z.boolean({ error: 'required' })
});

/** What a town holds, as the operator's list counts it. */
export type TownCounts = { classes: number; signups: number; volunteers: number };

/** One town of `GET /api/operator/towns`. */
export type TownListing = {
	id: string;
	hosts: string[];
	suspended: boolean;
	createdAt: string;
	/** Its details (the town.config.json shape). */
	town: Town;
	counts: TownCounts;
};

// The field codes this schema's messages use (the rest are words of zod's: `invalid`).
const ownCodes = new Set<FieldErrorCode>([
	'required',
	'too_short',
	'too_long',
	'invalid',
	'individual_number'
]);

/** The value at `path` inside `input`, or undefined where it stops. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let value = input;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

/**
 * Every refused field of a request, keyed by its path (`town.office.phone`): a new town's
 * details are found wrong where they are, not only as "town is invalid". `input` (what was
 * parsed) tells a missing or empty field (`required`) from a wrong one.
 */
export function nestedFieldErrors(error: z.ZodError, input: unknown): Record<string, FieldError> {
	const fields = Object.create(null) as Record<string, FieldError>;
	for (const issue of error.issues) {
		const keys =
			issue.code === 'unrecognized_keys'
				? issue.keys.map((key) => [...issue.path, key].join('.'))
				: [issue.path.join('.') || '_body'];
		for (const key of keys) {
			if (Object.hasOwn(fields, key)) continue;
			let code: FieldErrorCode = ownCodes.has(issue.message as FieldErrorCode)
				? (issue.message as FieldErrorCode)
				: 'invalid';
			if (issue.code === 'unrecognized_keys') code = 'unknown_field';
			else if (
				issue.path.length > 0 &&
				['', undefined].includes(valueAt(input, issue.path) as string)
			) {
				code = 'required';
			}
			const field: FieldError = { code };
			if (issue.code === 'too_big') field.max = Number(issue.maximum);
			if (issue.code === 'too_small' && code === 'too_short') field.min = Number(issue.minimum);
			fields[key] = field;
		}
	}
	return fields;
}
