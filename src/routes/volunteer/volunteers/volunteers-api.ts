import { z } from 'zod';
import type { FieldError, FieldErrorCode } from '$lib/domain/signup';
import {
	volunteerListingSchema,
	type VolunteerListing,
	type VolunteerPatch
} from '$lib/domain/volunteer';

/**
 * The volunteers page's calls to the server. Managing volunteers is office work, not a hall
 * action: nothing is queued, so each call either happens now or says why it did not.
 */
export type Outcome<T> =
	| { ok: true; value: T }
	/** No connection (or no answer): try again once online. */
	| { ok: false; reason: 'offline' }
	/** The session ended (or this volunteer was deactivated): log in again. */
	| { ok: false; reason: 'login' }
	/** Not an admin (any more). */
	| { ok: false; reason: 'forbidden' }
	/** The server refused: its code (`errors.request.<code>`) and the fields' problems. */
	| { ok: false; reason: 'refused'; code: string; fields: Record<string, FieldError> };

// The field codes this page shows; any other (from a newer server) reads as 「正しくありません」.
const shownCodes = new Set<string>([
	'required',
	'too_short',
	'too_long',
	'invalid',
	'invalid_choice',
	'individual_number',
	'unknown_field'
]);

const fieldErrorSchema = z
	.object({ code: z.string(), max: z.number().optional(), min: z.number().optional() })
	.transform((field): FieldError => ({
		...field,
		code: (shownCodes.has(field.code) ? field.code : 'invalid') as FieldErrorCode
	}));

const errorBodySchema = z.object({
	error: z.object({
		code: z.string(),
		fields: z.record(z.string(), fieldErrorSchema).catch({})
	})
});

async function call<T>(
	path: string,
	init: { method?: string; json?: unknown },
	read: (body: unknown) => T | null
): Promise<Outcome<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method: init.method ?? 'GET',
			credentials: 'same-origin',
			headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
			body: init.json === undefined ? undefined : JSON.stringify(init.json)
		});
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (response.status === 401) return { ok: false, reason: 'login' };
	if (response.status === 403) return { ok: false, reason: 'forbidden' };
	const body: unknown =
		response.status === 204 ? null : await response.json().catch(() => undefined);
	if (response.ok) {
		const value = read(body);
		if (value !== null) return { ok: true, value };
	}
	const refusal = errorBodySchema.safeParse(body);
	if (refusal.success) {
		return {
			ok: false,
			reason: 'refused',
			code: refusal.data.error.code,
			fields: refusal.data.error.fields
		};
	}
	// Something between us and the server answered (a proxy's error page): no real answer.
	return { ok: false, reason: 'offline' };
}

const listSchema = z.object({ volunteers: z.array(volunteerListingSchema) });

/** Every volunteer (admins only). */
export function fetchVolunteers(): Promise<Outcome<VolunteerListing[]>> {
	return call('/api/volunteer/volunteers', {}, (body) => {
		const parsed = listSchema.safeParse(body);
		return parsed.success ? parsed.data.volunteers : null;
	});
}

/** Changes a volunteer's name, role or active flag; answers the volunteer as changed. */
export function patchVolunteer(
	id: string,
	changes: VolunteerPatch
): Promise<Outcome<VolunteerListing>> {
	return call(
		`/api/volunteer/volunteers/${encodeURIComponent(id)}`,
		{ method: 'PATCH', json: changes },
		(body) => {
			const parsed = volunteerListingSchema.safeParse(body);
			return parsed.success ? parsed.data : null;
		}
	);
}

/** Adds a volunteer; answers the new id. */
export function addVolunteer(volunteer: {
	email: string;
	name: string;
	role: VolunteerListing['role'];
	password: string;
}): Promise<Outcome<string>> {
	return call('/api/volunteer/volunteers', { method: 'POST', json: volunteer }, (body) => {
		const parsed = z.object({ id: z.string() }).safeParse(body);
		return parsed.success ? parsed.data.id : null;
	});
}

/** Sets a volunteer's new password (their sessions all end). */
export function resetVolunteerPassword(id: string, password: string): Promise<Outcome<true>> {
	return call(
		`/api/volunteer/volunteers/${encodeURIComponent(id)}/password`,
		{ method: 'PUT', json: { password } },
		() => true
	);
}
