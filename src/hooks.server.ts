import { building } from '$app/environment';
import {
	error,
	isHttpError,
	isRedirect,
	json,
	redirect,
	text,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sessionCookie, volunteerForSession } from '$lib/server/auth';
import { closeServerContext, serverContext } from '$lib/server/context';
import {
	hostHeader,
	isCrossSite,
	isCrossSiteForm,
	isVolunteerApi,
	isVolunteerPage,
	ourOrigins
} from '$lib/server/guard';
import { errorResponse, requestLocale } from '$lib/server/http';
import { errorKind, log } from '$lib/server/log';
import { requestSeconds } from '$lib/server/metrics';
import { defaultTownId, isOtherTowns, type RecordKind } from '$lib/server/towns';
import { isOperatorRoute, operatorGuard } from '$lib/server/operator-guard';
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
	// Form posts from another site: refused as SvelteKit would (svelte.config.js turns its own
	// check off), a page of the request's own host counting as ours.
	if (isCrossSiteForm(event.request, ourOrigins(event))) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		return event.request.headers.get('accept') === 'application/json'
			? json({ message }, { status: 403 })
			: text(message, { status: 403 });
	}
	event.locals.townId = await townOfRequest(event);
	// Issue 17's operator (on every host) and suspended towns: see operator-guard.ts.
	const operatorAnswer = await operatorGuard(event, pathname);
	if (operatorAnswer) return operatorAnswer;
	const token = event.cookies.get(sessionCookie);
	// APIs that read the session cookie: the volunteer API, and sync (a volunteer's tablet
	// pushes class edits and pulls rosters through it).
	const cookieApi = pathname.startsWith('/api/volunteer/') || pathname.startsWith('/api/sync/');
	// Sessions are looked up only where volunteers work (every guarded route is in here).
	if (token && (cookieApi || pathname.startsWith('/volunteer'))) {
		const { database, clock } = await serverContext();
		event.locals.volunteer = await volunteerForSession(database, {
			token,
			now: clock(),
			townId: event.locals.townId
		});
	}
	if (cookieApi && isCrossSite(event.request, ourOrigins(event))) {
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
	const elsewhere = await otherTownsRecord(event);
	if (elsewhere) {
		if (!pathname.startsWith('/api/')) error(404, 'Not Found');
		return errorResponse({
			status: 404,
			code: elsewhere,
			locale: requestLocale(event.request, event.url)
		});
	}
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
}

/**
 * The town whose host the request came to (prerendering has no host: the default town). Read
 * from the Host header, not `event.url`: with ORIGIN set (a single-town install), adapter-node
 * gives every request ORIGIN's host.
 */
async function townOfRequest(event: RequestEvent): Promise<string> {
	if (building) return defaultTownId;
	const { towns } = await serverContext();
	return towns.townFor(event.request.headers.get(hostHeader) ?? event.url.host);
}

/**
 * The routes that name a record by `[id]`: its kind and the code an unknown one is answered
 * with. Every such route must be here (checked below), so a new one cannot forget its town.
 */
const recordRoutes: ReadonlyArray<readonly [prefix: string, kind: RecordKind, code: string]> = [
	['/api/classes/[id]', 'class', 'class_not_found'],
	['/api/consultations/[id]', 'consultation', 'consultation_not_found'],
	['/api/signups/[id]', 'signup', 'signup_not_found'],
	['/api/volunteer/classes/[id]', 'class', 'class_not_found'],
	['/api/volunteer/consultations/[id]', 'consultation', 'consultation_not_found'],
	['/api/volunteer/signups/[id]', 'signup', 'signup_not_found'],
	['/api/volunteer/venues/[id]', 'venue', 'venue_not_found'],
	['/api/volunteer/volunteers/[id]', 'volunteer', 'volunteer_not_found'],
	['/classes/plain/[id]', 'class', 'class_not_found']
];

/**
 * The not-found code to answer when the request names another town's record: another town's
 * class, sign-up, venue… is answered exactly as an unknown one, never with its data.
 */
async function otherTownsRecord(event: RequestEvent): Promise<string | null> {
	const route = event.route.id;
	const id = event.params.id;
	// Lessons are the app's content, the same in every town.
	if (!route || id === undefined || route.startsWith('/lessons/')) return null;
	// The operator's routes name towns, not a town's records.
	if (isOperatorRoute(route)) return null;
	const entry = recordRoutes.find(([prefix]) => route === prefix || route.startsWith(`${prefix}/`));
	// Fail closed: a route naming a record that is not listed above is a bug to fix here.
	if (!entry) throw new Error(`route ${route} names a record but has no town check`);
	const [, kind, code] = entry;
	const { database } = await serverContext();
	return (await isOtherTowns(database, { townId: event.locals.townId, kind, id })) ? code : null;
}

/** Unexpected errors are logged by kind only: requests may carry names and phone numbers. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status >= 500) log.error({ route: event.route.id, error: errorKind(error) }, 'server error');
	return { message: status === 404 ? 'Not Found' : 'Internal Error' };
};
