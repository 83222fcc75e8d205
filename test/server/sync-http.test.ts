import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationAnswer } from '$lib/domain/sync';
import type { PullAnswer } from '$lib/server/sync';
import { AppServer, requireBuild, stopAllServers } from './app-server';
import { backends } from './backends';
import { send, serverWithAdmin } from './http-client';
import { validSignup } from './requests';

const adminEmail = 'admin@sync.example';
const adminPassword = `${randomBytes(18).toString('base64url')}-Aa1`;

type ErrorBody = { error: { code: string; message: string } };

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

// SQLite only: the rules are covered on both databases by sync.test.ts; this is about HTTP.
const sqlite = backends.find((backend) => backend.name === 'sqlite')!;

describe.skipIf(sqlite.skipReason !== null)('sync endpoints over HTTP on sqlite', () => {
	let server: AppServer;
	let cookie: string;
	let classId: string;
	let databaseUrl: string;
	let drop: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		({ server, cookie, databaseUrl, drop } = await serverWithAdmin(sqlite, {
			email: adminEmail,
			password: adminPassword
		}));
		const { body } = await send<{ classes: Array<{ id: string }> }>(server, '/api/classes');
		classId = body.classes[0]!.id;
	});

	afterAll(async () => {
		await drop?.();
	});

	const push = (
		body: unknown,
		options: { cookie?: string; headers?: Record<string, string> } = {}
	) =>
		send<{ answers: MutationAnswer[] } & Partial<ErrorBody>>(server, '/api/sync/push', {
			method: 'POST',
			json: body,
			...options
		});

	it('pushes a sign-up from a phone without a login, and a retry answers the same', async () => {
		const deviceId = randomUUID();
		const body = {
			deviceId,
			mutations: [{ id: randomUUID(), seq: 1, kind: 'signup.create', args: validSignup(classId) }]
		};
		const first = await push(body);
		expect(first.status).toBe(200);
		expect(first.headers.get('cache-control')).toBe('no-store');
		expect(first.body.answers).toMatchObject([
			{ status: 'applied', result: { status: 'confirmed', cancelToken: expect.any(String) } }
		]);
		const again = await push(body);
		expect(again.body.answers).toEqual(first.body.answers);
		const pulled = await send<PullAnswer>(server, `/api/sync/pull?deviceId=${deviceId}&cursor=0`);
		expect(pulled.status).toBe(200);
		expect(pulled.headers.get('cache-control')).toBe('no-store');
		expect(pulled.body.signups).toEqual([
			{
				id: body.mutations[0]!.args.id,
				classId,
				status: 'confirmed',
				waitlistPosition: null
			}
		]);
		expect(pulled.body.volunteer).toBeUndefined();
	});

	it('answers 401 to volunteer mutations without a session, so the device keeps its queue', async () => {
		const answer = await push({
			deviceId: randomUUID(),
			mutations: [{ id: randomUUID(), seq: 1, kind: 'class.cancel', args: { classId } }]
		});
		expect(answer.status).toBe(401);
		expect(answer.body.error?.code).toBe('login_required');
		const classes = await send<{ classes: Array<{ id: string; status: string }> }>(
			server,
			'/api/classes'
		);
		expect(classes.body.classes.find((klass) => klass.id === classId)?.status).toBe('scheduled');
	});

	it('refuses a cross-site push (403) even with a volunteer’s cookie', async () => {
		const answer = await push(
			{
				deviceId: randomUUID(),
				mutations: [{ id: randomUUID(), seq: 1, kind: 'class.cancel', args: { classId } }]
			},
			{ cookie, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }
		);
		expect(answer.status).toBe(403);
		expect(answer.body.error?.code).toBe('cross_site');
	});

	it('gives a logged-in volunteer’s pull the rosters, and refuses a bad query (400)', async () => {
		const deviceId = randomUUID();
		const pulled = await send<PullAnswer>(server, `/api/sync/pull?deviceId=${deviceId}&cursor=0`, {
			cookie
		});
		expect(pulled.status).toBe(200);
		expect(pulled.body.volunteer?.classes.length).toBeGreaterThan(0);
		const bad = await send<ErrorBody>(server, '/api/sync/pull?deviceId=phone&cursor=-1');
		expect(bad.status).toBe(400);
	});

	it('refuses a push with no mutations, too many, or over 512 KB', async () => {
		const deviceId = randomUUID();
		expect((await push({ deviceId, mutations: [] })).status).toBe(400);
		const many = Array.from({ length: 101 }, (_, index) => ({
			id: randomUUID(),
			seq: index + 1,
			kind: 'signup.create',
			args: validSignup(classId)
		}));
		expect((await push({ deviceId, mutations: many })).status).toBe(400);
		const huge = await send(server, '/api/sync/push', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ deviceId, mutations: [], padding: 'x'.repeat(600 * 1024) })
		});
		expect(huge.status).toBe(413);
	});

	it('limits sign-ups per device, and another phone in the same hall still signs up', async () => {
		const limited = new AppServer(databaseUrl, {
			rateLimits: true,
			env: { YORISOI_RATE_SIGNUPS_PER_DEVICE: '3' }
		});
		await limited.start();
		const signUps = (deviceId: string, count: number, from = 1) =>
			send<{ answers: MutationAnswer[] } & Partial<ErrorBody>>(limited, '/api/sync/push', {
				method: 'POST',
				json: {
					deviceId,
					mutations: Array.from({ length: count }, (_, index) => ({
						id: randomUUID(),
						seq: from + index,
						kind: 'signup.create',
						args: validSignup(classId)
					}))
				}
			});
		const phone = randomUUID();
		expect((await signUps(phone, 3)).status).toBe(200);
		const refused = await signUps(phone, 1, 4);
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await signUps(randomUUID(), 2)).status).toBe(200);
		await limited.stop();
	});
});
