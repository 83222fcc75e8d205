import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
	AuthError,
	listVolunteers,
	logIn,
	updateVolunteer,
	volunteerForSession
} from '$lib/server/auth';
import { demoAdmin, demoVolunteer, ensureDemoLogins } from '$lib/server/demo';
import { migrateOnly } from './seed';
import { migrate, migrations } from '$lib/server/migrations';
import { hashPassword } from '$lib/server/passwords';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { backends, type Backend, type TestDatabase } from './backends';

const hour = 60 * 60 * 1000;

/** A password no list of common passwords holds. */
const strongPassword = () => `${randomBytes(12).toString('base64url')}-Zz9`;

/** The AuthError a promise rejects with (fails the test when it resolves or throws another). */
async function refusal(promise: Promise<unknown>): Promise<AuthError> {
	const error = await promise.then(
		() => null,
		(reason: unknown) => reason
	);
	expect(error).toBeInstanceOf(AuthError);
	return error as AuthError;
}

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
		/** Another connection to a database of this suite (another server, say). */
		async reopen(database: Database): Promise<Database> {
			const made = opened.find((entry) => entry.database === database)?.made;
			if (!made) throw new Error('not a database of this suite');
			const again = await openDatabase(made.url);
			opened.push({ database: again, made });
			return again;
		},
		async dropAll(): Promise<void> {
			for (const { database } of opened.reverse()) await database.close().catch(() => undefined);
			for (const made of new Set(opened.map((entry) => entry.made))) await made.drop();
			opened.length = 0;
		}
	};
}

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`volunteer management on ${backend.name}`, () => {
		const pool = databasePool(backend);
		// A fixed clock: every time the code under test sees is one the test chose.
		const now = new Date('2026-04-06T00:30:00.000Z');
		const later = (ms: number) => new Date(now.getTime() + ms);
		const password = strongPassword();

		afterAll(async () => {
			await pool.dropAll();
		});

		// One scrypt hash for every volunteer of the suite (each takes ~0.3 s, far more when busy).
		let passwordHash: Promise<string> | undefined;

		/** Adds a volunteer with the suite's password, as createVolunteer would; returns the id. */
		async function add(database: Database, name: string, role: 'admin' | 'volunteer') {
			passwordHash ??= hashPassword(password);
			const id = randomUUID();
			await database.run(
				`INSERT INTO volunteers (id, email, name, role, password_hash, disabled, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
				[
					id,
					`${id}@test.example`,
					name,
					role,
					await passwordHash,
					now.toISOString(),
					now.toISOString()
				]
			);
			return id;
		}

		const emailOf = async (database: Database, id: string) =>
			(await database.first<{ email: string }>('SELECT email FROM volunteers WHERE id = ?', [id]))!
				.email;

		const activeAdmins = async (database: Database) =>
			(await listVolunteers(database)).filter((one) => one.role === 'admin' && one.active).length;

		describe('migration 8', () => {
			it('keeps volunteers from version 7 listed, active and never logged in; logins are recorded', async () => {
				const old = await pool.fresh({ migrated: false });
				// The schema as version 7 left it, with a volunteer written then.
				await migrateOnly(old, (version) => version <= 7, now);
				const id = await add(old, '古田 ボランティア', 'volunteer');

				expect(await migrate(old)).toEqual(
					migrations.filter((entry) => entry.version > 7).map((entry) => entry.version)
				);

				expect(await listVolunteers(old)).toEqual([
					{
						id,
						email: await emailOf(old, id),
						name: '古田 ボランティア',
						role: 'volunteer',
						active: true,
						lastLoginAt: null
					}
				]);
				const session = await logIn(old, { email: await emailOf(old, id), password, now });
				expect(session).not.toBeNull();
				expect((await listVolunteers(old))[0]?.lastLoginAt).toBe(now.toISOString());
			});
		});

		describe('listVolunteers', () => {
			it('lists active volunteers first, then by name, with when each last logged in', async () => {
				const database = await pool.fresh();
				const admin = await add(database, 'あ 管理者', 'admin');
				const gone = await add(database, 'い 休止中', 'volunteer');
				const helper = await add(database, 'う 手伝い', 'volunteer');
				await updateVolunteer(database, { volunteerId: gone, changes: { active: false }, now });
				await logIn(database, {
					email: await emailOf(database, helper),
					password,
					now: later(hour)
				});
				const listed = await listVolunteers(database);
				expect(listed.map((one) => [one.id, one.active, one.lastLoginAt])).toEqual([
					[admin, true, null],
					[helper, true, later(hour).toISOString()],
					[gone, false, null]
				]);
				expect(Object.keys(listed[0]!).sort()).toEqual([
					'active',
					'email',
					'id',
					'lastLoginAt',
					'name',
					'role'
				]);
			});
		});

		describe('updateVolunteer', () => {
			it('changes the name and the role, and answers the volunteer as listed', async () => {
				const database = await pool.fresh();
				await add(database, '管理 一郎', 'admin');
				const id = await add(database, '山田 花子', 'volunteer');
				const changed = await updateVolunteer(database, {
					volunteerId: id,
					changes: { name: '山田 はな', role: 'admin' },
					now: later(hour)
				});
				expect(changed).toMatchObject({ id, name: '山田 はな', role: 'admin', active: true });
				expect((await listVolunteers(database)).find((one) => one.id === id)).toEqual(changed);
			});

			it('ends every session of a deactivated volunteer at once and refuses their logins, until reactivated', async () => {
				const database = await pool.fresh();
				await add(database, '管理 一郎', 'admin');
				const id = await add(database, '佐藤 次郎', 'volunteer');
				const email = await emailOf(database, id);
				const [first, second] = await Promise.all([
					logIn(database, { email, password, now }),
					logIn(database, { email, password, now })
				]);
				const changed = await updateVolunteer(database, {
					volunteerId: id,
					changes: { active: false },
					now
				});
				expect(changed.active).toBe(false);
				const sessions = await database.first<{ n: number }>(
					'SELECT COUNT(*) AS n FROM sessions WHERE volunteer_id = ?',
					[id]
				);
				expect(Number(sessions?.n)).toBe(0);
				for (const session of [first, second]) {
					expect(await volunteerForSession(database, { token: session!.token, now })).toBeNull();
				}
				expect(await logIn(database, { email, password, now })).toBeNull();

				await updateVolunteer(database, { volunteerId: id, changes: { active: true }, now });
				const again = await logIn(database, { email, password, now });
				expect(again?.volunteer.id).toBe(id);
			});

			it('refuses to deactivate or demote the last active admin, changing nothing', async () => {
				const database = await pool.fresh();
				const admin = await add(database, '管理 一郎', 'admin');
				// A deactivated admin does not count: they cannot manage anyone.
				const resting = await add(database, '管理 休止', 'admin');
				await updateVolunteer(database, { volunteerId: resting, changes: { active: false }, now });
				const before = await listVolunteers(database);
				for (const changes of [
					{ active: false },
					{ role: 'volunteer' as const },
					{ role: 'volunteer' as const, active: false },
					{ name: '名前も変える', active: false }
				]) {
					const error = await refusal(
						updateVolunteer(database, { volunteerId: admin, changes, now: later(hour) })
					);
					expect(error.code, JSON.stringify(changes)).toBe('last_admin');
				}
				expect(await listVolunteers(database)).toEqual(before);
				// Keeping the role and the flag is no demotion: the name may change.
				const renamed = await updateVolunteer(database, {
					volunteerId: admin,
					changes: { name: '管理 一朗', role: 'admin', active: true },
					now
				});
				expect(renamed.name).toBe('管理 一朗');
				// With a second active admin, either may step down.
				await updateVolunteer(database, { volunteerId: resting, changes: { active: true }, now });
				const demoted = await updateVolunteer(database, {
					volunteerId: admin,
					changes: { role: 'volunteer' },
					now
				});
				expect(demoted.role).toBe('volunteer');
				expect(await activeAdmins(database)).toBe(1);
			});

			it('refuses an unknown volunteer with volunteer_not_found', async () => {
				const database = await pool.fresh();
				const error = await refusal(
					updateVolunteer(database, { volunteerId: randomUUID(), changes: { active: false }, now })
				);
				expect(error.code).toBe('volunteer_not_found');
			});

			it('lets only one of two admins deactivating each other at the same moment succeed', async () => {
				const database = await pool.fresh();
				const other = await pool.reopen(database);
				for (let round = 0; round < 3; round += 1) {
					const [first, second] = await Promise.all([
						add(database, `管理 ${round}A`, 'admin'),
						add(database, `管理 ${round}B`, 'admin')
					]);
					// Earlier rounds' survivors step aside, so these two are the only active admins.
					for (const one of await listVolunteers(database)) {
						if (one.active && one.id !== first && one.id !== second) {
							await updateVolunteer(database, {
								volunteerId: one.id,
								changes: { active: false },
								now
							});
						}
					}
					const outcomes = await Promise.allSettled([
						updateVolunteer(database, { volunteerId: first, changes: { active: false }, now }),
						updateVolunteer(other, { volunteerId: second, changes: { active: false }, now })
					]);
					expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([
						'fulfilled',
						'rejected'
					]);
					const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
					expect((rejected?.reason as AuthError).code).toBe('last_admin');
					expect(await activeAdmins(database)).toBe(1);
				}
			});
		});

		describe('ensureDemoLogins', () => {
			// Every password here is a scrypt hash or check (seconds each on a busy machine).
			it(
				'gives a volunteer and an admin login, new at every start and put back in their roles',
				{
					timeout: 180_000
				},
				async () => {
					const database = await pool.fresh();
					const [volunteer, admin] = await ensureDemoLogins(database, now);
					expect(volunteer).toMatchObject({ email: demoVolunteer.email, role: 'volunteer' });
					expect(admin).toMatchObject({ email: demoAdmin.email, role: 'admin' });
					const sessions = await Promise.all(
						[volunteer!, admin!].map((login) => logIn(database, { ...login, now }))
					);
					expect(sessions.map((session) => session?.volunteer.role)).toEqual([
						'volunteer',
						'admin'
					]);

					// Someone tried the volunteers page: the volunteer made admin, the demo admin stopped.
					const ids = Object.fromEntries(
						(await listVolunteers(database)).map((one) => [one.email, one.id])
					);
					await updateVolunteer(database, {
						volunteerId: ids[demoVolunteer.email]!,
						changes: { role: 'admin' },
						now
					});
					await updateVolunteer(database, {
						volunteerId: ids[demoAdmin.email]!,
						changes: { active: false },
						now
					});

					// The next start: new passwords, each account back in its role and active.
					const [volunteerAgain, adminAgain] = await ensureDemoLogins(database, later(hour));
					expect(volunteerAgain!.password).not.toBe(volunteer!.password);
					expect(adminAgain!.password).not.toBe(admin!.password);
					const accounts = (await listVolunteers(database))
						.map((one) => [one.email, one.role, one.active])
						.sort();
					expect(accounts).toEqual(
						[
							[demoAdmin.email, 'admin', true],
							[demoVolunteer.email, 'volunteer', true]
						].sort()
					);
					const [old, fresh, freshAdmin] = await Promise.all([
						logIn(database, { ...volunteer!, now }),
						logIn(database, { ...volunteerAgain!, now }),
						logIn(database, { ...adminAgain!, now })
					]);
					expect(old).toBeNull();
					expect(fresh?.volunteer.role).toBe('volunteer');
					expect(freshAdmin?.volunteer.role).toBe('admin');
				}
			);
		});
	});
}
