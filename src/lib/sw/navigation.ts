/// <reference lib="webworker" />
import { PrecacheFallbackPlugin } from 'workbox-precaching';
import { NavigationRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';

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
