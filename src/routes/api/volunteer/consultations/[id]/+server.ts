import { json } from '@sveltejs/kit';
import { getConsultation } from '$lib/server/consultations';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** One 相談会 block as published (its slots are classes: `/api/volunteer/classes/{id}`). */
export const GET: RequestHandler = async ({ request, url, params }) => {
	const block = await getConsultation((await serverContext()).database, params.id);
	if (!block) {
		const locale = requestLocale(request, url);
		return errorResponse({ status: 404, code: 'consultation_not_found', locale });
	}
	return json(block);
};
