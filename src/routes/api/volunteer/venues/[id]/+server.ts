import { json } from '@sveltejs/kit';
import { venuePatchSchema } from '$lib/domain/class';
import { ClassError, patchVenueIn, retireVenueIn } from '$lib/server/classes';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Changes a venue's name or address: `{ name?, address? }`. */
export const PATCH: RequestHandler = async ({ request, url, params, locals }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, venuePatchSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	try {
		const venue = await database.transaction((tx) =>
			patchVenueIn(tx, {
				id: params.id,
				changes: parsed.data,
				actor: locals.volunteer?.id ?? 'unknown',
				now: clock()
			})
		);
		return json(venue);
	} catch (error) {
		if (error instanceof ClassError)
			return errorResponse({ status: error.status, code: error.code, locale });
		throw error;
	}
};

/**
 * Retires a venue (it is kept for past classes). 409 `venue_in_use` while a scheduled class
 * that has not ended is held there.
 */
export const DELETE: RequestHandler = async ({ request, url, params, locals }) => {
	const locale = requestLocale(request, url);
	const { database, clock } = await serverContext();
	try {
		await database.transaction((tx) =>
			retireVenueIn(tx, { id: params.id, actor: locals.volunteer?.id ?? 'unknown', now: clock() })
		);
		return new Response(null, { status: 204 });
	} catch (error) {
		if (error instanceof ClassError)
			return errorResponse({ status: error.status, code: error.code, locale });
		throw error;
	}
};
