import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServer, requireBuild, stopAllServers } from './app-server';
import { backends } from './backends';
import { demoPassword, logInOn, on, type Host } from './hosts';
import { solidPng } from '../fixtures/png';

// Issue 17: each town's home-screen icons carry its name. The desk page draws them from the
// town's SVG icon (a browser's font writes the name) and sends them here; each host then
// answers its own town's PNGs, and the shared app icon while a town has none.

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

const base64 = (bytes: Buffer) => bytes.toString('base64');
const drawn = () => ({
	180: base64(solidPng(180, 180)),
	192: base64(solidPng(192, 192)),
	512: base64(solidPng(512, 512))
});

describe.each(backends)('town icons over HTTP on $name', (backend) => {
	let server: AppServer;
	let drop: (() => Promise<void>) | undefined;
	const cookies: Partial<Record<'aobaAdmin' | 'aobaVolunteer', string>> = {};

	beforeAll(async () => {
		if (backend.skipReason) return;
		const made = await backend.create();
		drop = made.drop;
		server = new AppServer(made.url, { env: { YORISOI_DEMO: '2' } });
		await server.start();
		for (const [who, email] of [
			['aobaAdmin', 'demo-admin@aoba.example'],
			['aobaVolunteer', 'demo@aoba.example']
		] as const) {
			const cookie = await logInOn(server, 'aoba.localhost', {
				email,
				password: await demoPassword(server, email)
			});
			if (!cookie) throw new Error(`no login for ${who}:\n${server.output}`);
			cookies[who] = cookie;
		}
	}, 120_000);

	afterAll(async () => {
		await stopAllServers();
		await drop?.();
	});

	/** Sends icons as the desk page on あおば村's host does. */
	const send = (cookie: string | undefined, json: unknown) =>
		on('aoba.localhost', cookie)(server, '/api/volunteer/town/icons', {
			method: 'PUT',
			json,
			headers: { origin: 'http://aoba.localhost', 'sec-fetch-site': 'same-origin' }
		});

	const icon = (host: Host, size: number) => on(host)(server, `/town-icon-${size}.png`);

	it.skipIf(backend.skipReason !== null)(
		'answers the shared app icon while a town has none of its own, and nothing for other sizes',
		async () => {
			for (const [size, shared] of [
				[180, '/icons/apple-touch-icon.png'],
				[192, '/icons/icon-192.png'],
				[512, '/icons/icon-512.png']
			] as const) {
				const answer = await icon('midori.localhost', size);
				expect(answer.status).toBe(302);
				expect(answer.headers.get('location')).toBe(shared);
			}
			expect((await icon('midori.localhost', 64)).status).toBe(404);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'takes icons from the town’s admins only, each a PNG of its size',
		async () => {
			expect((await send(undefined, drawn())).status).toBe(401);
			expect((await send(cookies.aobaVolunteer, drawn())).status).toBe(403);

			const wrongSize = await send(cookies.aobaAdmin, {
				...drawn(),
				512: base64(solidPng(256, 256))
			});
			expect(wrongSize.status).toBe(400);
			const notPng = await send(cookies.aobaAdmin, {
				...drawn(),
				180: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')
			});
			expect(notPng.status).toBe(400);
			const missing: Record<string, string> = { ...drawn(), 64: base64(solidPng(64, 64)) };
			delete missing['192'];
			const incomplete = await send(cookies.aobaAdmin, missing);
			expect(incomplete.status).toBe(400);
			const fields = (incomplete.body as { error: { fields: Record<string, unknown> } }).error
				.fields;
			expect(Object.keys(fields).sort()).toEqual(['192', '64']);
			// Nothing was kept from the refused sends.
			expect((await icon('aoba.localhost', 192)).status).toBe(302);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'serves a town’s own PNGs on its hosts only, named by its manifest',
		async () => {
			const icons = drawn();
			const saved = await send(cookies.aobaAdmin, icons);
			expect(saved.status, JSON.stringify(saved.body)).toBe(200);
			expect((saved.body as { sizes: number[] }).sizes.sort()).toEqual([180, 192, 512]);

			for (const size of [180, 192, 512] as const) {
				const answer = await icon('aoba.localhost', size);
				expect(answer.status).toBe(200);
				expect(answer.headers.get('content-type')).toBe('image/png');
				expect(answer.bytes.toString('base64')).toBe(icons[size]);
				// みどり町 still answers the shared icon.
				expect((await icon('midori.localhost', size)).status).toBe(302);
			}
			const manifest = JSON.parse(
				String((await on('aoba.localhost')(server, '/manifest.webmanifest')).body)
			) as { icons: Array<{ src: string; sizes: string }> };
			expect(manifest.icons.map((entry) => `${entry.src} ${entry.sizes}`)).toEqual(
				expect.arrayContaining(['/town-icon-192.png 192x192', '/town-icon-512.png 512x512'])
			);

			// Sent again (the details saved again), they replace the first ones.
			const again = { ...icons, 192: base64(solidPng(192, 192, [0x7c, 0x2d, 0x12])) };
			expect((await send(cookies.aobaAdmin, again)).status).toBe(200);
			expect((await icon('aoba.localhost', 192)).bytes.toString('base64')).toBe(again[192]);
		}
	);
});
