import { json } from '@sveltejs/kit';
import { classPatchSchema } from '$lib/domain/class';
import { ClassError, getClass, patchClass } from '$lib/server/classes';
import { serverContext } from '$lib/server/context';
import {
	errorResponse,
	otherTownsResponse,
	parseJsonRequest,
	requestLocale
} from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** One class with its version, the base for an edit. */
export const GET: RequestHandler = async ({ request, url, params }) => {
	const klass = await getClass((await serverContext()).database, params.id);
	if (!klass)
		return errorResponse({
			status: 404,
			code: 'class_not_found',
			locale: requestLocale(request, url)
		});
	return json(klass);
};

/**
 * A field patch `{ baseVersion, changes }`. A stale change of time, venue or capacity answers
 * 409 `conflict` with the class as it is now (`current`), for the volunteer to resolve.
 */
export const PATCH: RequestHandler = async ({ request, url, params, locals }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, classPatchSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	const { townId } = locals;
	const elsewhere = await otherTownsResponse({ database, townId, body: parsed.data, locale });
	if (elsewhere) return elsewhere;
	try {
		const { klass } = await patchClass(database, {
			id: params.id,
			patch: parsed.data,
			actor: locals.volunteer?.id ?? 'unknown',
			now: clock()
		});
		return json(klass);
	} catch (error) {
		if (error instanceof ClassError && error.code === 'ends_before_start') {
			return errorResponse({
				status: 400,
				code: 'invalid_input',
				locale,
				fields: { endsAt: { code: 'ends_before_start' } }
			});
		}
		if (error instanceof ClassError) {
			return errorResponse({
				status: error.status,
				code: error.code,
				locale,
				extra: error.current ? { current: error.current } : {}
			});
		}
		throw error;
	}
};
