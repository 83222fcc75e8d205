/// <reference lib="webworker" />

/**
 * The volunteer desk's prerendered pages (`/volunteer`, `/volunteer/class` and their
 * `__data.json`) are kept apart from the precache: a resident's phone on a metered connection
 * never needs them. A device stores them once a volunteer has logged in on it, and keeps them
 * across updates, so the desk still opens with the hall's Wi-Fi down.
 */

/** The start of the caches' names; the build version follows. */
export const cachePrefix = 'yorisoi-volunteer-pages-';

/** Whether a prerendered page belongs to the volunteer desk. */
export function isVolunteerPage(url: string): boolean {
	return url === '/volunteer' || url.startsWith('/volunteer/');
}

export class VolunteerPages {
	readonly #urls: ReadonlySet<string>;
	readonly #cacheName: string;
	readonly #caches: CacheStorage;

	constructor(options: { urls: readonly string[]; version: string; caches: CacheStorage }) {
		this.#urls = new Set(options.urls);
		this.#cacheName = cachePrefix + options.version;
		this.#caches = options.caches;
	}

	/** Whether a same-origin path is one of the volunteer pages of this build. */
	has(pathname: string): boolean {
		return this.#urls.has(pathname);
	}

	/**
	 * Stores every volunteer page of this version that is not stored yet. All or nothing
	 * (`addAll`): a device never holds half a desk it then believes is complete.
	 */
	async store(): Promise<void> {
		const cache = await this.#caches.open(this.#cacheName);
		const stored = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
		const missing = [...this.#urls].filter((url) => !stored.has(url));
		if (missing.length > 0) await cache.addAll(missing);
	}

	/**
	 * While a new version installs: a device that kept an earlier version's pages (a volunteer
	 * uses it) gets this version's too. Best effort: if it fails, the desk asks again online.
	 */
	async refreshIfKept(): Promise<void> {
		const names = await this.#caches.keys();
		if (!names.some((name) => name.startsWith(cachePrefix))) return;
		try {
			await this.store();
		} catch {
			// Offline while installing: the next visit to the desk stores them.
		}
	}

	/** Once this version is active: earlier versions' pages go. */
	async dropOtherVersions(): Promise<void> {
		const names = await this.#caches.keys();
		await Promise.all(
			names
				.filter((name) => name.startsWith(cachePrefix) && name !== this.#cacheName)
				.map((name) => this.#caches.delete(name))
		);
	}

	/**
	 * The stored copy of a volunteer page. The query (`?id=…`, `?x-sveltekit-invalidated=…`)
	 * does not change a prerendered page, so only the path is looked up.
	 */
	async match(pathname: string): Promise<Response | undefined> {
		if (!this.has(pathname) || !(await this.#caches.has(this.#cacheName))) return undefined;
		const cache = await this.#caches.open(this.#cacheName);
		return cache.match(pathname);
	}
}
