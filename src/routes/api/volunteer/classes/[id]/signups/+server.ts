import { json } from '@sveltejs/kit';
import { onBehalfSignupSchema } from '$lib/domain/signup';
import { serverContext } from '$lib/server/context';
import { errorResponse, parseJsonRequest, requestLocale } from '$lib/server/http';
import { createSignup, SignupError } from '$lib/server/signups';
import type { RequestHandler } from './$types';

export const prerender = false;

/**
 * Signs a resident up on their behalf (many seniors phone the community hall): the same rules,
 * answers and safe retry as the public endpoint, with the volunteer recorded in the audit log.
 * `walkIn` seats someone standing in the hall even when the class is full; a probable second
 * sign-up of the same person answers 409 `possible_duplicate` with the earlier one
 * (`existing`), until it is sent again with `confirmDuplicate: true`.
 */
export const POST: RequestHandler = async ({ request, url, params, locals }) => {
	const locale = requestLocale(request, url);
	const parsed = await parseJsonRequest(request, locale, onBehalfSignupSchema);
	if (!parsed.ok) return parsed.response;
	const { database, cancelKey, clock } = await serverContext();
	try {
		const { created, outcome } = await createSignup(
			database,
			{ ...parsed.data, classId: params.id },
			{
				now: clock(),
				key: cancelKey,
				actor: locals.volunteer?.id ?? 'unknown',
				townId: locals.townId
			}
		);
		return json(outcome, { status: created ? 201 : 200 });
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
