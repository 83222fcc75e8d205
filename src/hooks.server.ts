import { building } from '$app/environment';
import {
	isHttpError,
	isRedirect,
	redirect,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sessionCookie, volunteerForSession } from '$lib/server/auth';
import { closeServerContext, serverContext } from '$lib/server/context';
import { isCrossSite, isVolunteerApi, isVolunteerPage } from '$lib/server/guard';
import { errorResponse, requestLocale } from '$lib/server/http';
import { errorKind, log } from '$lib/server/log';
import { requestSeconds } from '$lib/server/metrics';
import { loadAllMessages } from '$lib/i18n';

/** Opens the database and applies migrations when the server starts (not while building). */
export const init: ServerInit = async () => {
	// Answers (errors, sync refusals) are written in any of the languages.
	await loadAllMessages();
	if (building) return;
	await serverContext();
	// Graceful shutdown: the entry (server/index.js) stops accepting and finishes requests on SIGTERM, then
	// emits 'sveltekit:shutdown'; the database closes last.
	process.once('sveltekit:shutdown', () => void closeServerContext());
};

/**
 * Every request the app answers (not the static files the entry serves before it), then one log
 * line: method, route pattern (never the raw path: it carries ids), status and time.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	let status = 500;
	try {
		const response = await guard(event, resolve);
		status = response.status;
		return response;
	} catch (error) {
		if (isRedirect(error) || isHttpError(error)) status = error.status;
		throw error;
	} finally {
		const seconds = (performance.now() - started) / 1000;
		const { method } = event.request;
		const route = event.route.id;
		log.info({ method, route, status, ms: Math.round(seconds * 1000) }, 'request');
		requestSeconds.observe({ method, route: route ?? 'unmatched', status }, seconds);
	}
};

/**
 * Finds the volunteer of the session cookie; volunteer APIs answer 401 and volunteer pages
 * redirect to the login page without one, and cookie APIs refuse cross-site requests.
 * Then adds security headers to every answer.
 */
async function guard(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']) {
	// Guard the route SvelteKit will run, not the raw path: it decodes the path to find the
	// route, so /api/%76olunteer/me would otherwise slip past a check on the raw text.
	const pathname = event.route.id ?? event.url.pathname;
	event.locals.volunteer = null;
	const token = event.cookies.get(sessionCookie);
	// APIs that read the session cookie: the volunteer API, and sync (a volunteer's tablet
	// pushes class edits and pulls rosters through it).
	const cookieApi = pathname.startsWith('/api/volunteer/') || pathname.startsWith('/api/sync/');
	// Sessions are looked up only where volunteers work (every guarded route is in here).
	if (token && (cookieApi || pathname.startsWith('/volunteer'))) {
		const { database, clock } = await serverContext();
		event.locals.volunteer = await volunteerForSession(database, { token, now: clock() });
	}
	if (cookieApi && isCrossSite(event.request, event.url.origin)) {
		return errorResponse({
			status: 403,
			code: 'cross_site',
			locale: requestLocale(event.request, event.url)
		});
	}
	if (isVolunteerApi(pathname) && !event.locals.volunteer) {
		return errorResponse({
			status: 401,
			code: 'login_required',
			locale: requestLocale(event.request, event.url)
		});
	}
	// Prerendered volunteer pages are shells without data (their data comes from the API, which
	// answers 401): building them must not redirect, and a server never runs this for them.
	if (isVolunteerPage(pathname) && !event.locals.volunteer && !building) {
		redirect(303, `/volunteer/login?next=${encodeURIComponent(event.url.pathname)}`);
	}
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
}

/** Unexpected errors are logged by kind only: requests may carry names and phone numbers. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status >= 500) log.error({ route: event.route.id, error: errorKind(error) }, 'server error');
	return { message: status === 404 ? 'Not Found' : 'Internal Error' };
};
