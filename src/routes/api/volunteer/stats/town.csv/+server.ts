import { serverContext } from '$lib/server/context';
import { periodFromQuery, townReportCsv } from '$lib/server/town-report';
import { townStatistics } from '$lib/server/town-stats';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The period's classes as the デジタル活用支援 report's CSV, one row per class. */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	const asked = periodFromQuery(request, url);
	if ('response' in asked) return asked.response;
	const { database, clock } = await serverContext();
	const stats = await townStatistics(database, {
		period: asked.period,
		now: clock(),
		townId: locals.townId
	});
	const { from, to } = asked.period;
	return new Response(townReportCsv(stats), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="classes-${from}-${to}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
