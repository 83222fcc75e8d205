/**
 * Which requests need a volunteer, and the cross-site checks: for cookie-authenticated JSON
 * APIs, and for form posts (SvelteKit's own check is off: it knew only ORIGIN's host).
 */

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
export function isCrossSite(request: Request, origin: string): boolean {
	if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
		return false;
	}
	const site = request.headers.get('sec-fetch-site');
	if (site && site !== 'same-origin' && site !== 'none') return true;
	const from = request.headers.get('origin');
	return from !== null && from !== origin;
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
