/// <reference lib="webworker" />
import type { WorkboxPlugin } from 'workbox-core/types';
import type { PrecacheEntry } from 'workbox-precaching/_types';
import type { PrecacheProgressMessage } from './messages';
import { isVolunteerPage } from './volunteer-pages';

/** The lists SvelteKit gives the worker (`$service-worker`), passed in so this is testable. */
export type BuildLists = {
	build: readonly string[];
	files: readonly string[];
	prerendered: readonly string[];
	version: string;
	/** The build files only the volunteer desk uses (volunteer-build-files.ts). */
	deskBuild: readonly string[];
};

// Files in static/ that a device never needs offline (none yet; robots.txt and the like).
const notPrecached = [/^\/robots\.txt$/, /\/\.[^/]+$/];

/**
 * Everything a resident's device needs to work offline: the app's hashed build files (their
 * names change with their content, so no revision), static files and every prerendered page
 * (revised by the build version, so a new deployment refreshes them). The volunteer desk's
 * pages and the scripts and styles only they use are stored apart, once a volunteer logs in
 * (volunteer-pages.ts).
 */
export function precacheManifest(lists: BuildLists): PrecacheEntry[] {
	const desk = new Set(lists.deskBuild);
	const hashed = lists.build
		.filter((url) => !desk.has(url))
		.map((url) => ({ url, revision: null }));
	const versioned = [...lists.files, ...lists.prerendered]
		.filter((url) => !notPrecached.some((pattern) => pattern.test(url)))
		.filter((url) => !isVolunteerPage(url))
		.map((url) => ({ url, revision: lists.version }));
	return [...hashed, ...versioned];
}

/**
 * The prerendered volunteer pages and the build files only they use, which a device stores only
 * once a volunteer logs in.
 */
export function volunteerPageUrls(lists: BuildLists): string[] {
	const built = new Set(lists.build);
	return [
		...lists.prerendered.filter(isVolunteerPage),
		...lists.deskBuild.filter((url) => built.has(url))
	];
}

/**
 * Query parameters that do not change what a precached file holds. SvelteKit asks for a page's
 * data as `__data.json?x-sveltekit-invalidated=…` when navigating; without this, a link to a
 * lesson would miss the precache offline.
 */
// `id` names the record a prerendered page shows (`/classes/class?id=…`,
// `/volunteer/class?id=…`) and `copy` the class a new one copies (`/volunteer/edit?copy=…`):
// the page is the same for every record.
export const ignoredUrlParameters = [
	/^utm_/,
	/^fbclid$/,
	/^x-sveltekit-invalidated$/,
	/^id$/,
	/^copy$/
];

/**
 * A precache plugin that tells every open page how far installing has come, so a senior sees
 * a progress bar instead of wondering whether the app will work at the community hall.
 */
export function progressPlugin(options: {
	total: number;
	version: string;
	clients: Clients;
}): WorkboxPlugin {
	let done = 0;
	const advance = async () => {
		done += 1;
		const message: PrecacheProgressMessage = {
			type: 'PRECACHE_PROGRESS',
			version: options.version,
			done,
			total: options.total
		};
		const windows = await options.clients.matchAll({ type: 'window', includeUncontrolled: true });
		for (const client of windows) client.postMessage(message);
	};
	return {
		// A file fetched and stored.
		cacheDidUpdate: advance,
		// A file that an update found already stored (Workbox skips it): it counts as done too.
		cachedResponseWillBeUsed: async ({ event, cachedResponse }) => {
			if (event?.type === 'install' && cachedResponse) await advance();
			return cachedResponse;
		}
	};
}
