import { describe, expect, it } from 'vitest';
import { TownScript, townCacheName, townScriptPath } from '$lib/sw/town';

const origin = 'https://aoba.example.jp';

/** Cache Storage in memory (the boundary), keyed by path. */
function memoryCaches() {
	const stores = new Map<string, Map<string, string>>();
	const caches = {
		open: async (name: string) => {
			const store = stores.get(name) ?? new Map<string, string>();
			stores.set(name, store);
			return {
				match: async (path: string) => {
					const body = store.get(path);
					return body === undefined ? undefined : new Response(body);
				},
				put: async (path: string, response: Response) => {
					store.set(path, await response.text());
				}
			};
		}
	};
	return { caches: caches as unknown as CacheStorage, stores };
}

/** A network answering the town script with the current `body`, or failing while offline. */
function network(first: string) {
	const state = { body: first, offline: false, status: 200, calls: 0 };
	const fetcher = (async () => {
		state.calls += 1;
		if (state.offline) throw new TypeError('Failed to fetch');
		return new Response(state.body, { status: state.status });
	}) as typeof fetch;
	return { state, fetcher };
}

/** Runs `respond` and waits for the work it hands to `waitUntil` (the refresh behind it). */
async function respond(script: TownScript): Promise<string> {
	const behind: Array<Promise<unknown>> = [];
	const response = await script.respond((work) => behind.push(work));
	await Promise.all(behind);
	return response.text();
}

describe('town script', () => {
	describe('matches', () => {
		it("is this origin's /town.js, read with GET", () => {
			const script = new TownScript({ caches: memoryCaches().caches, fetch: network('').fetcher });
			const url = new URL(townScriptPath, origin);

			expect(script.matches(url, true, 'GET')).toBe(true);
			expect(script.matches(url, false, 'GET')).toBe(false);
			expect(script.matches(url, true, 'POST')).toBe(false);
			expect(script.matches(new URL('/boot.js', origin), true, 'GET')).toBe(false);
		});
	});

	describe('respond', () => {
		it('answers from the network the first time, and keeps the answer', async () => {
			const storage = memoryCaches();
			const { state, fetcher } = network('town v1');
			const script = new TownScript({ caches: storage.caches, fetch: fetcher });

			expect(await respond(script)).toBe('town v1');
			expect(storage.stores.get(townCacheName)?.get(townScriptPath)).toBe('town v1');
			expect(state.calls).toBe(1);
		});

		it("answers the device's copy at once and brings an edit in behind it", async () => {
			const storage = memoryCaches();
			const { state, fetcher } = network('town v1');
			const script = new TownScript({ caches: storage.caches, fetch: fetcher });
			await script.store();
			state.body = 'town v2';

			expect(await respond(script)).toBe('town v1');
			expect(await respond(script)).toBe('town v2');
		});

		it('answers an empty script offline before it has a copy, and keeps nothing', async () => {
			const storage = memoryCaches();
			const { state, fetcher } = network('town v1');
			state.offline = true;
			const script = new TownScript({ caches: storage.caches, fetch: fetcher });

			expect((await respond(script)).trim()).toMatch(/^\/\//);
			expect(storage.stores.get(townCacheName)?.size ?? 0).toBe(0);
		});

		it('keeps answering its own town offline, and keeps no error page', async () => {
			const storage = memoryCaches();
			const { state, fetcher } = network('town v1');
			const script = new TownScript({ caches: storage.caches, fetch: fetcher });
			await script.store();

			state.offline = true;
			expect(await respond(script)).toBe('town v1');
			state.offline = false;
			state.status = 503;
			state.body = 'Service Unavailable';
			expect(await respond(script)).toBe('town v1');
			expect(await respond(script)).toBe('town v1');
		});
	});
});
