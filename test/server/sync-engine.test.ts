import 'fake-indexeddb/auto';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { queueCancel, queueSignup, SyncEngine, type MySignup } from '$lib/client/sync-engine';
import { AppServer, requireBuild, stopAllServers } from './app-server';
import { backends, type TestDatabase } from './backends';
import { logIn, send } from './http-client';
import { validSignup } from './requests';

// The browser's sync engine (Dexie over an in-memory IndexedDB) against the real server:
// what a phone does offline, when the server is down, and when an answer is lost on the way.
const adminEmail = 'admin@engine.example';
const adminPassword = `${randomBytes(18).toString('base64url')}-Aa1`;
const hour = 60 * 60 * 1000;

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

const sqlite = backends.find((backend) => backend.name === 'sqlite')!;

describe.skipIf(sqlite.skipReason !== null)('the sync engine against the server', () => {
	let made: TestDatabase | undefined;
	let server: AppServer;
	let cookie: string;
	let venueId: string;

	beforeAll(async () => {
		made = await sqlite.create();
		server = new AppServer(made.url, {
			env: { YORISOI_ADMIN_EMAIL: adminEmail, YORISOI_ADMIN_PASSWORD: adminPassword }
		});
		await server.start();
		cookie = await logIn(server, { email: adminEmail, password: adminPassword });
		const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
			method: 'POST',
			cookie,
			json: { name: 'テスト公民館', address: '架空の住所' }
		});
		venueId = venue.body.id;
	});

	afterAll(async () => {
		await stopAllServers();
		await made?.drop();
	});

	/** A class a few days ahead with `capacity` seats, published through the volunteer API. */
	async function publish(capacity: number): Promise<string> {
		const startsAt = new Date(Date.now() + 72 * hour);
		const answer = await send<{ id: string }>(server, '/api/volunteer/classes', {
			method: 'POST',
			cookie,
			json: {
				title: 'スマホ教室',
				topic: '',
				venueId,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + hour).toISOString(),
				capacity
			}
		});
		return answer.body.id;
	}

	const seatsLeft = async (classId: string) => {
		const { body } = await send<{ classes: Array<{ id: string; seatsLeft: number }> }>(
			server,
			'/api/classes'
		);
		return body.classes.find((klass) => klass.id === classId)?.seatsLeft;
	};

	/** A phone: its own IndexedDB and sync engine. */
	function phone(fetcher?: typeof fetch) {
		const database = new YorisoiDatabase(`phone-${randomUUID()}`);
		const engine = new SyncEngine({ database, baseUrl: server.url, fetch: fetcher });
		const mine = async (id: string) => (await database.mySignups.get(id)) as MySignup;
		return { database, engine, mine };
	}

	it('keeps a sign-up made with the server down, and sends it once the server is back', async () => {
		const classId = await publish(5);
		const { database, engine, mine } = phone();
		await server.stop();
		const signup = await queueSignup(database, validSignup(classId));
		expect(await engine.flush()).toEqual({ outcome: 'offline', sent: 0 });
		expect((await mine(signup.id)).status).toBe('pending');
		expect(await database.outbox.count()).toBe(1);

		await server.start();
		expect(await engine.flush()).toEqual({ outcome: 'done', sent: 1 });
		expect(await mine(signup.id)).toMatchObject({
			status: 'confirmed',
			cancelToken: expect.any(String),
			error: null
		});
		expect(await database.outbox.count()).toBe(0);
		expect(await database.classes.get(classId)).toMatchObject({ seatsLeft: 4 });
		expect(await seatsLeft(classId)).toBe(4);
	});

	it('sends again after an answer lost on the way, and the server signs up once', async () => {
		const classId = await publish(5);
		let dropNext = true;
		// The request reaches the server and is applied; the answer never reaches the phone.
		const lossy: typeof fetch = async (input, init) => {
			const response = await fetch(input, init);
			if (dropNext && String(input).includes('/push')) {
				dropNext = false;
				throw new TypeError('network connection lost');
			}
			return response;
		};
		const { database, engine, mine } = phone(lossy);
		const signup = await queueSignup(database, validSignup(classId));
		expect((await engine.flush()).outcome).toBe('offline');
		expect(await seatsLeft(classId)).toBe(4);
		expect(await engine.flush()).toEqual({ outcome: 'done', sent: 1 });
		expect((await mine(signup.id)).status).toBe('confirmed');
		expect(await seatsLeft(classId)).toBe(4);
	});

	it('sends a sign-up and its cancel made offline in order, the cancel with the new token', async () => {
		const classId = await publish(1);
		const { database, engine, mine } = phone();
		const signup = await queueSignup(database, validSignup(classId));
		await queueCancel(database, signup.id);
		expect(await engine.flush()).toEqual({ outcome: 'done', sent: 2 });
		expect(await mine(signup.id)).toMatchObject({ status: 'cancelled', error: null });
		expect(await seatsLeft(classId)).toBe(1);
	});

	it('learns from a pull that its waiting place became a seat', async () => {
		const classId = await publish(1);
		const first = phone();
		const second = phone();
		const taken = await queueSignup(first.database, validSignup(classId));
		await first.engine.flush();
		const waiting = await queueSignup(second.database, validSignup(classId));
		await second.engine.flush();
		expect(await second.mine(waiting.id)).toMatchObject({
			status: 'waitlisted',
			waitlistPosition: 1
		});
		await queueCancel(first.database, taken.id);
		await first.engine.flush();
		await second.engine.flush();
		expect(await second.mine(waiting.id)).toMatchObject({
			status: 'confirmed',
			waitlistPosition: null
		});
	});

	it('shows a refusal in plain words and still sends the sign-ups after it', async () => {
		const cancelled = await publish(5);
		const open = await publish(5);
		await send(server, `/api/volunteer/classes/${cancelled}/cancel`, { method: 'POST', cookie });
		const { database, engine, mine } = phone();
		const refused = await queueSignup(database, validSignup(cancelled));
		const accepted = await queueSignup(database, validSignup(open));
		expect(await engine.flush()).toEqual({ outcome: 'done', sent: 2 });
		expect(await mine(refused.id)).toMatchObject({
			status: 'rejected',
			error: { code: 'class_cancelled', message: expect.stringContaining('中止') }
		});
		expect((await mine(accepted.id)).status).toBe('confirmed');
	});

	it('flushes 250 queued sign-ups in batches of at most 100, each applied once', async () => {
		const classId = await publish(300);
		const batches: number[] = [];
		const counting: typeof fetch = async (input, init) => {
			if (String(input).includes('/push')) {
				batches.push((JSON.parse(String(init?.body)) as { mutations: unknown[] }).mutations.length);
			}
			return fetch(input, init);
		};
		const { database, engine } = phone(counting);
		for (let index = 0; index < 250; index += 1) {
			await queueSignup(database, validSignup(classId));
		}
		expect(await engine.flush()).toEqual({ outcome: 'done', sent: 250 });
		expect(batches).toEqual([100, 100, 50]);
		expect(await seatsLeft(classId)).toBe(50);
		expect(await database.outbox.count()).toBe(0);
	});
});
