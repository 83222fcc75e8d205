import { json } from '@sveltejs/kit';
import { newClassSchema } from '$lib/domain/class';
import { ClassError, createClassIn, getClass } from '$lib/server/classes';
import { serverContext } from '$lib/server/context';
import {
	errorResponse,
	otherTownsResponse,
	parseJsonRequest,
	requestLocale
} from '$lib/server/http';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Publishes a class (any volunteer); answers the class with its version. */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, newClassSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	const { townId } = locals;
	const elsewhere = await otherTownsResponse({ database, townId, body: parsed.data, locale });
	if (elsewhere) return elsewhere;
	try {
		const id = await database.transaction((tx) =>
			createClassIn(tx, {
				klass: parsed.data,
				now: clock(),
				id: randomUUID(),
				actor: locals.volunteer?.id
			})
		);
		return json(await getClass(database, id), { status: 201 });
	} catch (error) {
		if (error instanceof ClassError)
			return errorResponse({ status: error.status, code: error.code, locale });
		throw error;
	}
};
