import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { displayedTown, servedTown } from '$lib/server/town-details';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * The host's town as its pages show it (with furigana markup), and whether its service is
 * paused: public, as its pages are. The app asks it once running, for an edit made since.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const { database } = await serverContext();
	return json(displayedTown(await servedTown(database, locals.townId)), {
		headers: { 'cache-control': 'no-cache' }
	});
};
