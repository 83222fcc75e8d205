import { serverContext } from '$lib/server/context';
import { servedTown, townManifest } from '$lib/server/town-details';
import type { RequestHandler } from './$types';

// Answered per host: each town's app on a home screen carries its own name and colours.
export const prerender = false;

/** The web app manifest: what a phone needs to install the app on its home screen. */
export const GET: RequestHandler = async ({ locals }) => {
	const { database } = await serverContext();
	const { town } = await servedTown(database, locals.townId);
	return new Response(JSON.stringify(townManifest(town), null, '\t'), {
		headers: {
			'content-type': 'application/manifest+json; charset=utf-8',
			'cache-control': 'no-cache'
		}
	});
};
