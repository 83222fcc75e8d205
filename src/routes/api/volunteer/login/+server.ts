import { json } from '@sveltejs/kit';
import { loginRequestSchema } from '$lib/domain/volunteer';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale, tooManyRequests } from '$lib/server/http';
import { logInWithCookie } from '$lib/server/login';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Logs a volunteer in; the session is a cookie. A failure never says which part was wrong. */
export const POST: RequestHandler = async ({ request, url, cookies, getClientAddress, locals }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, loginRequestSchema);
	if (!parsed.ok) return parsed.response;
	const result = await logInWithCookie({
		context: await serverContext(),
		email: parsed.data.email,
		password: parsed.data.password,
		address: getClientAddress(),
		cookies,
		url,
		townId: locals.townId
	});
	if (result.ok) return json({ volunteer: result.volunteer });
	if (result.code === 'too_many_logins') {
		return tooManyRequests({ code: result.code, locale, retryAfter: result.retryAfter });
	}
	return errorResponse({ status: 401, code: result.code, locale });
};
