import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import { cancelSignup, SignupError } from '$lib/server/signups';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Cancels a sign-up for the holder of its cancel token; the waiting list moves up. */
export const DELETE: RequestHandler = async ({ request, params, url }) => {
	const locale = requestLocale(request, url);
	const id = z.uuid().safeParse(params.id);
	if (!id.success) return errorResponse({ status: 404, code: 'signup_not_found', locale });
	const cancelToken = request.headers.get('x-cancel-token') ?? '';
	if (cancelToken === '' || cancelToken.length > 200) {
		return errorResponse({ status: 403, code: 'bad_cancel_token', locale });
	}
	const { database, clock } = await serverContext();
	try {
		const result = await cancelSignup(database, { id: id.data, cancelToken, now: clock() });
		return json({ id: result.id, status: result.status });
	} catch (error) {
		if (error instanceof SignupError)
			return errorResponse({ status: error.status, code: error.code, locale });
		throw error;
	}
};
