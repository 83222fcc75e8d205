import { json } from '@sveltejs/kit';
import { getClass, roster } from '$lib/server/classes';
import { serverContext } from '$lib/server/context';
import { errorResponse, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Who signed up, with their needs and phone (volunteers only; never cached). */
export const GET: RequestHandler = async ({ request, url, params }) => {
	const { database } = await serverContext();
	const klass = await getClass(database, params.id);
	if (!klass)
		return errorResponse({
			status: 404,
			code: 'class_not_found',
			locale: requestLocale(request, url)
		});
	return json(
		{ class: klass, signups: await roster(database, klass.id) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
