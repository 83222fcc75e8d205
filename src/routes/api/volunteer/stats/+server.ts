import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { classStatistics } from '$lib/server/stats';
import type { RequestHandler } from './$types';

export const prerender = false;

// A year back: long enough to see a season's classes, short enough to stay one small answer.
const periodMs = 365 * 24 * 60 * 60 * 1000;

/** Per-class figures (sign-ups, waiting list, attendance) of the past year and what is planned. */
export const GET: RequestHandler = async ({ locals }) => {
	const { database, clock } = await serverContext();
	const since = new Date(clock().getTime() - periodMs);
	return json(
		{
			since: since.toISOString(),
			classes: await classStatistics(database, { since, townId: locals.townId })
		},
		{ headers: { 'cache-control': 'no-store' } }
	);
};
