import { json } from '@sveltejs/kit';
import { townFieldErrors, townSchema } from '$lib/domain/town';
import { serverContext } from '$lib/server/context';
import { BodyError, errorResponse, readJsonBody, requestLocale } from '$lib/server/http';
import { servedTown, TownIdError, updateTownDetails } from '$lib/server/town-details';
import type { RequestHandler } from './$types';

export const prerender = false;

// A town's details with a hundred 出張申請 days in three languages stay far below this.
const maxTownBytes = 256 * 1024;

/** The town's details as its admins edit them (the same as `GET /api/town`). */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	const locale = requestLocale(request, url);
	if (locals.volunteer?.role !== 'admin') {
		return errorResponse({ status: 403, code: 'forbidden', locale });
	}
	const { database } = await serverContext();
	return json(await servedTown(database, locals.townId), {
		headers: { 'cache-control': 'no-store' }
	});
};

/**
 * The town's admins replace its details (the whole town file's shape, its id unchanged):
 * `200` with what is served now, `400` with the refused fields by path (`office.phone`).
 */
export const PUT: RequestHandler = async ({ request, url, locals }) => {
	const locale = requestLocale(request, url);
	const admin = locals.volunteer;
	if (admin?.role !== 'admin') return errorResponse({ status: 403, code: 'forbidden', locale });
	let body: unknown;
	try {
		body = await readJsonBody(request, maxTownBytes);
	} catch (error) {
		if (error instanceof BodyError) {
			return errorResponse({ status: error.status, code: error.code, locale });
		}
		throw error;
	}
	const parsed = townSchema.safeParse(body);
	if (!parsed.success) {
		return errorResponse({
			status: 400,
			code: 'invalid_input',
			locale,
			fields: townFieldErrors(body)
		});
	}
	const { database, clock } = await serverContext();
	try {
		const served = await updateTownDetails(database, {
			townId: locals.townId,
			details: parsed.data,
			actor: admin.id,
			now: clock()
		});
		return json(served);
	} catch (error) {
		if (error instanceof TownIdError) {
			return errorResponse({
				status: 400,
				code: 'invalid_input',
				locale,
				fields: { id: { code: 'invalid' } }
			});
		}
		throw error;
	}
};
