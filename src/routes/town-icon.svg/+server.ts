import { serverContext } from '$lib/server/context';
import { servedTown, townIcon } from '$lib/server/town-details';
import type { RequestHandler } from './$types';

export const prerender = false;

/** The host's town's icon, with its name and colour (the manifest names it). */
export const GET: RequestHandler = async ({ locals }) => {
	const { database } = await serverContext();
	const { town } = await servedTown(database, locals.townId);
	return new Response(townIcon(town), {
		headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-cache' }
	});
};
