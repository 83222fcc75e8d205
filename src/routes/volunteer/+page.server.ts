import { redirect } from '@sveltejs/kit';
import { logOut, sessionCookie } from '$lib/server/auth';
import { serverContext } from '$lib/server/context';
import type { Actions, PageServerLoad } from './$types';

export const prerender = false;

// hooks.server.ts sends anonymous visitors to the login page before this runs.
export const load: PageServerLoad = ({ locals }) => ({ volunteer: locals.volunteer });

export const actions: Actions = {
	/** Ends the session for good and returns to the login page (class tablets are shared). */
	logout: async ({ cookies }) => {
		const token = cookies.get(sessionCookie);
		if (token) await logOut((await serverContext()).database, token);
		cookies.delete(sessionCookie, { path: '/' });
		redirect(303, '/volunteer/login');
	}
};
