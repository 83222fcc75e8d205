/**
 * Which requests need a volunteer, and the cross-site checks: for cookie-authenticated JSON
 * APIs, and for form posts (SvelteKit's own check is off: it knew only ORIGIN's host).
 */
import type { RequestEvent } from '@sveltejs/kit';

/** Behind a proxy that rewrites Host, the name asked for is in HOST_HEADER (adapter-node's). */
export const hostHeader = (process.env.HOST_HEADER || 'host').toLowerCase();

/**
 * The origins a request may come from and count as ours (issue 17): `event.url`'s and that of
 * the host it came to. A page of another town's host sends its own Origin, while with ORIGIN
 * set (`./yorisoi start`) `event.url` carries the default town's. A browser cannot set Host,
 * so a page of another site still matches neither.
 */
export function ourOrigins(event: RequestEvent): string[] {
	const host = event.request.headers.get(hostHeader)?.split(',')[0]?.trim();
	return [event.url.origin, `${event.url.protocol}//${host || event.url.host}`];
}

/** Volunteer APIs: all of /api/volunteer/ except logging in (a route id or a path). */
export function isVolunteerApi(pathname: string): boolean {
	return pathname.startsWith('/api/volunteer/') && pathname !== '/api/volunteer/login';
}

/** Volunteer pages: /volunteer and below, except the login page itself. */
export function isVolunteerPage(pathname: string): boolean {
	return (
		(pathname === '/volunteer' || pathname.startsWith('/volunteer/')) &&
		pathname !== '/volunteer/login'
	);
}

/**
 * True when a state-changing request to a cookie-authenticated API comes from another site:
 * a browser says so in `Sec-Fetch-Site` or in an `Origin` that is not ours. Non-browser tools
 * send neither and are let through (they hold no victim's cookie).
 */
export function isCrossSite(request: Request, origins: readonly string[]): boolean {
	if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
		return false;
	}
	const site = request.headers.get('sec-fetch-site');
	if (site && site !== 'same-origin' && site !== 'none') return true;
	const from = request.headers.get('origin');
	return from !== null && !origins.includes(from);
}

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * True when a form post (a page's form action: the login page, the operator's forms, the sign-up
 * without JavaScript) comes from a page of none of `origins`. The same rule as SvelteKit's own
 * check, which compared with ORIGIN only and so refused every town's host but the default one
 * (issue 17): a state-changing request with a form's content type must carry one of our
 * origins; without an Origin it is refused too.
 */
export function isCrossSiteForm(request: Request, origins: readonly string[]): boolean {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
	if (!formTypes.includes(type)) return false;
	const from = request.headers.get('origin');
	return from === null || !origins.includes(from);
}
