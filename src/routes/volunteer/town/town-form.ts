import * as z from 'zod';
import {
	servedTownSchema,
	type ServedTown,
	type Town,
	type TownFieldError
} from '$lib/domain/town';

/** The id of a town field's input, from its path in the details (`office.name.ja`). */
export function townFieldId(path: string): string {
	return `town-${path.replace(/\./g, '-')}`;
}

/** The field to focus first: the first problem in the order the form shows its fields. */
export function firstProblemId(errors: Record<string, TownFieldError>): string | null {
	const inputs =
		typeof document === 'undefined' ? [] : [...document.querySelectorAll('[id^="town-"]')];
	const ids = new Set(Object.keys(errors).map(townFieldId));
	return inputs.find((input) => ids.has(input.id))?.id ?? null;
}

/** A new 出張申請 day to fill in: empty, so that saving asks for its date and place. */
export function blankOutreach(): Town['outreachDates'][number] {
	return { date: '', place: { ja: '', 'ja-easy': '', en: '' } };
}

/**
 * What the town page may meet when it calls the server. Editing the town is office work: nothing
 * is queued, each call happens now or says why not.
 */
export type TownOutcome =
	| { ok: true; served: ServedTown }
	| { ok: false; reason: 'offline' | 'login' | 'forbidden' }
	| { ok: false; reason: 'refused'; code: string; fields: Record<string, TownFieldError> };

const refusalSchema = z.object({
	error: z.object({
		code: z.string(),
		fields: z
			.record(
				z.string(),
				z.object({ code: z.enum(['required', 'too_long', 'invalid']).catch('invalid') }).loose()
			)
			.catch({})
	})
});

/** Reads or saves the host's town for its admin (`/api/volunteer/town`). */
export async function callTown(options: { save?: Town } = {}): Promise<TownOutcome> {
	let response: Response;
	try {
		response = await fetch('/api/volunteer/town', {
			method: options.save ? 'PUT' : 'GET',
			credentials: 'same-origin',
			headers: options.save ? { 'content-type': 'application/json' } : {},
			body: options.save ? JSON.stringify(options.save) : undefined
		});
	} catch {
		return { ok: false, reason: 'offline' };
	}
	if (response.status === 401) return { ok: false, reason: 'login' };
	if (response.status === 403) return { ok: false, reason: 'forbidden' };
	const body: unknown = await response.json().catch(() => null);
	if (response.ok) {
		const served = servedTownSchema.safeParse(body);
		// A service worker's error page, or no answer: as good as offline.
		return served.success ? { ok: true, served: served.data } : { ok: false, reason: 'offline' };
	}
	const refusal = refusalSchema.safeParse(body);
	if (!refusal.success) return { ok: false, reason: 'offline' };
	return {
		ok: false,
		reason: 'refused',
		code: refusal.data.error.code,
		fields: refusal.data.error.fields as Record<string, TownFieldError>
	};
}
