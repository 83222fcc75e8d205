import { json } from '@sveltejs/kit';
import { loginRequestSchema } from '$lib/domain/volunteer';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale, tooManyRequests } from '$lib/server/http';
import { logInOperatorWithCookie } from '$lib/server/operators';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Logs the operator in, on any host; the session is a cookie of its own. */
export const POST: RequestHandler = async ({ request, url, cookies, getClientAddress }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, loginRequestSchema);
	if (!parsed.ok) return parsed.response;
	const result = await logInOperatorWithCookie({
		context: await serverContext(),
		email: parsed.data.email,
		password: parsed.data.password,
		address: getClientAddress(),
		cookies,
		url
	});
	if (result.ok) return json({ operator: result.operator });
	if (result.code === 'too_many_logins') {
		return tooManyRequests({ code: result.code, locale, retryAfter: result.retryAfter });
	}
	return errorResponse({ status: 401, code: result.code, locale });
};
