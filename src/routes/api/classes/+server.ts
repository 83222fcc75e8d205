import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { listUpcomingClasses } from '$lib/server/signups';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Upcoming classes with their seats left and waiting list (public; no personal data). */
export const GET: RequestHandler = async ({ locals }) => {
	const { database, clock } = await serverContext();
	const classes = await listUpcomingClasses(database, clock(), locals.townId);
	return json({ classes }, { headers: { 'cache-control': 'no-store' } });
};
