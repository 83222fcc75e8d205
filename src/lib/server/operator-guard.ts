import { building } from '$app/environment';
import { error, type RequestEvent } from '@sveltejs/kit';
import { stripFurigana } from '$lib/domain/furigana';
import { translate } from '$lib/i18n';
import { serverContext } from './context';
import { isCrossSite, ourOrigins } from './guard';
import { errorResponse, requestLocale } from './http';
import { operatorCookie, operatorForSession } from './operators';

/** The operator's page and API (a route id or a path): answered on every host. */
export function isOperatorRoute(pathname: string): boolean {
	return (
		pathname === '/operator' ||
		pathname.startsWith('/operator/') ||
		pathname.startsWith('/api/operator/')
	);
}

/**
 * What a suspended town still answers: the operator's routes (never suspended), the server's
 * health and metrics (they are the server's, not the town's), the web manifest and the town's
 * icon (an installed app keeps its name and icon), the town's details (`/town.js`, `/api/town`:
 * how every page learns that the town is paused, and whom to call) and the lessons (the app's
 * content, the same in every town).
 */
function answeredWhenSuspended(pathname: string): boolean {
	return (
		isOperatorRoute(pathname) ||
		pathname === '/healthz' ||
		pathname === '/metrics' ||
		pathname === '/manifest.webmanifest' ||
		pathname === '/town-icon.svg' ||
		pathname === '/town.js' ||
		pathname === '/api/town' ||
		pathname === '/lessons' ||
		pathname.startsWith('/lessons/')
	);
}

/**
 * Issue 17's two checks before a request reaches its route, or null to go on:
 * - the operator's routes: finds the operator of the operator cookie (on any host: an
 *   operator is no town's), refuses cross-site calls and anonymous calls to the operator API
 *   (401; a town admin's volunteer cookie is no operator's);
 * - every other route of a suspended town: refused with `town_suspended` and whom to call.
 *   503, not 423: the service of this town is unavailable for a while, on purpose, and will
 *   be back with every record; caches, proxies and crawlers treat a 503 as passing and keep
 *   nothing of it, while 423 is WebDAV's "this one resource is locked", read by clients as
 *   their own request's fault.
 */
export async function operatorGuard(
	event: RequestEvent,
	pathname: string
): Promise<Response | null> {
	event.locals.operator = null;
	// Prerendering asks no database: its pages are every town's shells.
	if (building) return null;
	const locale = requestLocale(event.request, event.url);
	if (isOperatorRoute(pathname)) {
		const token = event.cookies.get(operatorCookie);
		if (token) {
			const { database, clock } = await serverContext();
			event.locals.operator = await operatorForSession(database, { token, now: clock() });
		}
		if (!pathname.startsWith('/api/operator/')) return null;
		if (isCrossSite(event.request, ourOrigins(event))) {
			return errorResponse({ status: 403, code: 'cross_site', locale });
		}
		if (!event.locals.operator && pathname !== '/api/operator/login') {
			return errorResponse({ status: 401, code: 'operator_login_required', locale });
		}
		return null;
	}
	if (answeredWhenSuspended(pathname)) return null;
	const { suspendedTowns } = await serverContext();
	const contact = await suspendedTowns.contactIfSuspended(event.locals.townId);
	if (!contact) return null;
	const values = {
		town: stripFurigana(contact.name[locale]),
		office: stripFurigana(contact.office[locale]),
		phone: contact.phone
	};
	if (pathname.startsWith('/api/')) {
		return errorResponse({
			status: 503,
			code: 'town_suspended',
			locale,
			values,
			// The pages say it in the user's own words, from these.
			extra: { contact: { name: contact.name, office: contact.office, phone: contact.phone } }
		});
	}
	// A page drawn by the server (the volunteers' login, the plain class pages): the plain
	// error page, with the message.
	error(503, stripFurigana(translate(locale, 'errors.request.town_suspended', values)));
}
