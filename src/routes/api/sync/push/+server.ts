import { json } from '@sveltejs/kit';
import { pushRequestSchema } from '$lib/domain/sync';
import { serverContext } from '$lib/server/context';
import {
	errorResponse,
	maxPushBytes,
	parseJsonRequest,
	requestLocale,
	tooManyRequests
} from '$lib/server/http';
import { consumeAll } from '$lib/server/rate-limit';
import { pushMutations, PushError } from '$lib/server/sync';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * Applies a device's queued mutations in order, each once, and answers every one (applied with
 * its outcome, or rejected with a reason). Volunteer mutations need a volunteer's session:
 * without one the whole push answers 401 and the device keeps its queue.
 */
export const POST: RequestHandler = async ({ request, url, locals, getClientAddress }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, pushRequestSchema, maxPushBytes);
	if (!parsed.ok) return parsed.response;
	const { database, cancelKey, clock, signupLimiter, deviceSignupLimiter } = await serverContext();
	const signups = parsed.data.mutations.filter((mutation) => mutation.kind === 'signup.create');
	// Residents' sign-ups count per device and, generously, per address (a hall shares one IP);
	// a volunteer entering phoned-in sign-ups is not limited.
	if (signups.length > 0 && !locals.volunteer) {
		const wait = await consumeAll(
			[
				[deviceSignupLimiter, `${locals.townId}|${parsed.data.deviceId}`],
				[signupLimiter, `${locals.townId}|${getClientAddress()}`]
			],
			signups.length
		);
		if (wait !== null) {
			return tooManyRequests({ locale, retryAfter: wait });
		}
	}
	try {
		const answers = await pushMutations(database, {
			pusher: { deviceId: parsed.data.deviceId, volunteerId: locals.volunteer?.id ?? null },
			mutations: parsed.data.mutations,
			now: clock(),
			key: cancelKey,
			locale,
			townId: locals.townId
		});
		return json({ answers }, { headers: { 'cache-control': 'no-store' } });
	} catch (error) {
		if (error instanceof PushError) return errorResponse({ status: 401, code: error.code, locale });
		throw error;
	}
};
