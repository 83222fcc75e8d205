import { json } from '@sveltejs/kit';
import { nestedFieldErrors, newTownSchema } from '$lib/domain/operator';
import { serverContext } from '$lib/server/context';
import { BodyError, errorResponse, readJsonBody, requestLocale } from '$lib/server/http';
import { createTown, listTownsWithCounts, OperatorError } from '$lib/server/operator-towns';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Every town with its hosts, whether it is suspended, and its counts. */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	if (!locals.operator) {
		const locale = requestLocale(request, url);
		return errorResponse({ status: 401, code: 'operator_login_required', locale });
	}
	const { database } = await serverContext();
	return json({ towns: await listTownsWithCounts(database) });
};

/** Makes a town with its hosts and first admin; it answers on its hosts at once. */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const locale = requestLocale(request, url);
	const operator = locals.operator;
	if (!operator) return errorResponse({ status: 401, code: 'operator_login_required', locale });
	let body: unknown;
	try {
		body = await readJsonBody(request);
	} catch (error) {
		if (error instanceof BodyError) {
			return errorResponse({ status: error.status, code: error.code, locale });
		}
		throw error;
	}
	const parsed = newTownSchema.safeParse(body);
	if (!parsed.success) {
		return errorResponse({
			status: 400,
			code: 'invalid_input',
			locale,
			fields: nestedFieldErrors(parsed.error, body)
		});
	}
	const { database, clock, towns } = await serverContext();
	try {
		const made = await createTown(database, { request: parsed.data, operator, now: clock() });
		// The new hosts are this town's from the next request on.
		await towns.refresh();
		return json(made, { status: 201 });
	} catch (error) {
		if (error instanceof OperatorError) {
			return errorResponse({ status: error.status, code: error.code, locale });
		}
		throw error;
	}
};
