import type { ServedTown, Town } from '$lib/domain/town';
import { town as builtInTown } from '$lib/town';

/**
 * The town of the host this page came from (issue 17): one server answers many towns, each at
 * its own host name, while the pages are prerendered once with the town of `town.config.json`.
 * `/town.js` (answered per host, kept by the service worker for offline use) hands the host's
 * town to `static/boot.js` before the first paint, which keeps it in `window.__yorisoiServedTown`;
 * the app starts from that, and asks the server again once it runs (`refresh`), so an admin's
 * edit shows without a rebuild.
 */

declare global {
	interface Window {
		/** The host's town as `/town.js` gave it to `static/boot.js`. */
		__yorisoiServedTown?: unknown;
	}
}

// The texts every town has, by path: what the pages show. Checked by hand, not with the town's
// zod schema, which would add zod to every page's first paint (see $lib/town).
const textPaths = [
	'name',
	'office.name',
	'office.address',
	'office.hours',
	'myNumberCounter.name',
	'myNumberCounter.place',
	'myNumberCounter.hours',
	'helpDesk.name',
	'helpDesk.place',
	'helpDesk.hours'
];
const stringPaths = [
	'id',
	'office.phone',
	'office.postalCode',
	'myNumberCounter.phone',
	'helpDesk.phone',
	'colours.primary',
	'colours.background'
];

function at(value: unknown, path: string): unknown {
	let found = value;
	for (const key of path.split('.')) {
		if (found === null || typeof found !== 'object') return undefined;
		found = (found as Record<string, unknown>)[key];
	}
	return found;
}

const isText = (value: unknown) =>
	value !== null &&
	typeof value === 'object' &&
	['ja', 'ja-easy', 'en'].every(
		(locale) => typeof (value as Record<string, unknown>)[locale] === 'string'
	);

/**
 * True when a value has the shape of what the server answers for the host's town. The server
 * checked it with the town's schema; this catches a broken or old copy (a device's cache).
 */
export function isServedTown(value: unknown): value is ServedTown {
	const town = at(value, 'town');
	const dates = at(town, 'outreachDates');
	return (
		typeof at(value, 'suspended') === 'boolean' &&
		typeof at(town, 'fictional') === 'boolean' &&
		textPaths.every((path) => isText(at(town, path))) &&
		stringPaths.every((path) => typeof at(town, path) === 'string') &&
		Array.isArray(dates) &&
		dates.every((date) => typeof at(date, 'date') === 'string' && isText(at(date, 'place')))
	);
}

/** The host's town: its details and whether its service is paused. */
export class HostTown {
	/** The town's details (names, office, counters, 出張申請 days, colours). */
	details = $state.raw<Town>(builtInTown);
	/** True while the operator has paused the town's service: every page says so. */
	suspended = $state(false);

	constructor(served: unknown) {
		if (isServedTown(served)) this.#apply(served);
	}

	#apply(served: ServedTown): void {
		this.details = served.town;
		this.suspended = served.suspended;
	}

	/**
	 * Asks the server for the host's town and shows it (an admin changed it since the page's
	 * copy was made). False when offline or the answer is not a town: the page keeps its copy.
	 */
	async refresh(fetcher: typeof fetch = fetch): Promise<boolean> {
		let served: unknown;
		try {
			const response = await fetcher('/api/town', { credentials: 'same-origin' });
			if (!response.ok) return false;
			served = await response.json();
		} catch {
			// Offline (or the service worker's error page): the copy /town.js gave stays.
			return false;
		}
		if (!isServedTown(served)) return false;
		this.#apply(served);
		return true;
	}
}

/** The host's town, for every page (the built-in town while prerendering). */
export const hostTown = new HostTown(
	typeof window === 'undefined' ? undefined : window.__yorisoiServedTown
);
