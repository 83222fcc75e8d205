import { describe, expect, it } from 'vitest';
import type { PrecacheProgressMessage } from '$lib/sw/messages';
import { precacheManifest, progressPlugin, volunteerPageUrls } from '$lib/sw/precache';

/** A window client that keeps what it was sent. */
type FakeClient = { received: unknown[]; postMessage: (message: unknown) => void };

function fakeClient(): FakeClient {
	const client: FakeClient = {
		received: [],
		postMessage: (message) => client.received.push(message)
	};
	return client;
}

/** Just enough of the worker's `Clients` (the boundary): `matchAll` gives the open windows. */
function fakeClients(windows: FakeClient[]) {
	const queries: unknown[] = [];
	const clients = {
		queries,
		matchAll: (options?: unknown) => {
			queries.push(options);
			return Promise.resolve(windows);
		}
	};
	return clients;
}

/** Calls the plugin's cacheDidUpdate as Workbox does after caching one file. */
async function cacheOne(plugin: ReturnType<typeof progressPlugin>): Promise<void> {
	const callback = plugin.cacheDidUpdate;
	if (!callback) throw new Error('progressPlugin has no cacheDidUpdate');
	await callback({} as Parameters<typeof callback>[0]);
}

describe('precache', () => {
	describe('precacheManifest', () => {
		const lists = {
			build: ['/_app/immutable/entry/start.Bx1.js', '/_app/immutable/assets/app.Cq2.css'],
			files: [
				'/favicon.svg',
				'/icons/icon-512.png',
				'/robots.txt',
				'/.well-known/.keep',
				'/.DS_Store'
			],
			prerendered: ['/', '/offline', '/install'],
			version: '1767225600000',
			deskBuild: [] as string[]
		};

		it('gives hashed build files no revision', () => {
			const entries = precacheManifest(lists);

			for (const url of lists.build) expect(entries).toContainEqual({ url, revision: null });
		});

		it('revises static files and prerendered pages by the build version', () => {
			const entries = precacheManifest(lists);

			for (const url of ['/favicon.svg', '/icons/icon-512.png', '/', '/offline', '/install']) {
				expect(entries).toContainEqual({ url, revision: '1767225600000' });
			}
		});

		it('leaves out robots.txt and dotfiles', () => {
			const urls = precacheManifest(lists).map((entry) => entry.url);

			expect(urls).not.toContain('/robots.txt');
			expect(urls).not.toContain('/.well-known/.keep');
			expect(urls).not.toContain('/.DS_Store');
		});

		it('keeps files that only look like the excluded ones', () => {
			const urls = precacheManifest({
				...lists,
				files: ['/help/robots.txt', '/robots.txt.svg', '/icons/a.b.png']
			}).map((entry) => entry.url);

			expect(urls).toEqual(
				expect.arrayContaining(['/help/robots.txt', '/robots.txt.svg', '/icons/a.b.png'])
			);
		});

		it('lists every other file once, build files first', () => {
			expect(precacheManifest(lists).map((entry) => entry.url)).toEqual([
				...lists.build,
				'/favicon.svg',
				'/icons/icon-512.png',
				...lists.prerendered
			]);
		});

		it('leaves the volunteer desk to volunteers: its pages are stored apart', () => {
			const withDesk = {
				...lists,
				prerendered: [
					'/',
					'/volunteer',
					'/volunteer/class',
					'/volunteer/class/__data.json',
					'/volunteers-day'
				]
			};
			const urls = precacheManifest(withDesk).map((entry) => entry.url);

			expect(urls).toEqual(expect.arrayContaining(['/', '/volunteers-day']));
			expect(urls).not.toContain('/volunteer');
			expect(urls).not.toContain('/volunteer/class');
			expect(volunteerPageUrls(withDesk)).toEqual([
				'/volunteer',
				'/volunteer/class',
				'/volunteer/class/__data.json'
			]);
		});

		it('stores the scripts and styles only the desk uses with the desk, not in the precache', () => {
			const deskScript = '/_app/immutable/nodes/30.Dk1.js';
			const deskStyle = '/_app/immutable/assets/30.Dk2.css';
			const withDesk = {
				...lists,
				build: [...lists.build, deskScript, deskStyle],
				prerendered: ['/', '/volunteer'],
				// The placeholder of an unfilled worker names a file no build has.
				deskBuild: [deskScript, deskStyle, '__YORISOI_VOLUNTEER_BUILD_FILES__']
			};
			const urls = precacheManifest(withDesk).map((entry) => entry.url);

			expect(urls).toEqual(expect.arrayContaining(lists.build));
			expect(urls).not.toContain(deskScript);
			expect(urls).not.toContain(deskStyle);
			expect(volunteerPageUrls(withDesk)).toEqual(['/volunteer', deskScript, deskStyle]);
		});

		it('gives an empty manifest for empty lists', () => {
			expect(
				precacheManifest({ build: [], files: [], prerendered: [], version: 'v', deskBuild: [] })
			).toEqual([]);
		});
	});

	describe('progressPlugin', () => {
		it('posts progress with an increasing count to every open window', async () => {
			const windows = [fakeClient(), fakeClient()];
			const plugin = progressPlugin({
				total: 3,
				version: 'v1',
				clients: fakeClients(windows) as unknown as Clients
			});

			await cacheOne(plugin);
			await cacheOne(plugin);
			await cacheOne(plugin);

			const expected: PrecacheProgressMessage[] = [1, 2, 3].map((done) => ({
				type: 'PRECACHE_PROGRESS',
				version: 'v1',
				done,
				total: 3
			}));
			for (const window of windows) expect(window.received).toEqual(expected);
		});

		it('includes pages the worker does not control yet (the first install)', async () => {
			const clients = fakeClients([fakeClient()]);
			const plugin = progressPlugin({
				total: 1,
				version: 'v1',
				clients: clients as unknown as Clients
			});

			await cacheOne(plugin);

			expect(clients.queries).toEqual([{ type: 'window', includeUncontrolled: true }]);
		});

		it('keeps counting when no page is open', async () => {
			const windows: FakeClient[] = [];
			const plugin = progressPlugin({
				total: 2,
				version: 'v1',
				clients: fakeClients(windows) as unknown as Clients
			});

			await cacheOne(plugin);
			const late = fakeClient();
			windows.push(late);
			await cacheOne(plugin);

			expect(late.received).toEqual([
				{ type: 'PRECACHE_PROGRESS', version: 'v1', done: 2, total: 2 }
			]);
		});

		it('counts separately for each plugin', async () => {
			const window = fakeClient();
			const clients = fakeClients([window]) as unknown as Clients;
			const first = progressPlugin({ total: 2, version: 'v1', clients });
			const second = progressPlugin({ total: 2, version: 'v2', clients });

			await cacheOne(first);
			await cacheOne(second);

			expect(window.received).toMatchObject([
				{ version: 'v1', done: 1 },
				{ version: 'v2', done: 1 }
			]);
		});
		it('counts a file an update finds already stored, so progress reaches the total', async () => {
			const window = fakeClient();
			const clients = fakeClients([window]) as unknown as Clients;
			const plugin = progressPlugin({ total: 2, version: 'v2', clients });
			const useCached = plugin.cachedResponseWillBeUsed;
			if (!useCached) throw new Error('progressPlugin has no cachedResponseWillBeUsed');
			const stored = new Response('unchanged');
			type Argument = Parameters<typeof useCached>[0];

			// Workbox skips an unchanged file during install: it counts as done.
			const returned = await useCached({
				event: { type: 'install' },
				cachedResponse: stored
			} as unknown as Argument);
			await cacheOne(plugin);

			expect(returned).toBe(stored);
			expect(window.received).toMatchObject([
				{ done: 1, total: 2 },
				{ done: 2, total: 2 }
			]);
		});

		it('does not count cache hits while pages are fetched, nor files missing at install', async () => {
			const window = fakeClient();
			const clients = fakeClients([window]) as unknown as Clients;
			const plugin = progressPlugin({ total: 2, version: 'v2', clients });
			const useCached = plugin.cachedResponseWillBeUsed;
			if (!useCached) throw new Error('progressPlugin has no cachedResponseWillBeUsed');
			type Argument = Parameters<typeof useCached>[0];

			await useCached({
				event: { type: 'fetch' },
				cachedResponse: new Response('page')
			} as unknown as Argument);
			await useCached({ event: { type: 'install' }, cachedResponse: null } as unknown as Argument);

			expect(window.received).toEqual([]);
		});
	});
});
