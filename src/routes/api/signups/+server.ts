import { json } from '@sveltejs/kit';
import { signupRequestSchema } from '$lib/domain/signup';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale, tooManyRequests } from '$lib/server/http';
import { consumeAll } from '$lib/server/rate-limit';
import { createSignup, SignupError } from '$lib/server/signups';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * Signs a resident up (the contract in DESIGN.md): 201 with the outcome. The same id again
 * answers exactly as the first time (201, the same outcome) and creates nothing: a client that
 * retries after a lost answer cannot tell the retry from the first request, and need not.
 * The same person signing up again with a new id answers 409 `already_signed_up` with how the
 * first sign-up stands (`existing`).
 */
export const POST: RequestHandler = async ({ request, url, getClientAddress, locals }) => {
	const locale = requestLocale(request, url);
	const { database, cancelKey, clock, signupLimiter } = await serverContext();
	const wait = await consumeAll([[signupLimiter, `${locals.townId}|${getClientAddress()}`]]);
	if (wait !== null) {
		return tooManyRequests({ locale, retryAfter: wait });
	}
	const parsed = await parseJsonRequest(request, locale, signupRequestSchema);
	if (!parsed.ok) return parsed.response;
	try {
		// Another town's class or sign-up id is refused as unknown, in the sign-up's own statement.
		const { outcome } = await createSignup(database, parsed.data, {
			now: clock(),
			key: cancelKey,
			townId: locals.townId
		});
		return json(outcome, { status: 201 });
	} catch (error) {
		if (error instanceof SignupError)
			return errorResponse({
				status: error.status,
				code: error.code,
				locale,
				...(error.existing ? { extra: { existing: error.existing } } : {})
			});
		throw error;
	}
};
