import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SignupRequest } from '$lib/domain/signup';
import { rubySegments } from '$lib/domain/furigana';
import { createClass, createVenue, getClass, patchClass, patchVenueIn } from '$lib/server/classes';
import { seedDemoTown } from '$lib/server/demo';
import { nextChange } from '$lib/server/changes';
import { migrateOnly } from './seed';
import { migrate, migrations } from '$lib/server/migrations';
import {
	cancelSignup,
	cancelTokenKey,
	createSignup,
	listUpcomingClasses,
	promoteWaiting,
	SignupError
} from '$lib/server/signups';
import { consumeAll, signupLimiter } from '$lib/server/rate-limit';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { backends, postgresBackend, type Backend, type TestDatabase } from './backends';
import { validSignup } from './requests';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** Databases opened by one suite, closed and dropped when it ends. */
function databasePool(backend: Backend) {
	const opened: Array<{ database: Database; made: TestDatabase }> = [];
	return {
		/** A new, empty database (migrated unless told otherwise). */
		async fresh(options: { migrated?: boolean } = {}): Promise<Database> {
			const made = await backend.create();
			const database = await openDatabase(made.url);
			opened.push({ database, made });
			if (options.migrated ?? true) await migrate(database);
			return database;
		},
		/** Another connection to the database a suite already made (another server, say). */
		async reopen(database: Database): Promise<Database> {
			const made = opened.find((entry) => entry.database === database)?.made;
			if (!made) throw new Error('not a database of this suite');
			const again = await openDatabase(made.url);
			opened.push({ database: again, made });
			return again;
		},
		async dropAll(): Promise<void> {
			for (const { database } of opened.reverse()) await database.close().catch(() => undefined);
			const made = new Set(opened.map((entry) => entry.made));
			for (const database of made) await database.drop();
			opened.length = 0;
		}
	};
}

/** A venue and a class starting `startsIn` ms after `now`, lasting `lasts` ms. */
async function makeClass(
	database: Database,
	options: { capacity: number; now: Date; startsIn?: number; lasts?: number }
): Promise<string> {
	const venueId = await createVenue(
		database,
		{ name: 'テスト公民館', address: 'みどり県みどり町テスト1-1（架空の住所）' },
		options.now
	);
	const startsAt = new Date(options.now.getTime() + (options.startsIn ?? 7 * day));
	return createClass(
		database,
		{
			title: 'テスト教室',
			topic: 'テスト',
			venueId,
			startsAt: startsAt.toISOString(),
			endsAt: new Date(startsAt.getTime() + (options.lasts ?? 2 * hour)).toISOString(),
			capacity: options.capacity
		},
		options.now
	);
}

/** The SignupError a promise rejects with (fails the test when it resolves or throws another). */
async function refusal(promise: Promise<unknown>): Promise<SignupError> {
	const error = await promise.then(
		() => null,
		(reason: unknown) => reason
	);
	expect(error).toBeInstanceOf(SignupError);
	return error as SignupError;
}

async function countRows(database: Database, sql: string, params: unknown[] = []) {
	const row = await database.first<{ n: number }>(sql, params);
	return Number(row?.n);
}

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`storage on ${backend.name}`, () => {
		const pool = databasePool(backend);
		const now = new Date();
		const at = { now };
		let database: Database;
		let key: string;

		beforeAll(async () => {
			database = await pool.fresh();
			key = await cancelTokenKey(database);
		});

		afterAll(async () => {
			await pool.dropAll();
		});

		const signUp = (signup: SignupRequest) => createSignup(database, signup, { now, key });

		describe('migrate', () => {
			it('applies every version from 1 on an empty database, then nothing the second time', async () => {
				const all = migrations.map((migration) => migration.version);
				expect(all[0]).toBe(1);
				const empty = await pool.fresh({ migrated: false });
				expect(await migrate(empty)).toEqual(all);
				expect(await migrate(empty)).toEqual([]);
				const versions = await empty.all<{ version: number }>(
					'SELECT version FROM schema_migrations ORDER BY version'
				);
				expect(versions.map((row) => Number(row.version))).toEqual(all);
			});

			it('keeps classes and venues from before readings (v5) working after version 6', async () => {
				const old = await pool.fresh({ migrated: false });
				// The schema as version 5 left it, with a venue and a class written then.
				await migrateOnly(old, (version) => version <= 5, now);
				const venueId = randomUUID();
				const classId = randomUUID();
				const startsAt = new Date(now.getTime() + 7 * day).toISOString();
				const endsAt = new Date(now.getTime() + 7 * day + hour).toISOString();
				await old.run(
					'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
					[venueId, '北地区集会所', 'みどり町北3-4', now.toISOString(), now.toISOString()]
				);
				await old.run(
					`INSERT INTO classes (id, title, topic, venue_id, starts_at, ends_at, capacity, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					[
						classId,
						'スマホ教室',
						'写真',
						venueId,
						startsAt,
						endsAt,
						5,
						now.toISOString(),
						now.toISOString()
					]
				);

				// Version 6 and every one after it (more come with each feature).
				expect(await migrate(old)).toEqual(
					migrations.map(({ version }) => version).filter((version) => version >= 6)
				);

				// Listed as before: no readings fields at all, so older devices read the same shape.
				const [listed] = await listUpcomingClasses(old, now);
				expect(listed).toMatchObject({ id: classId, title: 'スマホ教室', topic: '写真' });
				expect(listed).not.toHaveProperty('titleReadings');
				expect(listed).not.toHaveProperty('topicReadings');
				expect(listed?.venue).toEqual({
					id: venueId,
					name: '北地区集会所',
					address: 'みどり町北3-4'
				});

				// And they take readings when a volunteer gives them.
				const { klass } = await patchClass(old, {
					id: classId,
					patch: { baseVersion: 1, changes: { titleReadings: [['教室', 'きょうしつ']] } },
					actor: 'test',
					now
				});
				expect(klass.titleReadings).toEqual([['教室', 'きょうしつ']]);
				const venue = await old.transaction((tx) =>
					patchVenueIn(tx, {
						id: venueId,
						changes: { nameReadings: [['北地区', 'きたちく']] },
						actor: 'test',
						now
					})
				);
				expect(venue.nameReadings).toEqual([['北地区', 'きたちく']]);
				const [again] = await listUpcomingClasses(old, now);
				expect(again?.titleReadings).toEqual([['教室', 'きょうしつ']]);
				expect(again?.venue.nameReadings).toEqual([['北地区', 'きたちく']]);
			});

			it('gives sign-ups from before version 9 the keys the duplicate check compares', async () => {
				const old = await pool.fresh({ migrated: false });
				await migrateOnly(old, (version) => version <= 7, now);
				const venueId = randomUUID();
				const classId = randomUUID();
				const signupId = randomUUID();
				const startsAt = new Date(now.getTime() + 7 * day).toISOString();
				await old.run(
					'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
					[venueId, '北地区集会所', 'みどり町北3-4', now.toISOString(), now.toISOString()]
				);
				await old.run(
					`INSERT INTO classes (id, title, topic, venue_id, starts_at, ends_at, capacity, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					[
						classId,
						'スマホ教室',
						'',
						venueId,
						startsAt,
						startsAt,
						5,
						now.toISOString(),
						now.toISOString()
					]
				);
				await old.run(
					`INSERT INTO signups (id, class_id, name, name_kana, phone, device, needs_loaner, status,
						cancel_token_hash, request_hash, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, 'none', 1, 'confirmed', 'h', 'r', ?, ?)`,
					[
						signupId,
						classId,
						'佐藤　一郎',
						'サトウ イチロウ',
						null,
						now.toISOString(),
						now.toISOString()
					]
				);

				expect(await migrate(old)).toEqual(
					migrations.map(({ version }) => version).filter((version) => version >= 8)
				);

				const again = createSignup(
					old,
					{ ...validSignup(classId), name: '佐藤一郎', nameKana: 'さとういちろう', phone: '' },
					{ now, key, actor: 'volunteer-1' }
				);
				await expect(again).rejects.toMatchObject({
					code: 'possible_duplicate',
					existing: { id: signupId, status: 'confirmed' }
				});
				// The seats count the sign-up made before (SQLite keeps the count since version 17).
				const statuses: string[] = [];
				for (let seat = 0; seat < 5; seat += 1) {
					const { outcome } = await createSignup(old, validSignup(classId), { now, key });
					statuses.push(outcome.status);
				}
				expect(statuses).toEqual([
					'confirmed',
					'confirmed',
					'confirmed',
					'confirmed',
					'waitlisted'
				]);
			});

			it('sees the migrations another connection applied', async () => {
				const again = await pool.reopen(database);
				expect(await migrate(again)).toEqual([]);
			});
		});

		describe('transaction', () => {
			it('rolls back everything when the work throws', async () => {
				const id = randomUUID();
				const failing = database.transaction(async (tx) => {
					await tx.run(
						'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
						[id, 'rolled back', 'nowhere', now.toISOString(), now.toISOString()]
					);
					expect(await countRows(tx, 'SELECT COUNT(*) AS n FROM venues WHERE id = ?', [id])).toBe(
						1
					);
					throw new Error('boom');
				});
				await expect(failing).rejects.toThrow('boom');
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM venues WHERE id = ?', [id])
				).toBe(0);
			});

			it('commits what the work wrote when it succeeds', async () => {
				const id = randomUUID();
				const result = await database.transaction(async (tx) => {
					await tx.run(
						'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
						[id, 'kept', 'somewhere', now.toISOString(), now.toISOString()]
					);
					return 'done';
				});
				expect(result).toBe('done');
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM venues WHERE id = ?', [id])
				).toBe(1);
			});

			// SQLite commits transactions that arrive together as one group (one fsync).
			it('of 60 simultaneous transactions, the ones that throw lose only their own writes', async () => {
				const ids = Array.from({ length: 60 }, () => randomUUID());
				const results = await Promise.allSettled(
					ids.map((id, index) =>
						database.transaction(async (tx) => {
							await tx.run(
								'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
								[id, `venue ${index}`, 'somewhere', now.toISOString(), now.toISOString()]
							);
							if (index % 7 === 3) throw new Error(`boom ${index}`);
							return index;
						})
					)
				);
				const failed = ids.filter((_, index) => index % 7 === 3);
				expect(results.filter((result) => result.status === 'rejected')).toHaveLength(
					failed.length
				);
				const placeholders = ids.map(() => '?').join(', ');
				const kept = await database.all<{ id: string }>(
					`SELECT id FROM venues WHERE id IN (${placeholders})`,
					ids
				);
				expect(kept.map((row) => row.id).sort()).toEqual(
					ids.filter((id) => !failed.includes(id)).sort()
				);
			});

			it('answers only once another connection can see what it wrote', async () => {
				const other = await pool.reopen(database);
				const ids = Array.from({ length: 20 }, () => randomUUID());
				const seenByOther = await Promise.all(
					ids.map(async (id) => {
						await database.transaction((tx) =>
							tx.run(
								'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
								[id, 'durable', 'somewhere', now.toISOString(), now.toISOString()]
							)
						);
						return countRows(other, 'SELECT COUNT(*) AS n FROM venues WHERE id = ?', [id]);
					})
				);
				expect(seenByOther).toEqual(ids.map(() => 1));
			});
		});

		describe('cancelTokenKey', () => {
			it('is made once per database and then stays the same', async () => {
				expect(await cancelTokenKey(database)).toBe(key);
				expect(key.length).toBeGreaterThanOrEqual(40);
			});
		});

		describe('createSignup', () => {
			it('confirms while seats are left, then waitlists in order', async () => {
				const classId = await makeClass(database, { capacity: 2, ...at });
				const outcomes = [];
				for (let i = 0; i < 4; i += 1) outcomes.push(await signUp(validSignup(classId)));
				expect(outcomes.map(({ created }) => created)).toEqual([true, true, true, true]);
				expect(outcomes.map(({ outcome }) => outcome.status)).toEqual([
					'confirmed',
					'confirmed',
					'waitlisted',
					'waitlisted'
				]);
				expect(outcomes.map(({ outcome }) => outcome.waitlistPosition)).toEqual([
					undefined,
					undefined,
					1,
					2
				]);
				const tokens = new Set(outcomes.map(({ outcome }) => outcome.cancelToken));
				expect(tokens.size).toBe(4);
			});

			it('answers a repeated request with the first outcome and creates nothing', async () => {
				const classId = await makeClass(database, { capacity: 1, ...at });
				const first = validSignup(classId);
				const waiting = validSignup(classId);
				const created = await signUp(first);
				const waitlisted = await signUp(waiting);
				// The same body again, with its fields in another order.
				const again = await signUp({ ...first, needs: [...(first.needs ?? [])].reverse() });
				const waitingAgain = await signUp({ ...waiting });
				expect(again).toEqual({ created: false, outcome: created.outcome });
				expect(waitingAgain).toEqual({ created: false, outcome: waitlisted.outcome });
				expect(waitingAgain.outcome.waitlistPosition).toBe(1);
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM signups WHERE id = ?', [first.id])
				).toBe(1);
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM signups WHERE class_id = ?', [
						classId
					])
				).toBe(2);
			});

			it('refuses the same id with a different body (id_conflict, 409)', async () => {
				const classId = await makeClass(database, { capacity: 5, ...at });
				const first = validSignup(classId);
				await signUp(first);
				const error = await refusal(signUp({ ...first, name: '別の 名前' }));
				expect(error.code).toBe('id_conflict');
				expect(error.status).toBe(409);
				const row = await database.first<{ name: string }>(
					'SELECT name FROM signups WHERE id = ?',
					[first.id]
				);
				expect(row?.name).toBe('山田 花子');
			});

			it('refuses the same id sent for another class (id_conflict, 409)', async () => {
				const classId = await makeClass(database, { capacity: 5, ...at });
				const otherClassId = await makeClass(database, { capacity: 5, ...at });
				const first = validSignup(classId);
				await signUp(first);
				const error = await refusal(signUp({ ...first, classId: otherClassId }));
				expect(error.code).toBe('id_conflict');
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM signups WHERE class_id = ?', [
						otherClassId
					])
				).toBe(0);
			});

			it('refuses an unknown class (class_not_found, 404)', async () => {
				const error = await refusal(signUp(validSignup(randomUUID())));
				expect(error.code).toBe('class_not_found');
				expect(error.status).toBe(404);
			});

			it('refuses a cancelled class (class_cancelled, 409)', async () => {
				const classId = await makeClass(database, { capacity: 5, ...at });
				await database.run("UPDATE classes SET status = 'cancelled' WHERE id = ?", [classId]);
				const error = await refusal(signUp(validSignup(classId)));
				expect(error.code).toBe('class_cancelled');
				expect(error.status).toBe(409);
			});

			it('refuses a class that has already started (class_past, 409)', async () => {
				const classId = await makeClass(database, {
					capacity: 5,
					now,
					startsIn: -hour,
					lasts: 2 * hour
				});
				const error = await refusal(signUp(validSignup(classId)));
				expect(error.code).toBe('class_past');
				expect(error.status).toBe(409);
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM signups WHERE class_id = ?', [
						classId
					])
				).toBe(0);
			});

			it('stores hostile text verbatim, as data and never as SQL', async () => {
				const classId = await makeClass(database, { capacity: 5, ...at });
				const name = "Robert'); DROP TABLE signups; -- <script>alert(1)</script>";
				const note = '\'" ; DELETE FROM classes; -- ? $1 \\ 𠮷野家 🙂';
				const signup = validSignup(classId, { name, note });
				expect((await signUp(signup)).outcome.status).toBe('confirmed');
				const row = await database.first<{ name: string; note: string }>(
					'SELECT name, note FROM signups WHERE id = ?',
					[signup.id]
				);
				expect(row).toEqual({ name, note });
			});

			it('gives exactly the seats there are to 200 simultaneous sign-ups', async () => {
				const classId = await makeClass(database, { capacity: 20, ...at });
				const requests = Array.from({ length: 200 }, () => validSignup(classId));
				const results = await Promise.all(requests.map(signUp));

				const confirmed = results.filter(({ outcome }) => outcome.status === 'confirmed');
				const waitlisted = results.filter(({ outcome }) => outcome.status === 'waitlisted');
				expect(confirmed).toHaveLength(20);
				expect(waitlisted).toHaveLength(180);
				const positions = waitlisted.map(({ outcome }) => outcome.waitlistPosition ?? 0);
				expect([...positions].sort((a, b) => a - b)).toEqual(
					Array.from({ length: 180 }, (_, i) => i + 1)
				);

				const rows = await database.all<{ id: string; status: string; waitlist_order: number }>(
					'SELECT id, status, waitlist_order FROM signups WHERE class_id = ?',
					[classId]
				);
				expect(rows).toHaveLength(200);
				expect(rows.filter((row) => row.status === 'confirmed')).toHaveLength(20);
				// Each answer's place is the place stored: the waiting list is in arrival order.
				const stored = new Map(rows.map((row) => [row.id, row]));
				for (const { outcome } of waitlisted) {
					expect(Number(stored.get(outcome.id)?.waitlist_order)).toBe(outcome.waitlistPosition);
				}
				const [listed] = (await listUpcomingClasses(database, now)).filter(
					(klass) => klass.id === classId
				);
				expect(listed).toMatchObject({ capacity: 20, seatsLeft: 0, waitlistLength: 180 });
			});

			it('answers 200 simultaneous retries of one request with one outcome and one row', async () => {
				const classId = await makeClass(database, { capacity: 20, ...at });
				const signup = validSignup(classId);
				const results = await Promise.all(Array.from({ length: 200 }, () => signUp({ ...signup })));
				expect(results.filter(({ created }) => created)).toHaveLength(1);
				expect(new Set(results.map(({ outcome }) => JSON.stringify(outcome))).size).toBe(1);
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM signups WHERE class_id = ?', [
						classId
					])
				).toBe(1);
			});
			it('answers each of simultaneous sign-ups alone when some of them are refused', async () => {
				const classId = await makeClass(database, { capacity: 3, ...at });
				const first = validSignup(classId);
				const created = await signUp(first);
				// Arriving together, they are committed together (group commit on both databases).
				const others = Array.from({ length: 10 }, () => validSignup(classId));
				const [retry, clash, samePerson, ...rest] = await Promise.allSettled([
					signUp({ ...first }),
					signUp({ ...first, name: '別の 名前' }),
					signUp(validSignup(classId, { phone: first.phone, nameKana: first.nameKana })),
					...others.map(signUp)
				]);
				expect(retry).toEqual({
					status: 'fulfilled',
					value: { created: false, outcome: created.outcome }
				});
				expect(clash).toMatchObject({ status: 'rejected', reason: { code: 'id_conflict' } });
				expect(samePerson).toMatchObject({
					status: 'rejected',
					reason: { code: 'already_signed_up', existing: { status: 'confirmed' } }
				});
				const outcomes = rest.map((result) => {
					if (result.status === 'rejected') throw result.reason;
					return result.value.outcome;
				});
				expect(outcomes.filter(({ status }) => status === 'confirmed')).toHaveLength(2);
				const positions = outcomes.flatMap(({ waitlistPosition }) => waitlistPosition ?? []);
				expect(positions.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM signups WHERE class_id = ?', [
						classId
					])
				).toBe(11);
				expect(
					await countRows(
						database,
						`SELECT COUNT(*) AS n FROM audit_log a JOIN signups s ON s.id = a.record_id
						WHERE s.class_id = ? AND a.action IN ('signup.confirmed', 'signup.waitlisted')`,
						[classId]
					)
				).toBe(11);
			});
		});

		describe('cancelSignup', () => {
			it('refuses a wrong cancel token (bad_cancel_token, 403) and changes nothing', async () => {
				const classId = await makeClass(database, { capacity: 5, ...at });
				const signup = validSignup(classId);
				const { outcome } = await signUp(signup);
				for (const cancelToken of ['', 'wrong', `${outcome.cancelToken}x`]) {
					const error = await refusal(cancelSignup(database, { id: signup.id, cancelToken, now }));
					expect(error.code).toBe('bad_cancel_token');
					expect(error.status).toBe(403);
				}
				// Another sign-up's token does not cancel this one.
				const { outcome: other } = await signUp(validSignup(classId));
				const error = await refusal(
					cancelSignup(database, { id: signup.id, cancelToken: other.cancelToken, now })
				);
				expect(error.code).toBe('bad_cancel_token');
				const row = await database.first<{ status: string }>(
					'SELECT status FROM signups WHERE id = ?',
					[signup.id]
				);
				expect(row?.status).toBe('confirmed');
			});

			it('refuses an unknown sign-up (signup_not_found, 404)', async () => {
				const error = await refusal(
					cancelSignup(database, { id: randomUUID(), cancelToken: 'anything', now })
				);
				expect(error.code).toBe('signup_not_found');
				expect(error.status).toBe(404);
			});

			it('gives the freed seat to the first waiting sign-up only', async () => {
				const classId = await makeClass(database, { capacity: 2, ...at });
				const [a, b, c, d] = [1, 2, 3, 4].map(() => validSignup(classId));
				const outcomeA = (await signUp(a!)).outcome;
				for (const signup of [b!, c!, d!]) await signUp(signup);

				const cancelled = await cancelSignup(database, {
					id: a!.id,
					cancelToken: outcomeA.cancelToken,
					now
				});
				expect(cancelled).toEqual({ id: a!.id, status: 'cancelled', promoted: [c!.id] });

				const status = async (id: string) =>
					(
						await database.first<{ status: string }>('SELECT status FROM signups WHERE id = ?', [
							id
						])
					)?.status;
				expect(await status(a!.id)).toBe('cancelled');
				expect(await status(c!.id)).toBe('confirmed');
				expect(await status(d!.id)).toBe('waitlisted');
				// The retried requests now tell the new outcomes.
				expect((await signUp(c!)).outcome).toMatchObject({ status: 'confirmed' });
				expect((await signUp(c!)).outcome.waitlistPosition).toBeUndefined();
				expect((await signUp(d!)).outcome).toMatchObject({
					status: 'waitlisted',
					waitlistPosition: 1
				});

				const [listed] = (await listUpcomingClasses(database, now)).filter(
					(klass) => klass.id === classId
				);
				expect(listed).toMatchObject({ seatsLeft: 0, waitlistLength: 1 });
			});

			it('can be done twice without error and without a second promotion', async () => {
				const classId = await makeClass(database, { capacity: 1, ...at });
				const first = validSignup(classId);
				const { outcome } = await signUp(first);
				const second = validSignup(classId);
				const third = validSignup(classId);
				await signUp(second);
				await signUp(third);
				const cancel = () =>
					cancelSignup(database, { id: first.id, cancelToken: outcome.cancelToken, now });
				expect((await cancel()).promoted).toEqual([second.id]);
				expect(await cancel()).toEqual({ id: first.id, status: 'cancelled', promoted: [] });
				const rows = await database.all<{ id: string; status: string }>(
					"SELECT id, status FROM signups WHERE class_id = ? AND status = 'confirmed'",
					[classId]
				);
				expect(rows.map((row) => row.id)).toEqual([second.id]);
			});

			it('cancelling a waiting sign-up moves those behind it up without promoting', async () => {
				const classId = await makeClass(database, { capacity: 1, ...at });
				await signUp(validSignup(classId));
				const waiting = [1, 2, 3].map(() => validSignup(classId));
				const outcomes = [];
				for (const signup of waiting) outcomes.push((await signUp(signup)).outcome);
				const result = await cancelSignup(database, {
					id: waiting[0]!.id,
					cancelToken: outcomes[0]!.cancelToken,
					now
				});
				expect(result.promoted).toEqual([]);
				expect((await signUp(waiting[1]!)).outcome.waitlistPosition).toBe(1);
				expect((await signUp(waiting[2]!)).outcome.waitlistPosition).toBe(2);
			});

			it('never overbooks when many confirmed sign-ups cancel at once', async () => {
				const classId = await makeClass(database, { capacity: 5, ...at });
				const signups = Array.from({ length: 15 }, () => validSignup(classId));
				const outcomes = [];
				for (const signup of signups) outcomes.push((await signUp(signup)).outcome);
				// The five confirmed cancel at the same moment; five waiting take their seats.
				await Promise.all(
					outcomes
						.slice(0, 5)
						.map(({ id, cancelToken }) => cancelSignup(database, { id, cancelToken, now }))
				);
				const rows = await database.all<{ id: string }>(
					"SELECT id FROM signups WHERE class_id = ? AND status = 'confirmed'",
					[classId]
				);
				expect(rows.map((row) => row.id).sort()).toEqual(
					signups
						.slice(5, 10)
						.map((signup) => signup.id)
						.sort()
				);
			});
		});

		describe('promoteWaiting', () => {
			it('moves up only as many as there are free seats, in waiting order', async () => {
				const classId = await makeClass(database, { capacity: 1, ...at });
				const signups = [1, 2, 3, 4].map(() => validSignup(classId));
				for (const signup of signups) await signUp(signup);
				await database.run('UPDATE classes SET capacity = 3 WHERE id = ?', [classId]);
				const promoted = await database.transaction(async (tx) => {
					const klass = await tx.first<{
						id: string;
						capacity: number;
						starts_at: string;
						status: 'scheduled' | 'cancelled';
					}>(`SELECT id, capacity, starts_at, status FROM classes WHERE id = ?${tx.lockRows}`, [
						classId
					]);
					return promoteWaiting(tx, klass!, now.toISOString(), await nextChange(tx));
				});
				expect(promoted).toEqual([signups[1]!.id, signups[2]!.id]);
				expect((await signUp(signups[3]!)).outcome).toMatchObject({
					status: 'waitlisted',
					waitlistPosition: 1
				});
			});
		});

		describe('listUpcomingClasses', () => {
			it('reports seats left and the waiting list, and leaves out ended classes', async () => {
				const full = await makeClass(database, { capacity: 1, ...at });
				const open = await makeClass(database, { capacity: 3, ...at });
				const running = await makeClass(database, { capacity: 3, now, startsIn: -hour });
				const ended = await makeClass(database, { capacity: 3, now, startsIn: -3 * hour });
				for (let i = 0; i < 3; i += 1) await signUp(validSignup(full));
				await signUp(validSignup(open));
				const { outcome } = await signUp(validSignup(open));
				// A cancelled sign-up frees its seat and is not counted anywhere.
				await cancelSignup(database, { id: outcome.id, cancelToken: outcome.cancelToken, now });

				const listed = await listUpcomingClasses(database, now);
				const byId = new Map(listed.map((klass) => [klass.id, klass]));
				expect(byId.get(full)).toMatchObject({ capacity: 1, seatsLeft: 0, waitlistLength: 2 });
				expect(byId.get(open)).toMatchObject({ capacity: 3, seatsLeft: 2, waitlistLength: 0 });
				expect(byId.get(running)).toMatchObject({ seatsLeft: 3, waitlistLength: 0 });
				expect(byId.has(ended)).toBe(false);
				expect(byId.get(open)).toMatchObject({
					title: 'テスト教室',
					status: 'scheduled',
					venue: { name: 'テスト公民館', address: 'みどり県みどり町テスト1-1（架空の住所）' }
				});
				const starts = listed.map((klass) => klass.startsAt);
				expect(starts).toEqual([...starts].sort());
			});

			it('lists a cancelled class with its status', async () => {
				const classId = await makeClass(database, { capacity: 3, ...at });
				await database.run("UPDATE classes SET status = 'cancelled' WHERE id = ?", [classId]);
				const [listed] = (await listUpcomingClasses(database, now)).filter(
					(klass) => klass.id === classId
				);
				expect(listed?.status).toBe('cancelled');
			});
		});

		describe('readings of typed texts', () => {
			it('stores the readings of titles, topics and venue names, and clears them', async () => {
				const venueId = await createVenue(
					database,
					{
						name: 'みどり町北地区集会所',
						nameReadings: [
							['町', 'ちょう'],
							['北地区', 'きたちく']
						],
						address: 'みどり県みどり町北3-4（架空の住所）'
					},
					now
				);
				const startsAt = new Date(now.getTime() + 7 * day);
				const classId = await createClass(
					database,
					{
						title: 'LINEで写真を送ろう',
						titleReadings: [
							['写真', 'しゃしん'],
							['送', 'おく']
						],
						topic: '家族に送る',
						topicReadings: [['家族', 'かぞく']],
						venueId,
						startsAt: startsAt.toISOString(),
						endsAt: new Date(startsAt.getTime() + hour).toISOString(),
						capacity: 4
					},
					now
				);
				const listed = (await listUpcomingClasses(database, now)).find(
					(klass) => klass.id === classId
				);
				expect(listed).toMatchObject({
					titleReadings: [
						['写真', 'しゃしん'],
						['送', 'おく']
					],
					topicReadings: [['家族', 'かぞく']],
					venue: {
						nameReadings: [
							['町', 'ちょう'],
							['北地区', 'きたちく']
						]
					}
				});
				await patchClass(database, {
					id: classId,
					patch: { baseVersion: 1, changes: { topicReadings: [] } },
					actor: 'test',
					now
				});
				const patched = await getClass(database, classId);
				expect(patched).not.toHaveProperty('topicReadings');
				expect(patched?.titleReadings).toEqual([
					['写真', 'しゃしん'],
					['送', 'おく']
				]);
			});
		});

		describe('seedDemoTown', () => {
			it('gives every kanji of the demo classes and venues a reading', async () => {
				const empty = await pool.fresh();
				await seedDemoTown(empty, now);
				const texts = (await listUpcomingClasses(empty, now)).flatMap((klass) => [
					[klass.title, klass.titleReadings] as const,
					[klass.topic, klass.topicReadings] as const,
					[klass.venue.name, klass.venue.nameReadings] as const
				]);
				for (const [text, readings] of texts) {
					const bare = rubySegments(text, readings).filter((segment) => !segment.reading);
					expect(bare.map((segment) => segment.text).join(''), text).not.toMatch(/\p{Script=Han}/u);
				}
			});

			it('seeds at least three upcoming classes with free seats once, then nothing', async () => {
				const empty = await pool.fresh();
				expect(await seedDemoTown(empty, now)).toBe(true);
				const seeded = await listUpcomingClasses(empty, now);
				expect(seeded.length).toBeGreaterThanOrEqual(3);
				for (const klass of seeded) {
					expect(klass.status).toBe('scheduled');
					expect(klass.seatsLeft).toBeGreaterThan(0);
					expect(klass.seatsLeft).toBe(klass.capacity);
					expect(new Date(klass.startsAt).getTime()).toBeGreaterThan(now.getTime());
					expect(klass.venue.address).toContain('架空');
				}
				expect(await seedDemoTown(empty, now)).toBe(false);
				expect(await listUpcomingClasses(empty, now)).toHaveLength(seeded.length);
			});
		});

		// Last: after every sign-up, cancel, promotion and walk-in of the tests above.
		// Kept by triggers: migration 17 on SQLite, 22 on PostgreSQL.
		it("keeps each class's confirmed count equal to its confirmed sign-ups", async () => {
			const counts = await database.all<{ kept: number; counted: number }>(
				`SELECT c.confirmed_count AS kept, CAST((SELECT COUNT(*) FROM signups s
					WHERE s.class_id = c.id AND s.status = 'confirmed') AS INTEGER) AS counted
				FROM classes c`
			);
			expect(counts.filter(({ counted }) => counted > 0).length).toBeGreaterThan(10);
			for (const { kept, counted } of counts) expect(kept).toBe(counted);
		});
	});
}

describe.skipIf(postgresBackend.skipReason !== null)('storage on postgres, several servers', () => {
	const pool = databasePool(postgresBackend);

	afterAll(async () => {
		await pool.dropAll();
	});

	it('three servers migrating one fresh database at once all succeed, applying each once', async () => {
		const first = await pool.fresh({ migrated: false });
		const others = [await pool.reopen(first), await pool.reopen(first)];
		const results = await Promise.allSettled([first, ...others].map((db) => migrate(db)));
		const failures = results.flatMap((result) =>
			result.status === 'rejected' ? [String((result.reason as Error).message)] : []
		);
		expect(failures).toEqual([]);
		const applied = results.flatMap((result) =>
			result.status === 'fulfilled' ? result.value : []
		);
		expect(applied.sort((a, b) => a - b)).toEqual(migrations.map((migration) => migration.version));
	});

	it('makes a sign-up in one statement, and its rate limit in one more', async () => {
		const now = new Date();
		const database = await pool.fresh();
		const key = await cancelTokenKey(database);
		const limiter = signupLimiter(database, {});
		const classId = await makeClass(database, { capacity: 1, now });
		// Its one seat taken: the sign-ups below are waitlisted, their place counted too.
		await createSignup(database, validSignup(classId), { now, key });
		const query = vi.spyOn(pg.Client.prototype, 'query');
		try {
			for (const helpTopics of [undefined, ['line', 'photos'] as SignupRequest['helpTopics']]) {
				query.mockClear();
				expect(await consumeAll([[limiter, '192.0.2.1']])).toBeNull();
				const signup = validSignup(classId, helpTopics ? { helpTopics } : {});
				const { outcome } = await createSignup(database, signup, { now, key });
				expect(outcome.status).toBe('waitlisted');
				expect(query).toHaveBeenCalledTimes(2);
				// A 相談会's topics are written with the sign-up, not by a second statement.
				const row = await database.first<{ help_topics: string | null }>(
					'SELECT help_topics FROM signups WHERE id = ?',
					[signup.id]
				);
				expect(row?.help_topics ?? null).toBe(helpTopics ? JSON.stringify(helpTopics) : null);
			}
		} finally {
			query.mockRestore();
		}
	});

	it('two servers give a 20-seat class 20 seats among 200 sign-ups, each with its audit line', async () => {
		const now = new Date();
		const first = await pool.fresh();
		const second = await pool.reopen(first);
		const key = await cancelTokenKey(first);
		const classId = await makeClass(first, { capacity: 20, now });
		const requests = Array.from({ length: 200 }, () => validSignup(classId));
		const servers = [first, second];
		const signUp = (request: SignupRequest, server: number) =>
			createSignup(servers[server % 2]!, request, { now, key });
		const results = await Promise.all(requests.map(signUp));
		expect(results.filter(({ outcome }) => outcome.status === 'confirmed')).toHaveLength(20);
		const positions = results.flatMap(({ outcome }) => outcome.waitlistPosition ?? []);
		expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
		// Retries through the other server answer the same and add nothing.
		const retries = await Promise.all(requests.map((request, index) => signUp(request, index + 1)));
		expect(retries.map(({ outcome }) => outcome)).toEqual(results.map(({ outcome }) => outcome));
		expect(retries.every(({ created }) => !created)).toBe(true);
		const rows = await first.all<{ status: string; waitlist_order: number | null; audits: number }>(
			`SELECT s.status, s.waitlist_order, CAST(COUNT(a.id) AS INTEGER) AS audits
			FROM signups s LEFT JOIN audit_log a ON a.record_id = s.id AND a.action = 'signup.' || s.status
			WHERE s.class_id = ? GROUP BY s.id, s.status, s.waitlist_order`,
			[classId]
		);
		expect(rows).toHaveLength(200);
		expect(rows.every((row) => Number(row.audits) === 1)).toBe(true);
		const orders = rows.flatMap((row) => (row.waitlist_order === null ? [] : [row.waitlist_order]));
		expect(orders.map(Number).sort((a, b) => a - b)).toEqual(positions);
	});
});
