import { fail, redirect } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { logInWithCookie } from '$lib/server/login';
import { safeNextPath } from '$lib/server/next-path';
import type { Actions, PageServerLoad } from './$types';

export const prerender = false;

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.volunteer) redirect(303, safeNextPath(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	/** The login form; works without JavaScript. Only the e-mail is sent back on failure. */
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').slice(0, 254);
		const password = String(form.get('password') ?? '').slice(0, 128);
		const result = await logInWithCookie({
			context: await serverContext(),
			email,
			password,
			address: getClientAddress(),
			cookies,
			url,
			townId: locals.townId
		});
		if (result.ok) redirect(303, safeNextPath(url.searchParams.get('next')));
		return fail(result.code === 'too_many_logins' ? 429 : 401, { email, code: result.code });
	}
};
