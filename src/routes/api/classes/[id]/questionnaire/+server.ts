import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import { questionnaireClass, QuestionnaireError } from '$lib/server/questionnaire';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * The class a resident's phone shows the questionnaire for, once it has begun: its title and
 * lessons (public facts). `404` for an unknown class, `409` for a cancelled or future one.
 */
export const GET: RequestHandler = async ({ request, url, params }) => {
	const { database, clock } = await serverContext();
	try {
		const klass = await questionnaireClass(database, { classId: params.id, now: clock() });
		return json(klass, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		if (!(error instanceof QuestionnaireError)) throw error;
		return errorResponse({
			status: error.status,
			code: error.code,
			locale: requestLocale(request, url)
		});
	}
};
