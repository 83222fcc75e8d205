import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { periodFromQuery } from '$lib/server/town-report';
import { townStatistics } from '$lib/server/town-stats';
import type { RequestHandler } from './$types';

export const prerender = false;

/** A period's figures for the town (`?from=YYYY-MM-DD&to=YYYY-MM-DD`, both days included). */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	const asked = periodFromQuery(request, url);
	if ('response' in asked) return asked.response;
	const { database, clock } = await serverContext();
	const stats = await townStatistics(database, {
		period: asked.period,
		now: clock(),
		townId: locals.townId
	});
	return json(stats, { headers: { 'cache-control': 'no-store' } });
};
