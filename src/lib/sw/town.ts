/// <reference lib="webworker" />

/**
 * `/town.js`, the host's town for every page's first paint (issue 17), answered from the
 * device's copy at once and fetched again behind it (stale-while-revalidate): pages never wait
 * for the network, an offline device still shows its own town, and an admin's edit arrives on
 * the next load. One worker serves one origin, so the copy is this host's town. The cache is not
 * named after the build: a town's details outlive an update of the app.
 */

/** The path of the host's town script (src/routes/town.js). */
export const townScriptPath = '/town.js';

/** The cache holding the device's copy of the town script. */
export const townCacheName = 'yorisoi-town';

export class TownScript {
	readonly #caches: CacheStorage;
	readonly #fetch: typeof fetch;

	constructor(options: { caches: CacheStorage; fetch: typeof fetch }) {
		this.#caches = options.caches;
		this.#fetch = options.fetch;
	}

	/** Whether a request is for the town script of this origin. */
	matches(url: URL, sameOrigin: boolean, method: string): boolean {
		return sameOrigin && method === 'GET' && url.pathname === townScriptPath;
	}

	/**
	 * Fetches the town script and keeps it, when the server answers it. Run when the worker
	 * installs (the first page loaded the script before the worker was there to keep it), and
	 * behind every answer from the copy.
	 */
	async store(): Promise<Response> {
		const response = await this.#fetch(townScriptPath, { cache: 'no-cache' });
		if (response.ok) {
			const cache = await this.#caches.open(townCacheName);
			await cache.put(townScriptPath, response.clone());
		}
		return response;
	}

	/**
	 * The device's copy when there is one (and a fresh one fetched behind it, handed to
	 * `waitUntil`), else the network's answer; offline with no copy, an empty script: the page
	 * shows the town it was built with rather than fail a script (which boot.js would take for
	 * the app failing to start).
	 */
	async respond(waitUntil: (work: Promise<unknown>) => void): Promise<Response> {
		const cache = await this.#caches.open(townCacheName);
		const stored = await cache.match(townScriptPath);
		const fresh = this.store();
		if (stored) {
			// Offline, the copy stays as it is.
			waitUntil(fresh.catch(() => undefined));
			return stored;
		}
		return fresh.catch(
			() =>
				new Response('// Offline, with no copy yet: the town the pages were built with.\n', {
					headers: { 'content-type': 'text/javascript; charset=utf-8' }
				})
		);
	}
}
