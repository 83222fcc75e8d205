import { json } from '@sveltejs/kit';
import { contactMarkSchema } from '$lib/domain/call-list';
import { serverContext } from '$lib/server/context';
import { ContactError, markContact } from '$lib/server/contacts';
import {
	errorResponse,
	otherTownsResponse,
	parseJsonRequest,
	requestLocale
} from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * Ticks or unticks 「連絡済み」 for one person of a class's call list; answers the tick that
 * stands (the latest made). `404` for a sign-up that is not this class's.
 */
export const PUT: RequestHandler = async ({ request, url, params, locals }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, contactMarkSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	const { townId } = locals;
	const elsewhere = await otherTownsResponse({ database, townId, body: parsed.data, locale });
	if (elsewhere) return elsewhere;
	try {
		return json(
			await markContact(database, {
				classId: params.id,
				mark: parsed.data,
				volunteerId: locals.volunteer?.id ?? 'unknown',
				now: clock()
			})
		);
	} catch (error) {
		if (error instanceof ContactError)
			return errorResponse({ status: error.status, code: error.code, locale });
		throw error;
	}
};
