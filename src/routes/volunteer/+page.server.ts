import { redirect } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { logOutWithCookie } from '$lib/server/login';
import type { Actions, PageServerLoad } from './$types';

export const prerender = false;

// hooks.server.ts sends anonymous visitors to the login page before this runs.
export const load: PageServerLoad = ({ locals }) => ({ volunteer: locals.volunteer });

export const actions: Actions = {
	/** Ends the session for good and returns to the login page (class tablets are shared). */
	logout: async ({ cookies }) => {
		await logOutWithCookie({ context: await serverContext(), cookies });
		redirect(303, '/volunteer/login');
	}
};
