import { describe, expect, it } from 'vitest';
import { VolunteerPages, isVolunteerPage } from '$lib/sw/volunteer-pages';

const origin = 'https://town.example';

/**
 * Cache Storage in memory (the boundary): `addAll` "fetches" each path as a response naming
 * it, and fails as a whole, storing nothing, when one of the paths is unreachable.
 */
function memoryCaches(options: { unreachable?: string[] } = {}) {
	const stores = new Map<string, Map<string, string>>();
	const fetched: string[] = [];
	const open = (name: string) => {
		const store = stores.get(name) ?? new Map<string, string>();
		stores.set(name, store);
		return {
			keys: async () => [...store.keys()].map((path) => new Request(origin + path)),
			match: async (path: string) => {
				const body = store.get(path);
				return body === undefined ? undefined : new Response(body);
			},
			addAll: async (paths: string[]) => {
				fetched.push(...paths);
				if (paths.some((path) => options.unreachable?.includes(path))) {
					throw new TypeError('Failed to fetch');
				}
				for (const path of paths) store.set(path, `page ${path}`);
			}
		};
	};
	const caches = {
		open: async (name: string) => open(name),
		has: async (name: string) => stores.has(name),
		keys: async () => [...stores.keys()],
		delete: async (name: string) => stores.delete(name)
	};
	return { caches: caches as unknown as CacheStorage, stores, fetched };
}

const urls = ['/volunteer', '/volunteer/class', '/volunteer/class/__data.json'];

/** Whether every volunteer page answers from the device. */
async function allStored(pages: VolunteerPages): Promise<boolean> {
	const answers = await Promise.all(urls.map((url) => pages.match(url)));
	return answers.every((answer) => answer !== undefined);
}

describe('volunteer pages', () => {
	it('are the desk and its pages, not a page whose name only starts alike', () => {
		expect(isVolunteerPage('/volunteer')).toBe(true);
		expect(isVolunteerPage('/volunteer/venues')).toBe(true);
		expect(isVolunteerPage('/volunteers-day')).toBe(false);
		expect(isVolunteerPage('/classes')).toBe(false);
	});

	it('are not on a device until a volunteer asks, then all are, and answer by path', async () => {
		const storage = memoryCaches();
		const pages = new VolunteerPages({ urls, version: 'v1', caches: storage.caches });

		expect(await allStored(pages)).toBe(false);
		expect(await pages.match('/volunteer/class')).toBeUndefined();

		await pages.store();

		expect(await allStored(pages)).toBe(true);
		expect(await (await pages.match('/volunteer/class'))?.text()).toBe('page /volunteer/class');
		expect(await pages.match('/volunteer/login')).toBeUndefined();
	});

	it('fetch only what is missing when asked again', async () => {
		const storage = memoryCaches();
		const pages = new VolunteerPages({ urls, version: 'v1', caches: storage.caches });

		await pages.store();
		await pages.store();

		expect(storage.fetched).toEqual(urls);
	});

	it('store nothing when one page cannot be fetched', async () => {
		const storage = memoryCaches({ unreachable: ['/volunteer/class/__data.json'] });
		const pages = new VolunteerPages({ urls, version: 'v1', caches: storage.caches });

		await expect(pages.store()).rejects.toThrow('Failed to fetch');
		expect(await allStored(pages)).toBe(false);
		expect(await pages.match('/volunteer')).toBeUndefined();
	});

	it('follow an update only on a device that kept them, and the old copy goes', async () => {
		const volunteers = memoryCaches();
		await new VolunteerPages({ urls, version: 'v1', caches: volunteers.caches }).store();
		const update = new VolunteerPages({ urls, version: 'v2', caches: volunteers.caches });

		await update.refreshIfKept();
		expect(await allStored(update)).toBe(true);
		await update.dropOtherVersions();
		expect([...volunteers.stores.keys()]).toEqual(['yorisoi-volunteer-pages-v2']);

		const residents = memoryCaches();
		await new VolunteerPages({ urls, version: 'v2', caches: residents.caches }).refreshIfKept();
		expect(residents.fetched).toEqual([]);
	});

	it('let an update install while offline; the desk asks again later', async () => {
		const storage = memoryCaches();
		await new VolunteerPages({ urls, version: 'v1', caches: storage.caches }).store();
		const offline = memoryCaches({ unreachable: urls });
		for (const [name, store] of storage.stores) offline.stores.set(name, store);
		const update = new VolunteerPages({ urls, version: 'v2', caches: offline.caches });

		await expect(update.refreshIfKept()).resolves.toBeUndefined();
		expect(await allStored(update)).toBe(false);
	});
});
