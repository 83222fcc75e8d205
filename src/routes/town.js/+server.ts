import { serverContext } from '$lib/server/context';
import { servedTown, townScript } from '$lib/server/town-details';
import type { RequestHandler } from './$types';

// Answered per host at run time: each town's pages get its own details before their first paint.
export const prerender = false;

/** The host's town for the page's head (static/boot.js applies it). */
export const GET: RequestHandler = async ({ locals }) => {
	const { database } = await serverContext();
	return new Response(townScript(await servedTown(database, locals.townId)), {
		headers: {
			'content-type': 'text/javascript; charset=utf-8',
			// Asked again on every load: an admin's edit shows on the next one. The service worker
			// keeps a copy for offline use (src/lib/sw/town.ts).
			'cache-control': 'no-cache'
		}
	});
};
