import { randomUUID } from 'node:crypto';
import { json } from '@sveltejs/kit';
import { newVenueSchema } from '$lib/domain/class';
import { createVenue } from '$lib/server/classes';
import { serverContext } from '$lib/server/context';
import { parseJsonRequest, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Adds a venue (any volunteer). */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const parsed = await parseJsonRequest(request, requestLocale(request, url), newVenueSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	const id = await createVenue(database, parsed.data, clock(), randomUUID(), locals.townId);
	return json({ id, ...parsed.data }, { status: 201 });
};
