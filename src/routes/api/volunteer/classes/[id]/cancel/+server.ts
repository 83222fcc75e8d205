import { json } from '@sveltejs/kit';
import { cancelClass, ClassError } from '$lib/server/classes';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Cancels a class; its sign-ups stay, marked by the class's status. */
export const POST: RequestHandler = async ({ request, url, params, locals }) => {
	const { database, clock } = await serverContext();
	try {
		return json(
			await cancelClass(database, {
				id: params.id,
				actor: locals.volunteer?.id ?? 'unknown',
				now: clock()
			})
		);
	} catch (error) {
		if (error instanceof ClassError) {
			return errorResponse({
				status: error.status,
				code: error.code,
				locale: requestLocale(request, url)
			});
		}
		throw error;
	}
};
