import { json } from '@sveltejs/kit';
import { pullQuerySchema } from '$lib/domain/sync';
import { fieldErrors } from '$lib/domain/signup';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import { pullChanges } from '$lib/server/sync';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * What changed since the device's cursor: classes and seats, the device's own sign-ups and,
 * with a volunteer's session, rosters with attendance. Never cached: a volunteer's answer
 * holds residents' personal data.
 */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	const query = {
		deviceId: url.searchParams.get('deviceId') ?? undefined,
		cursor: url.searchParams.get('cursor') ?? '0'
	};
	const parsed = pullQuerySchema.safeParse(query);
	if (!parsed.success) {
		return errorResponse({
			status: 400,
			code: 'invalid_input',
			locale: requestLocale(request, url),
			fields: fieldErrors(parsed.error, query)
		});
	}
	const { database, clock } = await serverContext();
	const answer = await pullChanges(database, {
		...parsed.data,
		volunteer: locals.volunteer !== null,
		now: clock(),
		townId: locals.townId
	});
	return json(answer, { headers: { 'cache-control': 'no-store' } });
};
