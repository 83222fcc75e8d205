import { json } from '@sveltejs/kit';
import { volunteerPatchSchema } from '$lib/domain/volunteer';
import { AuthError, updateVolunteer } from '$lib/server/auth';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * Admins change a volunteer's name, role or active flag; deactivating ends that volunteer's
 * sessions at once. The last active admin stays one (409 last_admin).
 */
export const PATCH: RequestHandler = async ({ request, url, params, locals }) => {
	const locale = requestLocale(request, url);
	if (locals.volunteer?.role !== 'admin')
		return errorResponse({ status: 403, code: 'forbidden', locale });
	const parsed = await parseJsonRequest(request, locale, volunteerPatchSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	try {
		const volunteer = await updateVolunteer(database, {
			volunteerId: params.id,
			changes: parsed.data,
			now: clock()
		});
		return json(volunteer);
	} catch (error) {
		if (error instanceof AuthError) {
			return errorResponse({
				status: error.code === 'volunteer_not_found' ? 404 : 409,
				code: error.code,
				locale
			});
		}
		throw error;
	}
};
