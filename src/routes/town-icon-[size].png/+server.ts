import { redirect } from '@sveltejs/kit';
import { isTownIconSize, sharedTownIcon } from '$lib/domain/town-icons';
import { serverContext } from '$lib/server/context';
import { townIconPng } from '$lib/server/town-icons';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * The host's town's PNG icon (the manifest's and iOS's apple-touch-icon), with its name; the
 * shared app icon while the town's admins have not saved its details on the desk yet.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const size = Number(params.size);
	if (!isTownIconSize(size)) return new Response('Not Found', { status: 404 });
	const { database } = await serverContext();
	const png = await townIconPng(database, locals.townId, size);
	if (!png) redirect(302, sharedTownIcon[size]);
	return new Response(new Uint8Array(png), {
		headers: { 'content-type': 'image/png', 'cache-control': 'no-cache' }
	});
};
