import 'fake-indexeddb/auto';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { clearVolunteerData, queueVenueEdit, queueVenueRetire } from '$lib/client/class-desk';
import { Outbox } from '$lib/client/outbox';
import { answeredHere, queueAnswer } from '$lib/client/questionnaire';
import { queueCancel, queueSignup, SyncEngine, type MySignup } from '$lib/client/sync-engine';
import { requireBuild, stopAllServers, type AppServer } from './app-server';
import { backends } from './backends';
import { send, serverWithAdmin, sessionCookieName } from './http-client';
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
	let server: AppServer;
	let cookie: string;
	let venueId: string;
	let drop: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		({ server, cookie, drop } = await serverWithAdmin(sqlite, {
			email: adminEmail,
			password: adminPassword
		}));
		const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
			method: 'POST',
			cookie,
			json: { name: 'テスト公民館', address: '架空の住所' }
		});
		venueId = venue.body.id;
	});

	afterAll(async () => {
		await drop?.();
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
		// The tests flush by hand, to see each step: the outbox wakes nothing here.
		const outbox = new Outbox(database, () => {});
		const mine = async (id: string) => (await database.mySignups.get(id)) as MySignup;
		return { database, engine, outbox, mine };
	}

	it('keeps a sign-up made with the server down, and sends it once the server is back', async () => {
		const classId = await publish(5);
		const { database, engine, outbox, mine } = phone();
		await server.stop();
		const signup = await queueSignup(outbox, validSignup(classId));
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
		const { engine, outbox, mine } = phone(lossy);
		const signup = await queueSignup(outbox, validSignup(classId));
		expect((await engine.flush()).outcome).toBe('offline');
		expect(await seatsLeft(classId)).toBe(4);
		expect(await engine.flush()).toEqual({ outcome: 'done', sent: 1 });
		expect((await mine(signup.id)).status).toBe('confirmed');
		expect(await seatsLeft(classId)).toBe(4);
	});

	it('sends a sign-up and its cancel made offline in order, the cancel with the new token', async () => {
		const classId = await publish(1);
		const { engine, outbox, mine } = phone();
		const signup = await queueSignup(outbox, validSignup(classId));
		await queueCancel(outbox, signup.id);
		expect(await engine.flush()).toEqual({ outcome: 'done', sent: 2 });
		expect(await mine(signup.id)).toMatchObject({ status: 'cancelled', error: null });
		expect(await seatsLeft(classId)).toBe(1);
	});

	it('keeps a class it signed up for a week after it ends, for the questionnaire offline', async () => {
		const mineId = await publish(5);
		const otherId = await publish(5);
		const resident = phone();
		const signup = await queueSignup(resident.outbox, validSignup(mineId));
		await resident.engine.flush();
		expect((await resident.mine(signup.id)).status).toBe('confirmed');
		const startsAt = Date.parse(String((await resident.database.classes.get(mineId))!.startsAt));
		const later = (ms: number) =>
			new SyncEngine({
				database: resident.database,
				baseUrl: server.url,
				now: () => new Date(startsAt + ms)
			});
		const stored = async () => (await resident.database.classes.toArray()).map((row) => row.id);

		// The class has begun (the phone's clock says so): the one signed up for stays, with what
		// the questionnaire needs; the other is gone. A full pull (a new cursor) keeps it too.
		await later(2 * hour).flush();
		expect(await stored()).toContain(mineId);
		expect(await stored()).not.toContain(otherId);
		await resident.database.syncState.delete('cursor');
		await later(2 * hour).flush();
		expect(await stored()).toContain(mineId);
		expect(await stored()).not.toContain(otherId);
		expect(await resident.database.classes.get(mineId)).toMatchObject({
			title: 'スマホ教室',
			lessonIds: []
		});

		// Answered on the phone: the answer waits in the outbox, and the phone remembers the class.
		await queueAnswer(resident.outbox, {
			answer: {
				answerId: randomUUID(),
				classId: mineId,
				clarity: 5,
				satisfaction: 4,
				canDo: [],
				wantNext: []
			},
			klass: { title: 'スマホ教室', startsAt: new Date(startsAt).toISOString() },
			remember: true
		});
		expect(await answeredHere(resident.database, mineId)).toBe(true);
		expect(await answeredHere(resident.database, otherId)).toBe(false);
		expect((await resident.database.outbox.toArray()).map((row) => row.kind)).toEqual([
			'questionnaire.answer'
		]);

		// A week after it ended, it is gone; the memory of the answer stays longer.
		await resident.database.outbox.clear();
		await later(hour + 7 * 24 * hour + hour).flush();
		expect(await stored()).not.toContain(mineId);
		expect(await answeredHere(resident.database, mineId)).toBe(true);
		// The sign-up stays for the record.
		expect((await resident.mine(signup.id)).status).toBe('confirmed');
	});

	it('learns from a pull that its waiting place became a seat', async () => {
		const classId = await publish(1);
		const first = phone();
		const second = phone();
		const taken = await queueSignup(first.outbox, validSignup(classId));
		await first.engine.flush();
		const waiting = await queueSignup(second.outbox, validSignup(classId));
		await second.engine.flush();
		expect(await second.mine(waiting.id)).toMatchObject({
			status: 'waitlisted',
			waitlistPosition: 1
		});
		await queueCancel(first.outbox, taken.id);
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
		const { engine, outbox, mine } = phone();
		const refused = await queueSignup(outbox, validSignup(cancelled));
		const accepted = await queueSignup(outbox, validSignup(open));
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
		const { database, engine, outbox } = phone(counting);
		for (let index = 0; index < 250; index += 1) {
			await queueSignup(outbox, validSignup(classId));
		}
		expect(await engine.flush()).toEqual({ outcome: 'done', sent: 250 });
		expect(batches).toEqual([100, 100, 50]);
		expect(await seatsLeft(classId)).toBe(50);
		expect(await database.outbox.count()).toBe(0);
	});

	/** A volunteer's tablet: the session cookie goes with every request, as in the browser. */
	function tablet() {
		const withSession: typeof fetch = (input, init) =>
			fetch(input, {
				...init,
				headers: { ...(init?.headers as object), cookie: `${sessionCookieName}=${cookie}` }
			});
		return phone(withSession);
	}

	it('keeps the rosters a volunteer pulls, with the sign-ups made elsewhere', async () => {
		const classId = await publish(5);
		const resident = phone();
		const signup = await queueSignup(resident.outbox, validSignup(classId));
		await resident.engine.flush();
		const { database, engine } = tablet();

		expect((await engine.flush()).outcome).toBe('done');

		const row = await database.rosters.get(classId);
		expect(row).toMatchObject({ id: classId, version: 1, capacity: 5 });
		expect((row?.roster as Array<{ id: string }>).map((entry) => entry.id)).toEqual([signup.id]);
		expect(await database.venues.get(venueId)).toMatchObject({ name: 'テスト公民館' });
	});

	it('pulls again when a login starts the pulls over while a resident’s pull is on its way', async () => {
		const classId = await publish(5);
		// The device read the public classes before anyone logged in: its cursor is past them.
		const { database, engine } = phone();
		await engine.flush();
		expect(await database.rosters.count()).toBe(0);

		// A volunteer logs in; the device starts over (cursor 0) while a pull with the old cursor
		// is already on its way. Its answer holds no rosters for the classes seen before.
		const cursors: string[] = [];
		const loggedIn = new SyncEngine({
			database,
			baseUrl: server.url,
			fetch: async (input, init) => {
				const url = new URL(String(input));
				if (url.pathname === '/api/sync/pull') {
					cursors.push(url.searchParams.get('cursor') ?? '');
					if (cursors.length === 1) await database.syncState.put({ key: 'cursor', value: 0 });
				}
				return fetch(input, {
					...init,
					headers: { ...(init?.headers as object), cookie: `${sessionCookieName}=${cookie}` }
				});
			}
		});
		expect((await loggedIn.flush()).outcome).toBe('done');

		expect(cursors[1]).toBe('0');
		expect(cursors).toHaveLength(2);
		expect(await database.rosters.get(classId)).toMatchObject({ id: classId });
	});

	it('renames and removes venues sent from the tablet, and learns a refusal', async () => {
		const { database, engine, outbox } = tablet();
		const empty = await send<{ id: string }>(server, '/api/volunteer/venues', {
			method: 'POST',
			cookie,
			json: { name: '空き会場', address: '架空の住所2' }
		});
		await engine.flush();
		await queueVenueEdit(outbox, { venueId: empty.body.id, changes: { name: '北会場' } });
		expect(await database.venues.get(empty.body.id)).toMatchObject({ name: '北会場' });
		// The test venue has classes ahead: the server keeps it, and the tablet shows it again.
		await queueVenueRetire(outbox, venueId);
		await queueVenueRetire(outbox, empty.body.id);
		expect(await database.venues.get(venueId)).toBeUndefined();

		expect((await engine.flush()).outcome).toBe('done');

		expect(await database.venues.get(empty.body.id)).toBeUndefined();
		expect(await database.venues.get(venueId)).toMatchObject({ name: 'テスト公民館' });
		const refusals = await database.rejections.toArray();
		expect(refusals.map((refusal) => [refusal.kind, refusal.error.code])).toEqual([
			['venue.retire', 'venue_in_use']
		]);
	});

	it('keeps a stale edit of the time as a conflict with the class as it now is', async () => {
		const classId = await publish(5);
		const first = tablet();
		const second = tablet();
		await first.engine.flush();
		await second.engine.flush();
		const later = (hours: number) => new Date(Date.now() + hours * hour).toISOString();
		const patch = (startsAt: string, endsAt: string) => ({
			classId,
			baseVersion: 1,
			changes: { startsAt, endsAt }
		});
		const about = { title: 'スマホ教室' };
		await first.outbox.queue('class.patch', patch(later(96), later(97)), { about });
		expect((await first.engine.flush()).outcome).toBe('done');

		// The second tablet edits the version it saw (1), after the first tablet's change (2).
		const queued = await second.outbox.queue('class.patch', patch(later(120), later(121)), {
			about
		});
		expect((await second.engine.flush()).outcome).toBe('done');

		const rejection = await second.database.rejections.get(queued.id);
		expect(rejection).toMatchObject({
			kind: 'class.patch',
			classId,
			error: { code: 'conflict', message: expect.any(String) },
			current: { id: classId, version: 2 }
		});
		// The server's time is the first tablet's (four days ahead), not the second's (five).
		const current = rejection?.current as { startsAt: string };
		const daysAhead = (new Date(current.startsAt).getTime() - Date.now()) / (24 * hour);
		expect(Math.round(daysAhead)).toBe(4);
		expect(await second.database.outbox.count()).toBe(0);
		// The next pull was a full one: the tablet shows the server's time, not its own.
		const shown = await second.database.rosters.get(classId);
		expect(shown?.version).toBe(2);
		expect(new Date(String(shown?.startsAt)).getTime()).toBe(new Date(current.startsAt).getTime());
	});

	it('removes everything a volunteer brought at logout, and keeps what a resident queued', async () => {
		const classId = await publish(5);
		const { database, engine, outbox } = tablet();
		await engine.flush();
		await server.stop();
		try {
			const residentSignup = await queueSignup(outbox, validSignup(classId));
			await outbox.queue('class.cancel', { classId }, { about: { title: 'スマホ教室' } });
			await database.rejections.put({
				mutationId: randomUUID(),
				kind: 'class.patch',
				args: {},
				classId,
				error: { code: 'conflict', message: '…' },
				at: Date.now()
			});

			await clearVolunteerData(database);

			expect(await database.rosters.count()).toBe(0);
			expect(await database.venues.count()).toBe(0);
			expect(await database.rejections.count()).toBe(0);
			const left = await database.outbox.toArray();
			expect(left.map((row) => row.kind)).toEqual(['signup.create']);
			expect(await database.mySignups.get(residentSignup.id)).toBeDefined();
			expect((await database.syncState.get('cursor'))?.value).toBe(0);

			// A session that expired (not a logout) keeps what the volunteer has not sent yet.
			await outbox.queue('class.cancel', { classId }, { about: { title: 'スマホ教室' } });
			await database.rosters.put({ id: classId, startsAt: new Date().toISOString() });
			await clearVolunteerData(database, { keepUnsent: true });
			expect(await database.rosters.count()).toBe(0);
			expect((await database.outbox.toArray()).map((row) => row.kind)).toEqual([
				'signup.create',
				'class.cancel'
			]);
		} finally {
			await server.start();
		}
	});
});
