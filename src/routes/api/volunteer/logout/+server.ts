import { logOut, sessionCookie } from '$lib/server/auth';
import { serverContext } from '$lib/server/context';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Ends the session for good (not just the cookie). */
export const POST: RequestHandler = async ({ cookies }) => {
	const token = cookies.get(sessionCookie);
	if (token) await logOut((await serverContext()).database, token);
	cookies.delete(sessionCookie, { path: '/' });
	return new Response(null, { status: 204 });
};
