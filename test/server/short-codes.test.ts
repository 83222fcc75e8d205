import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShortCode } from '$lib/domain/short-code';
import { createClass, getClass, type VolunteerClass } from '$lib/server/classes';
import { migrate } from '$lib/server/migrations';
import { classIdByShortCode } from '$lib/server/short-codes';
import { cancelTokenKey, listUpcomingClasses } from '$lib/server/signups';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { pullChanges, pushMutations } from '$lib/server/sync';
import { requireBuild, stopAllServers, type AppServer } from './app-server';
import { backends } from './backends';
import { send, serverWithAdmin } from './http-client';
import { migrateOnly, migratedDatabase, testVenue, testVolunteer } from './seed';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** A code as the domain makes them (fails the test when it is not one). */
const aCode = expect.stringMatching(/^[acdefhjkmnprtwxy3467]{5}$/);

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`short codes on ${backend.name}`, () => {
		const now = new Date();
		let database: Database;
		let remove: (() => Promise<void>) | undefined;
		let venueId: string;

		beforeAll(async () => {
			({ database, remove } = await migratedDatabase(backend));
			venueId = await testVenue(database, now);
		});

		afterAll(async () => {
			await remove?.();
		});

		const newClass = (title = 'スマホ教室') => {
			const startsAt = new Date(now.getTime() + 7 * day);
			return {
				title,
				topic: 'LINE',
				venueId,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
				capacity: 3
			};
		};

		describe('createClass', () => {
			it('gives every new class its own code, listed for residents and volunteers', async () => {
				const ids = await Promise.all(
					Array.from({ length: 40 }, (_, index) =>
						createClass(database, newClass(`教室${index}`), now)
					)
				);
				const classes = await Promise.all(ids.map((id) => getClass(database, id)));
				const codes = classes.map((klass) => klass?.shortCode);
				for (const code of codes) expect(code).toEqual(aCode);
				expect(new Set(codes).size).toBe(ids.length);
				const listed = await listUpcomingClasses(database, now);
				for (const klass of classes) {
					expect(listed.find((entry) => entry.id === klass?.id)?.shortCode).toBe(klass?.shortCode);
				}
			});

			it('refuses a second class with a code already taken (the unique index)', async () => {
				const [first, second] = await Promise.all([
					createClass(database, newClass(), now),
					createClass(database, newClass(), now)
				]);
				const taken = (await getClass(database, first))?.shortCode;
				await expect(
					database.run('UPDATE classes SET short_code = ? WHERE id = ?', [taken, second])
				).rejects.toThrow();
				expect((await getClass(database, second))?.shortCode).not.toBe(taken);
			});
		});

		describe('classIdByShortCode', () => {
			it('finds the class of a code, as typed in capitals or full width', async () => {
				const id = await createClass(database, newClass(), now);
				const code = (await getClass(database, id))!.shortCode!;
				expect(await classIdByShortCode(database, code)).toBe(id);
				expect(await classIdByShortCode(database, code.toUpperCase())).toBe(id);
				const fullWidth = [...code.toUpperCase()]
					.map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0))
					.join('');
				expect(await classIdByShortCode(database, fullWidth)).toBe(id);
			});

			it('finds nothing for an unknown code or what cannot be a code', async () => {
				const codes = (await listUpcomingClasses(database, now)).map((klass) => klass.shortCode);
				const unused = ['aaaaa', 'accca', 'fffff', 'ttttt'].find((code) => !codes.includes(code));
				expect(await classIdByShortCode(database, unused!)).toBeNull();
				expect(await classIdByShortCode(database, "' OR 1=1 --")).toBeNull();
				expect(await classIdByShortCode(database, '')).toBeNull();
			});
		});

		describe('class.create through sync', () => {
			it('gives a class a volunteer made offline its code when it is pushed, and pulls it', async () => {
				const volunteerId = await testVolunteer(database, now);
				const key = await cancelTokenKey(database);
				const deviceId = randomUUID();
				const id = randomUUID();
				// As the volunteer's outbox sends it (the args are read by the mutation's schema).
				const create = {
					id: randomUUID(),
					seq: 1,
					kind: 'class.create',
					args: { id, ...newClass() }
				};
				const [answer] = await pushMutations(database, {
					pusher: { deviceId, volunteerId },
					mutations: [create],
					now,
					key,
					locale: 'ja'
				});
				expect(answer?.status).toBe('applied');
				const code = (await getClass(database, id))?.shortCode;
				expect(code).toEqual(aCode);
				const pulled = await pullChanges(database, { deviceId, cursor: 0, volunteer: true, now });
				expect(pulled.classes.find((klass) => klass.id === id)?.shortCode).toBe(code);
				expect(pulled.volunteer?.classes.find((klass) => klass.id === id)?.shortCode).toBe(code);
			});
		});

		describe('migration 11', () => {
			it('gives the classes made before it a code each', async () => {
				const made = await backend.create();
				const old = await openDatabase(made.url);
				try {
					// The schema as version 7 left it, with classes written then.
					await migrateOnly(old, (version) => version <= 7, now);
					const oldVenue = await testVenue(old, now);
					const ids = Array.from({ length: 12 }, () => randomUUID());
					for (const id of ids) {
						await old.run(
							`INSERT INTO classes (id, title, topic, venue_id, starts_at, ends_at, capacity, created_at, updated_at)
							VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
							[
								id,
								'前からの教室',
								'写真',
								oldVenue,
								now.toISOString(),
								now.toISOString(),
								5,
								now.toISOString(),
								now.toISOString()
							]
						);
					}
					const applied = await migrate(old);
					expect(applied).toContain(11);
					const rows = await old.all<{ id: string; short_code: string | null }>(
						'SELECT id, short_code FROM classes'
					);
					expect(rows).toHaveLength(ids.length);
					for (const row of rows) expect(readShortCode(row.short_code ?? '')).toBe(row.short_code);
					expect(new Set(rows.map((row) => row.short_code)).size).toBe(ids.length);
				} finally {
					await old.close().catch(() => undefined);
					await made.drop();
				}
			});
		});
	});
}

describe('short links over HTTP', () => {
	const adminEmail = 'admin@test.example';
	const adminPassword = `${randomBytes(18).toString('base64url')}-Aa1`;

	beforeAll(() => {
		requireBuild();
	});

	afterAll(async () => {
		await stopAllServers();
	});

	for (const backend of backends) {
		describe.skipIf(backend.skipReason !== null)(`on ${backend.name}`, () => {
			let server: AppServer;
			let cookie: string;
			let drop: (() => Promise<void>) | undefined;
			let klass: VolunteerClass;

			beforeAll(async () => {
				({ server, cookie, drop } = await serverWithAdmin(backend, {
					email: adminEmail,
					password: adminPassword
				}));
				const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
					method: 'POST',
					cookie,
					json: { name: 'テスト公民館', address: 'みどり県みどり町テスト1-1（架空の住所）' }
				});
				const startsAt = new Date(Date.now() + 7 * day);
				const created = await send<VolunteerClass>(server, '/api/volunteer/classes', {
					method: 'POST',
					cookie,
					json: {
						title: 'ポスターの教室',
						topic: '',
						venueId: venue.body.id,
						startsAt: startsAt.toISOString(),
						endsAt: new Date(startsAt.getTime() + hour).toISOString(),
						capacity: 2
					}
				});
				expect(created.status, JSON.stringify(created.body)).toBe(201);
				klass = created.body;
			}, 30_000);

			afterAll(async () => {
				await drop?.();
			});

			it('answers the new class with its code (POST /api/volunteer/classes)', () => {
				expect(klass.shortCode).toEqual(aCode);
			});

			it('lists the code for residents (GET /api/classes)', async () => {
				const listed = await send<{ classes: Array<{ id: string; shortCode: string | null }> }>(
					server,
					'/api/classes'
				);
				expect(listed.status).toBe(200);
				const { classes } = listed.body;
				expect(classes.find((entry) => entry.id === klass.id)?.shortCode).toBe(klass.shortCode);
			});

			it('sends /c/{code} on to the class page, for anyone', async () => {
				for (const path of [`/c/${klass.shortCode}`, `/c/${klass.shortCode!.toUpperCase()}`]) {
					const answer = await fetch(server.url + path, { redirect: 'manual' });
					expect(answer.status).toBe(303);
					expect(answer.headers.get('location')).toBe(
						`/classes/class?id=${encodeURIComponent(klass.id)}`
					);
				}
			});

			it('answers an unknown code with a friendly 404 page', async () => {
				const unknown = klass.shortCode === 'aaaaa' ? 'ccccc' : 'aaaaa';
				for (const path of [`/c/${unknown}`, '/c/not-a-code']) {
					const answer = await fetch(server.url + path, { redirect: 'manual' });
					expect(answer.status).toBe(404);
					const page = await answer.text();
					expect(page).toContain('この教室は見つかりません');
					expect(page).toContain('/classes');
				}
			});
		});
	}
});
