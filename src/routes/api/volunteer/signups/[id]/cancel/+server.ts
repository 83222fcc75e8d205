import { json } from '@sveltejs/kit';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import { cancelSignup, SignupError } from '$lib/server/signups';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Cancels a sign-up for a resident who phoned (no cancel token); promotes the waiting list. */
export const POST: RequestHandler = async ({ request, url, params, locals }) => {
	const { database, clock } = await serverContext();
	try {
		return json(
			await cancelSignup(database, {
				id: params.id,
				volunteerId: locals.volunteer?.id ?? 'unknown',
				now: clock()
			})
		);
	} catch (error) {
		if (error instanceof SignupError) {
			return errorResponse({
				status: error.status,
				code: error.code,
				locale: requestLocale(request, url)
			});
		}
		throw error;
	}
};
