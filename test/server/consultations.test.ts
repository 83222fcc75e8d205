import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationSlots } from '$lib/domain/consultation';
import { cancelSignup, createSignup, SignupError, type PublicClass } from '$lib/server/signups';
import { rosters } from '$lib/server/classes';
import type { Database } from '$lib/server/storage/database';
import { pullChanges, pushMutations, type Pusher } from '$lib/server/sync';
import { requireBuild, stopAllServers, type AppServer } from './app-server';
import { backends } from './backends';
import { send as sendRaw, serverWithAdmin, type Answer } from './http-client';
import { migratedDatabase, testVenue, testVolunteer } from './seed';

// 相談会 (issue 16, item 2): a block published by the consultation.create mutation becomes one
// class per slot, so the classes' seat rules decide its sign-ups, on each backend.

type ErrorBody = { error: { code: string; fields: Record<string, { code: string }> } };
const send = <T = ErrorBody>(...args: Parameters<typeof sendRaw>): Promise<Answer<T>> =>
	sendRaw<T>(...args);

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const individualNumber = '1234 5678 9018';

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

/** A block's arguments starting `inDays` ahead at 13:00 UTC, with one id per slot. */
function blockArgs(options: {
	venueId: string;
	hours?: number;
	slotMinutes?: 15 | 20 | 30;
	helpers?: number;
	waitlist?: boolean;
}) {
	const start = new Date(Date.now() + 3 * day);
	start.setUTCHours(4, 0, 0, 0);
	const block = {
		title: 'スマホ相談会',
		venueId: options.venueId,
		startsAt: start.toISOString(),
		endsAt: new Date(start.getTime() + (options.hours ?? 3) * hour).toISOString(),
		slotMinutes: options.slotMinutes ?? 20,
		helpers: options.helpers ?? 2,
		waitlist: options.waitlist ?? false
	};
	const slotIds = consultationSlots(block).map(() => randomUUID());
	return { ...block, id: randomUUID(), slotIds };
}

const person = (classId: string, extra: { helpTopics?: string[]; note?: string } = {}) => ({
	id: randomUUID(),
	classId,
	name: `住民 ${randomBytes(3).toString('hex')}`,
	phone: `090-${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}-${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`,
	device: 'android' as const,
	needsLoaner: false,
	...extra
});

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`相談会 on ${backend.name}`, () => {
		describe('storage and sync', () => {
			const now = new Date();
			let database: Database;
			let remove: (() => Promise<void>) | undefined;
			let venueId: string;
			let pusher: Pusher;
			let seq = 0;

			beforeAll(async () => {
				({ database, remove } = await migratedDatabase(backend));
				venueId = await testVenue(database, now);
				pusher = { deviceId: randomUUID(), volunteerId: await testVolunteer(database, now) };
			});

			afterAll(async () => {
				await remove?.();
			});

			const push = async (kind: string, args: unknown, id = randomUUID()) => {
				const [answer] = await pushMutations(database, {
					pusher,
					mutations: [{ id, seq: ++seq, kind, args } as never],
					now,
					key: 'test-key',
					locale: 'en'
				});
				return answer!;
			};

			const signUp = (request: ReturnType<typeof person>) =>
				createSignup(database, request as Parameters<typeof createSignup>[1], {
					now,
					key: 'test-key'
				});

			it('publishes 13:00–16:00 of 20 minutes with 2 helpers as nine classes of 2 seats', async () => {
				const args = blockArgs({ venueId });
				const answer = await push('consultation.create', args);
				expect(answer).toMatchObject({ status: 'applied', result: { id: args.id } });
				const pulled = await pullChanges(database, {
					deviceId: randomUUID(),
					cursor: 0,
					now,
					volunteer: true
				});
				const slots = pulled.classes.filter((klass) => klass.consultation?.id === args.id);
				expect(slots.map((slot) => slot.id)).toEqual(args.slotIds);
				const desk = pulled.volunteer?.classes.find((klass) => klass.id === args.slotIds[0]);
				expect(desk).toMatchObject({ consultationId: args.id, capacity: 2, roster: [] });
				expect(slots.every((slot) => slot.capacity === 2 && slot.seatsLeft === 2)).toBe(true);
				expect(slots[1]).toMatchObject({
					startsAt: consultationSlots(args)[1]?.startsAt,
					consultation: { id: args.id, waitlist: false }
				});
				// The same mutation again (a lost answer) makes nothing new.
				const again = await pushMutations(database, {
					pusher,
					mutations: [
						{ id: answer.id, seq: answer.seq, kind: 'consultation.create', args } as never
					],
					now,
					key: 'test-key',
					locale: 'en'
				});
				expect(again[0]).toMatchObject({ status: 'applied', result: { id: args.id } });
				const count = await database.first<{ n: number }>(
					'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM classes WHERE consultation_id = ?',
					[args.id]
				);
				expect(Number(count?.n)).toBe(9);
			});

			it('refuses a block over 12 hours, a slot length not offered and an unknown venue', async () => {
				const long = await push('consultation.create', blockArgs({ venueId, hours: 12.5 }));
				expect(long).toMatchObject({ status: 'rejected', error: { code: 'invalid_input' } });
				const odd = await push('consultation.create', {
					...blockArgs({ venueId }),
					slotMinutes: 25
				});
				expect(odd.error?.fields).toMatchObject({ slotMinutes: { code: 'invalid_choice' } });
				const nowhere = await push('consultation.create', blockArgs({ venueId: randomUUID() }));
				expect(nowhere).toMatchObject({ status: 'rejected', error: { code: 'venue_not_found' } });
			});

			it('never gives a 2-seat slot to 3 of 30 simultaneous sign-ups, and says the rest it is full', async () => {
				const args = blockArgs({ venueId, hours: 1 });
				await push('consultation.create', args);
				const slot = args.slotIds[0]!;
				const results = await Promise.allSettled(
					Array.from({ length: 30 }, () => signUp(person(slot)))
				);
				const seated = results.filter((result) => result.status === 'fulfilled');
				expect(seated).toHaveLength(2);
				for (const result of results) {
					if (result.status === 'rejected') {
						expect(result.reason).toBeInstanceOf(SignupError);
						expect((result.reason as SignupError).code).toBe('class_full');
					}
				}
				const rows = await database.all<{ status: string }>(
					'SELECT status FROM signups WHERE class_id = ?',
					[slot]
				);
				expect(rows.map((row) => row.status)).toEqual(['confirmed', 'confirmed']);
			});

			it('refuses a full slot through the push too, and the refusal blocks nothing after it', async () => {
				const args = blockArgs({ venueId, hours: 1, helpers: 1 });
				await push('consultation.create', args);
				const slot = args.slotIds[0]!;
				expect(await push('signup.create', person(slot))).toMatchObject({ status: 'applied' });
				const full = await push('signup.create', person(slot));
				expect(full).toMatchObject({ status: 'rejected', error: { code: 'class_full' } });
				const next = await push('signup.create', person(args.slotIds[1]!));
				expect(next).toMatchObject({ status: 'applied', result: { status: 'confirmed' } });
			});

			it('waitlists a full slot of a block with a waiting list, and moves it up on a cancel', async () => {
				const args = blockArgs({ venueId, hours: 1, helpers: 1, waitlist: true });
				await push('consultation.create', args);
				const slot = args.slotIds[0]!;
				const first = await signUp(person(slot));
				const second = await signUp(person(slot));
				expect(second.outcome).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
				const cancelled = await cancelSignup(database, {
					id: first.outcome.id,
					cancelToken: first.outcome.cancelToken,
					now
				});
				expect(cancelled.promoted).toEqual([second.outcome.id]);
			});

			it('answers a retried sign-up with its first outcome and keeps the topics for the roster', async () => {
				const args = blockArgs({ venueId, hours: 1 });
				await push('consultation.create', args);
				const slot = args.slotIds[2]!;
				const request = person(slot, { helpTopics: ['line', 'photos'], note: '写真を送りたい' });
				const first = await signUp(request);
				const again = await signUp(request);
				expect(again).toEqual({ created: false, outcome: first.outcome });
				const changed = await signUp({ ...request, helpTopics: ['mynumber'] }).catch(
					(error: unknown) => error
				);
				expect((changed as SignupError).code).toBe('id_conflict');
				const roster = (await rosters(database, [slot])).get(slot) ?? [];
				expect(roster).toHaveLength(1);
				expect(roster[0]).toMatchObject({ helpTopics: ['line', 'photos'], note: '写真を送りたい' });
			});
		});

		describe('through the endpoints', () => {
			let server: AppServer;
			let cookie: string;
			let drop: (() => Promise<void>) | undefined;
			let venueId: string;

			beforeAll(async () => {
				({ server, cookie, drop } = await serverWithAdmin(backend, {
					email: 'admin@test.example',
					password: `${randomBytes(18).toString('base64url')}-Aa1`
				}));
				const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
					method: 'POST',
					cookie,
					json: { name: 'テスト公民館', address: 'みどり県みどり町テスト1-1（架空の住所）' }
				});
				venueId = venue.body.id;
			});

			afterAll(async () => {
				await drop?.();
			});

			it('publishes a block for volunteers only, and answers 404 for blocks it does not know', async () => {
				const args = blockArgs({ venueId, hours: 1, helpers: 2 });
				const anonymous = await send(server, '/api/volunteer/consultations', {
					method: 'POST',
					json: args
				});
				expect(anonymous.status).toBe(401);
				const made = await send<{ id: string; slotMinutes: number }>(
					server,
					'/api/volunteer/consultations',
					{ method: 'POST', cookie, json: args }
				);
				expect(made.status).toBe(201);
				expect(made.body).toMatchObject({ id: args.id, slotMinutes: 20, waitlist: false });
				const unknown = await send(server, `/api/consultations/${randomUUID()}`);
				expect(unknown.status).toBe(404);
				expect(unknown.body.error.code).toBe('consultation_not_found');
				const unknownDesk = await send(server, `/api/volunteer/consultations/${randomUUID()}`, {
					cookie
				});
				expect(unknownDesk.status).toBe(404);
				const over = await send(server, '/api/volunteer/consultations', {
					method: 'POST',
					cookie,
					json: blockArgs({ venueId, hours: 13 })
				});
				expect(over.status).toBe(400);
			});

			it('takes the topics on POST /api/signups, keeps the contract, and says a full slot is full', async () => {
				const args = blockArgs({ venueId, hours: 1, helpers: 1 });
				await send(server, '/api/volunteer/consultations', { method: 'POST', cookie, json: args });
				const slot = args.slotIds[0]!;
				const listed = await send<{ classes: PublicClass[] }>(server, '/api/classes');
				const row = listed.body.classes.find((klass) => klass.id === slot);
				expect(row).toMatchObject({ capacity: 1, seatsLeft: 1, waitlistLength: 0 });
				expect(row?.consultation).toEqual({ id: args.id, waitlist: false });

				const guarded = await send(server, '/api/signups', {
					method: 'POST',
					json: person(slot, { helpTopics: ['other'], note: individualNumber })
				});
				expect(guarded.status).toBe(400);
				expect(guarded.body.error.fields.note?.code).toBe('individual_number');
				const badTopic = await send(server, '/api/signups', {
					method: 'POST',
					json: person(slot, { helpTopics: ['games'] })
				});
				expect(badTopic.body.error.fields.helpTopics?.code).toBe('invalid_choice');

				const taken = await send<{ status: string }>(server, '/api/signups', {
					method: 'POST',
					json: person(slot, { helpTopics: ['mynumber'] })
				});
				expect(taken.status).toBe(201);
				expect(taken.body.status).toBe('confirmed');
				const full = await send(server, '/api/signups', {
					method: 'POST',
					json: person(slot, { helpTopics: ['line'] })
				});
				expect(full.status).toBe(409);
				expect(full.body.error.code).toBe('class_full');

				const block = await send<{ slots: PublicClass[] }>(server, `/api/consultations/${args.id}`);
				expect(block.status).toBe(200);
				expect(block.body.slots.map((klass) => [klass.id, klass.seatsLeft])).toEqual([
					[args.slotIds[0], 0],
					[args.slotIds[1], 1],
					[args.slotIds[2], 1]
				]);
			});
		});
	});
}
