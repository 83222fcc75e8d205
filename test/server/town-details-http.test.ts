import { randomBytes } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServedTown, Town } from '$lib/domain/town';
import { openDatabase } from '$lib/server/storage/database';
import { AppServer, requireBuild, stopAllServers } from './app-server';
import { backends } from './backends';
import { demoPassword, logInOn, on, type Host } from './hosts';

// Issue 17, town details at run time: one server answers みどり町 (the default town: every host
// no other town claims) and あおば村 (aoba.localhost) each with its own details, manifest and
// icon; a town's admin edits its details on the desk and the next page load has them; nobody
// else can.

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

/** What `/town.js` hands to static/boot.js, read by running it. */
function scriptsTown(script: string): ServedTown & { prerendered: boolean } {
	let handed: unknown;
	runInNewContext(script, {
		window: { __yorisoiApplyTown: (served: unknown) => (handed = served) }
	});
	return handed as ServedTown & { prerendered: boolean };
}

describe.each(backends)('town details over HTTP on $name', (backend) => {
	let server: AppServer;
	let databaseUrl = '';
	let drop: (() => Promise<void>) | undefined;
	const cookies: Partial<Record<'midoriAdmin' | 'aobaAdmin' | 'aobaVolunteer', string>> = {};
	const adminPassword = `${randomBytes(18).toString('base64url')}-Aa1`;

	beforeAll(async () => {
		if (backend.skipReason) return;
		const made = await backend.create();
		drop = made.drop;
		databaseUrl = made.url;
		server = new AppServer(made.url, {
			env: {
				YORISOI_DEMO: '2',
				YORISOI_ADMIN_EMAIL: 'admin@midori.example',
				YORISOI_ADMIN_PASSWORD: adminPassword
			}
		});
		await server.start();
		const logins = {
			midoriAdmin: ['midori.localhost', { email: 'admin@midori.example', password: adminPassword }],
			aobaAdmin: [
				'aoba.localhost',
				{
					email: 'demo-admin@aoba.example',
					password: await demoPassword(server, 'demo-admin@aoba.example')
				}
			],
			aobaVolunteer: [
				'aoba.localhost',
				{ email: 'demo@aoba.example', password: await demoPassword(server, 'demo@aoba.example') }
			]
		} as const;
		for (const [who, [host, credentials]] of Object.entries(logins)) {
			const cookie = await logInOn(server, host, credentials);
			if (!cookie) throw new Error(`no login for ${who}:\n${server.output}`);
			cookies[who as keyof typeof cookies] = cookie;
		}
	}, 120_000);

	afterAll(async () => {
		await stopAllServers();
		await drop?.();
	});

	/** The town a host's pages get now: from `/town.js` and from `/api/town`. */
	async function townOn(host: Host | 'other.localhost') {
		const send = on(host as Host);
		const script = await send(server, '/town.js');
		const api = await send(server, '/api/town');
		expect(script.status).toBe(200);
		expect(script.headers.get('content-type')).toContain('text/javascript');
		expect(script.headers.get('cache-control')).toBe('no-cache');
		expect(api.status).toBe(200);
		const fromScript = scriptsTown(String(script.body));
		expect(api.body).toEqual({ town: fromScript.town, suspended: fromScript.suspended });
		return fromScript;
	}

	/** The town's details as its admin edits them (no furigana markup added). */
	async function detailsOf(host: Host, cookie: string): Promise<Town> {
		const answer = await on(host, cookie)(server, '/api/volunteer/town');
		expect(answer.status).toBe(200);
		return (answer.body as ServedTown).town;
	}

	it.skipIf(backend.skipReason !== null)(
		'gives each host its own town, manifest and icon, and any other host the default town',
		async () => {
			const midori = await townOn('midori.localhost');
			const aoba = await townOn('aoba.localhost');
			const other = await townOn('other.localhost');

			expect(midori.town.id).toBe('midori');
			expect(midori.prerendered).toBe(true);
			expect(aoba.town.id).toBe('aoba');
			expect(aoba.town.name.en).toBe('Aoba Village');
			expect(aoba.town.colours.primary).toBe('#1e3a8a');
			// The pages were built with みどり町: あおば村's texts are filled in before the first paint.
			expect(aoba.prerendered).toBe(false);
			expect(aoba.suspended).toBe(false);
			expect(other.town.id).toBe('midori');

			for (const [host, name, colour] of [
				['midori.localhost', 'みどり町', midori.town.colours.primary],
				['aoba.localhost', 'あおば村', '#1e3a8a']
			] as const) {
				const manifest = await on(host)(server, '/manifest.webmanifest');
				expect(manifest.status).toBe(200);
				expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
				const body = JSON.parse(String(manifest.body)) as Record<string, unknown>;
				expect(body.name).toContain(name);
				expect(body.short_name).toBe(`よりそい ${name}`);
				expect(body.theme_color).toBe(colour);
				const icon = await on(host)(server, '/town-icon.svg');
				expect(icon.status).toBe(200);
				expect(icon.headers.get('content-type')).toContain('image/svg+xml');
				expect(String(icon.body)).toContain(name);
				expect(String(icon.body)).toContain(`fill="${colour}"`);
			}
		}
	);

	it.skipIf(backend.skipReason !== null)(
		"brings an admin's edit to the next page load of their town only, with no rebuild",
		async () => {
			const cookie = cookies.aobaAdmin!;
			const edited = await detailsOf('aoba.localhost', cookie);
			edited.name = { ja: 'あおば町', 'ja-easy': 'あおば{町|まち}', en: 'Aoba Town' };
			edited.office.phone = '000-000-1999';
			edited.outreachDates = [
				{
					date: '2027-02-14',
					place: { ja: '北公民館', 'ja-easy': 'きた こうみんかん', en: 'North Hall' }
				}
			];
			edited.colours.primary = '#7c2d12';

			// As the desk page on あおば村's host sends it (the server's ORIGIN is the default town's; the
			// Host these requests carry has no port, so neither has the page's Origin).
			const saved = await on('aoba.localhost', cookie)(server, '/api/volunteer/town', {
				method: 'PUT',
				json: edited,
				headers: { origin: 'http://aoba.localhost', 'sec-fetch-site': 'same-origin' }
			});
			expect(saved.status, JSON.stringify(saved.body)).toBe(200);
			expect((saved.body as ServedTown).town).toEqual(edited);

			const aoba = await townOn('aoba.localhost');
			expect(aoba.town.name.en).toBe('Aoba Town');
			expect(aoba.town.office.phone).toBe('000-000-1999');
			expect(aoba.town.outreachDates.map((day) => day.date)).toEqual(['2027-02-14']);
			const manifest = JSON.parse(
				String((await on('aoba.localhost')(server, '/manifest.webmanifest')).body)
			) as Record<string, unknown>;
			expect(manifest.name).toContain('あおば町');
			expect(manifest.theme_color).toBe('#7c2d12');
			expect((await townOn('midori.localhost')).town.name.en).toBe('Midori Town');
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'the login page’s form works on each town’s own host; a form from another site is refused',
		async () => {
			const aobaAdmin = {
				email: 'demo-admin@aoba.example',
				password: await demoPassword(server, 'demo-admin@aoba.example')
			};
			const post = (host: Host, origin: string | null, form: Record<string, string>) =>
				on(host)(server, '/volunteer/login', {
					method: 'POST',
					form,
					// A browser's plain form post (without Accept, SvelteKit answers as to use:enhance).
					headers: { accept: 'text/html', ...(origin === null ? {} : { origin }) }
				});
			// ORIGIN is the default town's address (127.0.0.1): a page of aoba.localhost posts its own
			// (these requests name the host without a port, as a browser on port 80 would).
			const own = await post('aoba.localhost', 'http://aoba.localhost', aobaAdmin);
			expect(own.status).toBe(303);
			expect(own.headers.get('location')).toBe('/volunteer');
			expect(own.headers.get('set-cookie')).toMatch(/^yorisoi_session=/);
			// The default town on a host name of its own.
			const midori = { email: 'admin@midori.example', password: adminPassword };
			const named = await post('midori.localhost', 'http://midori.localhost', midori);
			expect(named.status).toBe(303);
			// Another site's page, a town's page posting to another town's host, and no Origin.
			for (const [host, origin] of [
				['aoba.localhost', 'http://evil.localhost'],
				['aoba.localhost', 'http://midori.localhost'],
				['aoba.localhost', null]
			] as const) {
				const refused = await post(host, origin, aobaAdmin);
				expect(refused.status, `${host} from ${origin}`).toBe(403);
				expect(refused.body).toBe('Cross-site POST form submissions are forbidden');
			}
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'lets no one else edit a town: not a volunteer, not anonymous, not another town’s admin',
		async () => {
			const before = await detailsOf('aoba.localhost', cookies.aobaAdmin!);
			const changed = {
				...structuredClone(before),
				office: { ...before.office, phone: '000-999-9999' }
			};
			const put = (host: Host, cookie?: string) =>
				on(host, cookie)(server, '/api/volunteer/town', { method: 'PUT', json: changed });

			expect((await put('aoba.localhost', cookies.aobaVolunteer)).status).toBe(403);
			expect(
				(await on('aoba.localhost', cookies.aobaVolunteer)(server, '/api/volunteer/town')).status
			).toBe(403);
			expect((await put('aoba.localhost')).status).toBe(401);
			// A page of another site, with the admin's cookie: refused before anything is read.
			const forged = await on('aoba.localhost', cookies.aobaAdmin)(server, '/api/volunteer/town', {
				method: 'PUT',
				json: changed,
				headers: { origin: 'http://evil.localhost', 'sec-fetch-site': 'cross-site' }
			});
			expect(forged.status).toBe(403);
			expect(forged.body).toMatchObject({ error: { code: 'cross_site' } });
			const sameSiteForged = await on('aoba.localhost', cookies.aobaAdmin)(
				server,
				'/api/volunteer/town',
				{
					method: 'PUT',
					json: changed,
					headers: { origin: `http://midori.localhost:${server.port}` }
				}
			);
			expect(sameSiteForged.status).toBe(403);
			// みどり町's admin: no session on あおば村's host, and on their own host, their own town
			// only (あおば村's id is refused).
			expect((await put('aoba.localhost', cookies.midoriAdmin)).status).toBe(401);
			const onOwnHost = await put('midori.localhost', cookies.midoriAdmin);
			expect(onOwnHost.status).toBe(400);
			expect(onOwnHost.body).toMatchObject({
				error: { code: 'invalid_input', fields: { id: { code: 'invalid' } } }
			});

			expect(await detailsOf('aoba.localhost', cookies.aobaAdmin!)).toEqual(before);
			expect((await townOn('midori.localhost')).town.id).toBe('midori');
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'refuses details the town schema refuses, naming each field by its path',
		async () => {
			const cookie = cookies.aobaAdmin!;
			const before = await detailsOf('aoba.localhost', cookie);
			const broken = structuredClone(before) as Town & { extra?: boolean };
			broken.office.phone = 'call us';
			broken.name.en = '';
			// Yellow: white text on it would be unreadable.
			broken.colours.primary = '#ffe500';

			const answer = await on('aoba.localhost', cookie)(server, '/api/volunteer/town', {
				method: 'PUT',
				json: broken
			});

			expect(answer.status).toBe(400);
			expect(answer.body).toMatchObject({
				error: {
					code: 'invalid_input',
					fields: {
						'office.phone': { code: 'invalid' },
						'name.en': { code: 'required' },
						'colours.primary': { code: 'invalid' }
					}
				}
			});
			expect(await detailsOf('aoba.localhost', cookie)).toEqual(before);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		"says on every page load that a town is paused, and only that town's",
		async () => {
			const database = await openDatabase(databaseUrl);
			try {
				await database.run('UPDATE towns SET suspended = 1 WHERE id = ?', ['aoba']);
				expect((await townOn('aoba.localhost')).suspended).toBe(true);
				expect((await townOn('midori.localhost')).suspended).toBe(false);
			} finally {
				await database.run('UPDATE towns SET suspended = 0 WHERE id = ?', ['aoba']);
				await database.close();
			}
		}
	);
});
