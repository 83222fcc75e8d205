import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markAttendance } from '$lib/server/attendance';
import { createVolunteer, logIn, volunteerForSession } from '$lib/server/auth';
import { createClass, createVenue } from '$lib/server/classes';
import { aobaTown } from '$lib/server/demo-aoba';
import { migrate, migrations } from '$lib/server/migrations';
import { townTables } from '$lib/server/migrations/018-towns';
import { cancelTokenKey, createSignup, listUpcomingClasses } from '$lib/server/signups';
import { openDatabase, type Database } from '$lib/server/storage/database';
import {
	defaultTownId,
	ensureTown,
	listTowns,
	normaliseHost,
	TownResolver
} from '$lib/server/towns';
import { backends } from './backends';
import { migrateOnly, migratedDatabase, testVolunteer } from './seed';
import { validSignup } from './requests';

const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;
const now = new Date('2026-06-01T00:00:00.000Z');

describe('normaliseHost', () => {
	it('keeps the name of a Host header: lower case, no port, no trailing dot', () => {
		expect(normaliseHost('Aoba.LocalHost:3000')).toBe('aoba.localhost');
		expect(normaliseHost('aoba.example.jp.')).toBe('aoba.example.jp');
		expect(normaliseHost('[::1]:3000')).toBe('[::1]');
		expect(normaliseHost('aoba.example.jp, proxy.internal')).toBe('aoba.example.jp');
	});
});

describe.each(backends)('towns on $name', (backend) => {
	const removals: Array<() => Promise<void>> = [];

	beforeAll(() => {
		if (backend.skipReason) console.warn(backend.skipReason);
	});

	afterEach(async () => {
		await Promise.all(removals.splice(0).map((remove) => remove()));
	});

	async function fresh(): Promise<Database> {
		const made = await migratedDatabase(backend);
		removals.push(made.remove);
		return made.database;
	}

	/** A fresh database with the schema the versions before `version` left. */
	async function olderThan(version: number): Promise<Database> {
		const made = await backend.create();
		const database = await openDatabase(made.url);
		removals.push(async () => {
			await database.close();
			await made.drop();
		});
		await migrateOnly(database, (applied) => applied < version, now);
		return database;
	}

	it.skipIf(backend.skipReason !== null)(
		'gives every row from before version 18 to the default town, which it creates',
		async () => {
			const database = await olderThan(18);
			// A town's records as version 17 wrote them.
			const at = now.toISOString();
			const venueId = randomUUID();
			const classId = randomUUID();
			await database.run(
				'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
				[venueId, '北地区集会所', 'みどり町北3-4（架空）', at, at]
			);
			await database.run(
				`INSERT INTO classes (id, title, topic, venue_id, starts_at, ends_at, capacity, created_at, updated_at)
				VALUES (?, 'スマホ教室', '写真', ?, ?, ?, 10, ?, ?)`,
				[
					classId,
					venueId,
					new Date(now.getTime() + day).toISOString(),
					new Date(now.getTime() + day + hour).toISOString(),
					at,
					at
				]
			);
			await database.run(
				`INSERT INTO audit_log (id, at, actor, action, record_type, record_id)
				VALUES (?, ?, 'someone', 'class.create', 'class', ?)`,
				[randomUUID(), at, classId]
			);
			// Version 18 and every later one.
			expect(await migrate(database)).toEqual(
				migrations.filter((entry) => entry.version >= 18).map((entry) => entry.version)
			);
			for (const table of townTables) {
				const other = await database.first<{ n: number | string }>(
					`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table}
					WHERE town_id IS NULL OR town_id <> ?`,
					[defaultTownId]
				);
				expect(Number(other?.n), table).toBe(0);
			}
			const towns = await listTowns(database);
			expect(towns.map((town) => town.id)).toEqual([defaultTownId]);
			expect(towns[0]?.hosts).toEqual([]);
			expect(towns[0]?.suspended).toBe(false);
			const listed = await listUpcomingClasses(database, now);
			expect(listed.map((klass) => klass.id)).toEqual([classId]);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'keeps volunteers, sessions and tutors through version 21, which makes e-mails unique per town',
		async () => {
			const database = await olderThan(21);
			// Version 20's rows: a volunteer logged in and tutoring a class, in the default town.
			const password = `${randomUUID()}-Aa1`;
			const email = 'tanaka@midori.example';
			const volunteerId = await createVolunteer(
				database,
				{ email, name: '田中 はな', role: 'admin', password },
				now
			);
			const session = await logIn(database, { email, password, now });
			expect(session).not.toBeNull();
			const venueId = await createVenue(
				database,
				{ name: '公民館', address: 'みどり町1-1（架空）' },
				now
			);
			const classId = await createClass(
				database,
				{
					title: 'スマホ教室',
					topic: '写真',
					venueId,
					startsAt: new Date(now.getTime() + day).toISOString(),
					endsAt: new Date(now.getTime() + day + hour).toISOString(),
					capacity: 8
				},
				now
			);
			await database.run(
				'INSERT INTO class_tutors (class_id, volunteer_id, position) VALUES (?, ?, 0)',
				[classId, volunteerId]
			);

			// Version 21 and every later one.
			expect(await migrate(database)).toEqual(
				migrations.filter((entry) => entry.version >= 21).map((entry) => entry.version)
			);

			// The same account, session and tutor, still pointing at each other.
			const later = new Date(now.getTime() + 60_000);
			expect(
				await volunteerForSession(database, { token: session!.token, now: later })
			).toMatchObject({ id: volunteerId, email, role: 'admin' });
			const tutors = await database.all<{ volunteer_id: string; town_id: string }>(
				'SELECT volunteer_id, town_id FROM class_tutors WHERE class_id = ?',
				[classId]
			);
			expect(tutors).toEqual([{ volunteer_id: volunteerId, town_id: defaultTownId }]);
			if (database.dialect === 'sqlite') {
				expect(await database.all('PRAGMA foreign_key_check')).toEqual([]);
				expect(await database.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
			}
			// The same e-mail in another town is that town's own account, with its own password.
			await ensureTown(database, { details: aobaTown, hosts: ['aoba.localhost'], now });
			const aobaPassword = `${randomUUID()}-Bb2`;
			const aobaId = await createVolunteer(
				database,
				{
					email,
					name: '田中 はな',
					role: 'volunteer',
					password: aobaPassword,
					townId: aobaTown.id
				},
				now
			);
			expect(aobaId).not.toBe(volunteerId);
			expect(await logIn(database, { email, password, now, townId: aobaTown.id })).toBeNull();
			const aobaSession = await logIn(database, {
				email,
				password: aobaPassword,
				now,
				townId: aobaTown.id
			});
			expect(aobaSession?.volunteer.id).toBe(aobaId);
			// Within one town it is still taken, by the check and by the table's constraint.
			await expect(
				createVolunteer(database, { email, name: '別人', role: 'volunteer', password }, now)
			).rejects.toMatchObject({ code: 'email_taken' });
			await expect(
				database.run(
					`INSERT INTO volunteers (id, email, name, role, password_hash, created_at, updated_at,
						town_id)
					VALUES (?, ?, '別人', 'volunteer', 'x', ?, ?, ?)`,
					[randomUUID(), email, now.toISOString(), now.toISOString(), aobaTown.id]
				)
			).rejects.toThrow(/unique|UNIQUE/);
			// A row written without a town (an older server during a deploy) still gets the default.
			const older = randomUUID();
			await database.run(
				`INSERT INTO volunteers (id, email, name, role, password_hash, created_at, updated_at)
				VALUES (?, 'older@midori.example', '古い 版', 'volunteer', 'x', ?, ?)`,
				[older, now.toISOString(), now.toISOString()]
			);
			const row = await database.first<{ town_id: string }>(
				'SELECT town_id FROM volunteers WHERE id = ?',
				[older]
			);
			expect(row?.town_id).toBe(defaultTownId);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'files a town’s sign-ups, marks and audit lines under the town of their class',
		async () => {
			const database = await fresh();
			expect(
				await ensureTown(database, { details: aobaTown, hosts: ['aoba.localhost'], now })
			).toBe(true);
			// Once only: a second start (or server) adds nothing.
			expect(
				await ensureTown(database, { details: aobaTown, hosts: ['aoba.localhost'], now })
			).toBe(false);
			const venueId = await createVenue(
				database,
				{ name: 'あおば村ふれあいセンター', address: 'あおば村本町5-3（架空の住所）' },
				now,
				randomUUID(),
				aobaTown.id
			);
			const startsAt = new Date(now.getTime() + 3 * day);
			const classId = await createClass(
				database,
				{
					title: 'スマホ教室',
					topic: '電話',
					venueId,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + hour).toISOString(),
					capacity: 5
				},
				now
			);
			const key = await cancelTokenKey(database);
			const { outcome } = await createSignup(database, validSignup(classId), { now, key });
			const volunteerId = await testVolunteer(database, now);
			await markAttendance(database, {
				classId,
				mark: { signupId: outcome.id, status: 'present', markedAt: now.toISOString() },
				volunteerId,
				now
			});
			const townOf = async (table: string, where: string, id: string) =>
				(
					await database.first<{ town_id: string | null }>(
						`SELECT town_id FROM ${table} WHERE ${where} = ?`,
						[id]
					)
				)?.town_id;
			expect(await townOf('classes', 'id', classId)).toBe(aobaTown.id);
			expect(await townOf('signups', 'id', outcome.id)).toBe(aobaTown.id);
			expect(await townOf('attendance', 'signup_id', outcome.id)).toBe(aobaTown.id);
			expect(await townOf('audit_log', 'record_id', outcome.id)).toBe(aobaTown.id);
			// The volunteer of the default town stays there.
			expect(await townOf('volunteers', 'id', volunteerId)).toBe(defaultTownId);
			expect(
				(await listUpcomingClasses(database, now, aobaTown.id)).map((klass) => klass.id)
			).toEqual([classId]);
			expect(await listUpcomingClasses(database, now)).toEqual([]);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'resolves a host to the town that claims it, and any other host to the default town',
		async () => {
			const database = await fresh();
			const resolver = new TownResolver(database);
			expect(await resolver.townFor('aoba.localhost')).toBe(defaultTownId);
			await ensureTown(database, { details: aobaTown, hosts: ['Aoba.Localhost'], now });
			await resolver.refresh();
			expect(await resolver.townFor('aoba.localhost:3000')).toBe(aobaTown.id);
			expect(await resolver.townFor('localhost:3000')).toBe(defaultTownId);
			expect(await resolver.townFor(null)).toBe(defaultTownId);
		}
	);
});
