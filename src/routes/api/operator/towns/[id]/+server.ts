import { json } from '@sveltejs/kit';
import { townPatchSchema } from '$lib/domain/operator';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale } from '$lib/server/http';
import { OperatorError, setTownSuspended } from '$lib/server/operator-towns';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Suspends (`{ suspended: true }`) or resumes a town; its data is kept either way. */
export const PATCH: RequestHandler = async ({ request, url, locals, params }) => {
	const locale = requestLocale(request, url);
	const operator = locals.operator;
	if (!operator) return errorResponse({ status: 401, code: 'operator_login_required', locale });
	const parsed = await parseJsonRequest(request, locale, townPatchSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock, suspendedTowns } = await serverContext();
	try {
		const changed = await setTownSuspended(database, {
			townId: params.id,
			suspended: parsed.data.suspended,
			operator,
			now: clock()
		});
		// This process answers the town's hosts accordingly from the next request on.
		await suspendedTowns.refresh();
		return json(changed);
	} catch (error) {
		if (error instanceof OperatorError) {
			return errorResponse({ status: error.status, code: error.code, locale });
		}
		throw error;
	}
};
