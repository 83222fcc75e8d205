import { json } from '@sveltejs/kit';
import { consultationCreateSchema } from '$lib/domain/consultation';
import { ClassError } from '$lib/server/classes';
import { createConsultationIn, getConsultation } from '$lib/server/consultations';
import { serverContext } from '$lib/server/context';
import {
	errorResponse,
	otherTownsResponse,
	parseJsonRequest,
	requestLocale
} from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Publishes a 相談会 block with its slots (the `consultation.create` mutation, online). */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, consultationCreateSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	const elsewhere = await otherTownsResponse({
		database,
		townId: locals.townId,
		body: parsed.data,
		made: 'consultation',
		locale
	});
	if (elsewhere) return elsewhere;
	try {
		const { id } = await database.transaction((tx) =>
			createConsultationIn(tx, {
				block: parsed.data,
				actor: locals.volunteer?.id ?? 'unknown',
				now: clock()
			})
		);
		return json(await getConsultation(database, id), { status: 201 });
	} catch (error) {
		if (error instanceof ClassError)
			return errorResponse({ status: error.status, code: error.code, locale });
		throw error;
	}
};
