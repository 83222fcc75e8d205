/**
 * Which requests need a volunteer, and the cross-site check for cookie-authenticated JSON
 * APIs (SvelteKit's own CSRF check covers form posts only).
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
