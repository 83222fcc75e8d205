import { json } from '@sveltejs/kit';
import { newVolunteerSchema } from '$lib/domain/volunteer';
import { AuthError, createVolunteer, listVolunteers } from '$lib/server/auth';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Admins list every volunteer, with whether they are active and when they last logged in. */
export const GET: RequestHandler = async ({ request, url, locals }) => {
	const locale = requestLocale(request, url);
	if (locals.volunteer?.role !== 'admin')
		return errorResponse({ status: 403, code: 'forbidden', locale });
	const { database } = await serverContext();
	return json({ volunteers: await listVolunteers(database, locals.townId) });
};

/** Admins add volunteers. */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const locale = requestLocale(request, url);
	if (locals.volunteer?.role !== 'admin')
		return errorResponse({ status: 403, code: 'forbidden', locale });
	const parsed = await parseJsonRequest(request, locale, newVolunteerSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	try {
		const id = await createVolunteer(database, { ...parsed.data, townId: locals.townId }, clock());
		return json(
			{ id, email: parsed.data.email, name: parsed.data.name, role: parsed.data.role },
			{ status: 201 }
		);
	} catch (error) {
		if (error instanceof AuthError) {
			return errorResponse({
				status: error.code === 'email_taken' ? 409 : 400,
				code: error.code,
				locale
			});
		}
		throw error;
	}
};
