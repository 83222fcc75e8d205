/// <reference lib="webworker" />
import { PrecacheFallbackPlugin, matchPrecache } from 'workbox-precaching';
import { NavigationRoute, Route } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import type { VolunteerPages } from './volunteer-pages';

/** The prerendered page shown for a page that is not saved on the device while offline. */
export const offlineFallbackUrl = '/offline';

/**
 * Navigations to pages that are not precached go to the network; when it fails, the friendly
 * offline page answers instead of the browser's error. Such pages are not cached at run time:
 * the later volunteer pages carry residents' names, and class tablets are shared.
 */
export function offlineFallbackRoute(): NavigationRoute {
	return new NavigationRoute(
		new NetworkOnly({ plugins: [new PrecacheFallbackPlugin({ fallbackURL: offlineFallbackUrl })] })
	);
}

/**
 * The volunteer desk's pages: the device's copy when a volunteer has stored them, else the
 * network, and for a page (not its data) the offline page when the network fails too.
 */
export function volunteerPagesRoute(pages: VolunteerPages): Route {
	return new Route(
		({ url, request, sameOrigin }) =>
			sameOrigin && request.method === 'GET' && pages.has(url.pathname),
		async ({ url, request }) => {
			const stored = await pages.match(url.pathname);
			if (stored) return stored;
			try {
				return await fetch(request);
			} catch (error) {
				const fallback =
					request.mode === 'navigate' ? await matchPrecache(offlineFallbackUrl) : undefined;
				if (fallback) return fallback;
				throw error;
			}
		}
	);
}
