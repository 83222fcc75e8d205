import { error, redirect } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { classIdByShortCode } from '$lib/server/short-codes';
import type { PageServerLoad } from './$types';

// A short link (`/c/ab12`, on posters and in their QR codes) is looked up on the server.
export const prerender = false;

/** Sends a short link on to its class's page; an unknown code gets the friendly 404 beside it. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { database } = await serverContext();
	const classId = await classIdByShortCode(database, params.code, locals.townId);
	if (!classId) error(404, 'Not Found');
	redirect(303, `/classes/class?id=${encodeURIComponent(classId)}`);
};
