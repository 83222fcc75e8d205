import { json } from '@sveltejs/kit';
import { attendanceMarkSchema } from '$lib/domain/attendance';
import { AttendanceError, markAttendance } from '$lib/server/attendance';
import { serverContext } from '$lib/server/context';
import {
	errorResponse,
	otherTownsResponse,
	parseJsonRequest,
	requestLocale
} from '$lib/server/http';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Marks one resident present or absent; answers the mark that stands (the latest made). */
export const PUT: RequestHandler = async ({ request, url, params, locals }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, attendanceMarkSchema);
	if (!parsed.ok) return parsed.response;
	const { database, clock } = await serverContext();
	const { townId } = locals;
	const elsewhere = await otherTownsResponse({ database, townId, body: parsed.data, locale });
	if (elsewhere) return elsewhere;
	try {
		return json(
			await markAttendance(database, {
				classId: params.id,
				mark: parsed.data,
				volunteerId: locals.volunteer?.id ?? 'unknown',
				now: clock()
			})
		);
	} catch (error) {
		if (error instanceof AttendanceError)
			return errorResponse({ status: error.status, code: error.code, locale });
		throw error;
	}
};
