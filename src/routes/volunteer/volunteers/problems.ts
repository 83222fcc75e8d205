import type { MessageKey } from '$lib/i18n';

/** Why an action on the volunteers page did not happen: the server's code, or `offline`. */
export type Problem = { code: string };

// The server's refusals this page can meet, each worded in errors.request.<code>.
const requestCodes = new Set([
	'last_admin',
	'email_taken',
	'common_password',
	'weak_password',
	'volunteer_not_found',
	'too_many_requests'
]);

/** The words for a problem: no connection, one of the server's refusals, or a general one. */
export function problemKey(problem: Problem): MessageKey {
	if (problem.code === 'offline') return 'desk.volunteers.offlineAction';
	// errors.request.invalid_input speaks of red text; the fields here say what to fix.
	if (problem.code === 'invalid_input') return 'desk.volunteers.checkFields';
	if (requestCodes.has(problem.code)) return `errors.request.${problem.code}` as MessageKey;
	return 'desk.volunteers.refused';
}
