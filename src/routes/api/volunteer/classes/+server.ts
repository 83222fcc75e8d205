import { json } from '@sveltejs/kit';
import { newClassSchema } from '$lib/domain/class';
import { createClass, getClass } from '$lib/server/classes';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Publishes a class (any volunteer); answers the class with its version. */
export const POST: RequestHandler = async ({ request, url }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, newClassSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	if (!(await database.first('SELECT id FROM venues WHERE id = ?', [parsed.data.venueId]))) {
		return errorResponse(404, 'venue_not_found', locale);
	}
	const id = await createClass(database, parsed.data, clock());
	return json(await getClass(database, id), { status: 201 });
};
