import { json } from '@sveltejs/kit';
import { publicConsultation } from '$lib/server/consultations';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** A 相談会 block with its slots ahead, each with seats left as `GET /api/classes` lists them. */
export const GET: RequestHandler = async ({ request, url, params, locals }) => {
	const { database, clock } = await serverContext();
	const block = await publicConsultation(database, {
		id: params.id,
		now: clock(),
		townId: locals.townId
	});
	if (!block) {
		const locale = requestLocale(request, url);
		return errorResponse({ status: 404, code: 'consultation_not_found', locale });
	}
	return json(block);
};
