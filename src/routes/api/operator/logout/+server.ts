import { serverContext } from '$lib/server/context';
import { logOutOperatorWithCookie } from '$lib/server/operators';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Ends the operator's session for good (not just the cookie). */
export const POST: RequestHandler = async ({ cookies }) => {
	await logOutOperatorWithCookie({ context: await serverContext(), cookies });
	return new Response(null, { status: 204 });
};
