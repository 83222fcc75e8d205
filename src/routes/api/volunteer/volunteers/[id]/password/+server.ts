import { passwordResetSchema } from '$lib/domain/volunteer';
import { AuthError, resetPassword } from '$lib/server/auth';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Admins reset a volunteer's password; that volunteer's sessions all end. */
export const PUT: RequestHandler = async ({ request, url, params, locals }) => {
	const locale = requestLocale(request, url);
	if (locals.volunteer?.role !== 'admin')
		return errorResponse({ status: 403, code: 'forbidden', locale });
	const parsed = await parseJsonRequest(request, locale, passwordResetSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	try {
		await resetPassword(database, {
			volunteerId: params.id,
			password: parsed.data.password,
			now: clock()
		});
		return new Response(null, { status: 204 });
	} catch (error) {
		if (error instanceof AuthError) {
			return errorResponse({
				status: error.code === 'volunteer_not_found' ? 404 : 400,
				code: error.code,
				locale
			});
		}
		throw error;
	}
};
