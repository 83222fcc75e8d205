import { serverContext } from '$lib/server/context';
import { logOutWithCookie } from '$lib/server/login';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Ends the session for good (not just the cookie). */
export const POST: RequestHandler = async ({ cookies }) => {
	await logOutWithCookie({ context: await serverContext(), cookies });
	return new Response(null, { status: 204 });
};
