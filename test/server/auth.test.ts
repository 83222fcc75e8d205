import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	absoluteTimeout,
	AuthError,
	createVolunteer,
	ensureFirstAdmin,
	idleTimeout,
	logIn,
	logOut,
	resetPassword,
	volunteerForSession
} from '$lib/server/auth';
import { migrate } from '$lib/server/migrations';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { backends, type TestDatabase } from './backends';

const minute = 60 * 1000;
const hour = 60 * minute;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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

async function countRows(database: Database, sql: string, params: unknown[] = []) {
	const row = await database.first<{ n: number }>(sql, params);
	return Number(row?.n);
}

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`volunteer auth on ${backend.name}`, () => {
		// A fixed clock: every time the code under test sees is one the test chose.
		const now = new Date('2026-04-06T00:30:00.000Z');
		const later = (ms: number) => new Date(now.getTime() + ms);
		let made: TestDatabase | undefined;
		let database: Database;

		// Two volunteers with the same password, made once (each scrypt hash takes ~0.3 s).
		const password = strongPassword();
		const alice = { email: 'alice@test.example', name: '青木 アリス', role: 'volunteer' as const };
		const bob = { email: 'bob@test.example', name: '馬場 ボブ', role: 'volunteer' as const };
		let aliceId: string;
		let bobId: string;

		beforeAll(async () => {
			made = await backend.create();
			database = await openDatabase(made.url);
			await migrate(database);
			[aliceId, bobId] = await Promise.all([
				createVolunteer(database, { ...alice, password }, now),
				createVolunteer(database, { ...bob, password }, now)
			]);
		});

		afterAll(async () => {
			await database?.close();
			await made?.drop();
		});

		/** Logs in and returns the token (fails the test when the login is refused). */
		async function tokenFor(email: string): Promise<string> {
			const session = await logIn(database, { email, password, now });
			expect(session, `login of ${email}`).not.toBeNull();
			return session!.token;
		}

		const sessionsOf = (volunteerId: string) =>
			countRows(database, 'SELECT COUNT(*) AS n FROM sessions WHERE volunteer_id = ?', [
				volunteerId
			]);

		const sessionExists = async (token: string) =>
			(await countRows(database, 'SELECT COUNT(*) AS n FROM sessions WHERE token_hash = ?', [
				sha256(token)
			])) === 1;

		/** A session stored as logIn stores it, without scrypt (where the login is not under test). */
		async function insertSession(volunteerId: string): Promise<string> {
			const token = randomBytes(32).toString('base64url');
			const iso = now.toISOString();
			await database.run(
				'INSERT INTO sessions (token_hash, volunteer_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
				[sha256(token), volunteerId, iso, iso, later(absoluteTimeout).toISOString()]
			);
			return token;
		}

		describe('createVolunteer', () => {
			// At the tests' cost (N=2^10, YORISOI_PASSWORD_COST in vite.config.ts); OWASP's N=2^17
			// is checked in test/unit/lib/server/passwords.test.ts.
			it('stores only a salted scrypt hash (N=2^10 in tests, r=8, p=1), never the password', async () => {
				const rows = await database.all<{ id: string; password_hash: string }>(
					'SELECT id, password_hash FROM volunteers WHERE id IN (?, ?)',
					[aliceId, bobId]
				);
				expect(rows).toHaveLength(2);
				for (const row of rows) {
					expect(row.password_hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
					expect(row.password_hash).not.toContain(password);
					expect(row.password_hash).not.toContain(Buffer.from(password).toString('base64url'));
				}
				// The same password gives different hashes: the salt is random.
				expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
			});

			it('keeps the e-mail, name and role, and starts enabled', async () => {
				const row = await database.first<Record<string, unknown>>(
					'SELECT email, name, role, disabled FROM volunteers WHERE id = ?',
					[aliceId]
				);
				expect({ ...row, disabled: Number(row?.disabled) }).toEqual({ ...alice, disabled: 0 });
			});

			it('refuses common passwords with common_password, in any case, storing nothing', async () => {
				for (const common of ['password1', 'qwertyuiop', 'PassWord1']) {
					const error = await refusal(
						createVolunteer(
							database,
							{ email: 'common@test.example', name: '共通', role: 'volunteer', password: common },
							now
						)
					);
					expect(error.code).toBe('common_password');
				}
				expect(
					await countRows(database, 'SELECT COUNT(*) AS n FROM volunteers WHERE email = ?', [
						'common@test.example'
					])
				).toBe(0);
			});

			it('refuses an e-mail that is taken with email_taken, keeping the first volunteer', async () => {
				const error = await refusal(
					createVolunteer(
						database,
						{ email: alice.email, name: '偽物', role: 'admin', password: strongPassword() },
						now
					)
				);
				expect(error.code).toBe('email_taken');
				const rows = await database.all<{ id: string; role: string }>(
					'SELECT id, role FROM volunteers WHERE email = ?',
					[alice.email]
				);
				expect(rows).toEqual([{ id: aliceId, role: 'volunteer' }]);
			});
		});

		describe('logIn', () => {
			it('gives a token and the volunteer for the right password', async () => {
				const session = await logIn(database, { email: alice.email, password, now });
				expect(session).toEqual({
					token: expect.stringMatching(/^[\w-]{43}$/),
					volunteer: { id: aliceId, ...alice }
				});
			});

			it('finds the e-mail whatever its case and surrounding spaces', async () => {
				const session = await logIn(database, {
					email: ` ${alice.email.toUpperCase()} `,
					password,
					now
				});
				expect(session?.volunteer.id).toBe(aliceId);
			});

			it('gives null for a wrong password or an unknown e-mail, and starts no session', async () => {
				const before = await countRows(database, 'SELECT COUNT(*) AS n FROM sessions');
				const [wrong, unknown] = await Promise.all([
					logIn(database, { email: alice.email, password: `${password}x`, now }),
					logIn(database, { email: 'nobody@test.example', password, now })
				]);
				expect(wrong).toBeNull();
				expect(unknown).toBeNull();
				expect(await countRows(database, 'SELECT COUNT(*) AS n FROM sessions')).toBe(before);
			});

			it('stores the token only as its SHA-256 hash', async () => {
				const token = await tokenFor(alice.email);
				const hashes = await database.all<{ token_hash: string }>(
					'SELECT token_hash FROM sessions'
				);
				expect(hashes.length).toBeGreaterThan(0);
				for (const { token_hash } of hashes) {
					expect(token_hash).not.toBe(token);
					expect(token_hash).not.toContain(token);
					expect(token_hash).toMatch(/^[0-9a-f]{64}$/);
				}
				expect(hashes.map((row) => row.token_hash)).toContain(sha256(token));
			});

			it('gives a new token at every login, each its own session', async () => {
				const before = await sessionsOf(bobId);
				const [first, second] = await Promise.all([tokenFor(bob.email), tokenFor(bob.email)]);
				expect(first).not.toBe(second);
				expect(await sessionsOf(bobId)).toBe(before + 2);
				expect((await volunteerForSession(database, { token: first, now }))?.id).toBe(bobId);
				expect((await volunteerForSession(database, { token: second, now }))?.id).toBe(bobId);
			});
		});

		describe('volunteerForSession', () => {
			it('accepts a fresh token from logIn', async () => {
				const token = await tokenFor(alice.email);
				expect(await volunteerForSession(database, { token, now: later(1000) })).toEqual({
					id: aliceId,
					...alice
				});
			});

			it('refuses an empty, overlong or unknown token', async () => {
				const real = await insertSession(aliceId);
				for (const token of ['', 'x'.repeat(101), randomBytes(32).toString('base64url')]) {
					expect(await volunteerForSession(database, { token, now })).toBeNull();
				}
				// Nor does the hash itself open the session (a leaked database is not a login).
				expect(await volunteerForSession(database, { token: sha256(real), now })).toBeNull();
			});

			it('accepts a session unused for just under the idle limit', async () => {
				const token = await insertSession(aliceId);
				const volunteer = await volunteerForSession(database, {
					token,
					now: later(idleTimeout - minute)
				});
				expect(volunteer?.id).toBe(aliceId);
			});

			it('refuses a session unused for longer than the idle limit, and deletes it', async () => {
				expect(idleTimeout).toBe(4 * hour);
				const token = await insertSession(aliceId);
				expect(await sessionExists(token)).toBe(true);
				expect(
					await volunteerForSession(database, { token, now: later(idleTimeout + 1000) })
				).toBeNull();
				expect(await sessionExists(token)).toBe(false);
				// Gone for good: going back in time does not bring it back.
				expect(await volunteerForSession(database, { token, now })).toBeNull();
			});

			it('ends a session at the absolute limit even when used regularly, and deletes it', async () => {
				expect(absoluteTimeout).toBe(24 * hour);
				const token = await insertSession(bobId);
				const step = idleTimeout - 30 * minute;
				let elapsed = 0;
				while (elapsed + step < absoluteTimeout) {
					elapsed += step;
					const volunteer = await volunteerForSession(database, { token, now: later(elapsed) });
					expect(volunteer?.id, `after ${elapsed / hour} h`).toBe(bobId);
				}
				const lastSeen = await database.first<{ last_seen_at: string }>(
					'SELECT last_seen_at FROM sessions WHERE token_hash = ?',
					[sha256(token)]
				);
				// Use pushed the idle limit back…
				expect(lastSeen?.last_seen_at).toBe(later(elapsed).toISOString());
				// …but not the absolute one.
				expect(
					await volunteerForSession(database, { token, now: later(absoluteTimeout) })
				).toBeNull();
				expect(await sessionExists(token)).toBe(false);
			});

			it('records use at most once a minute', async () => {
				const token = await insertSession(bobId);
				const seen = async () =>
					(
						await database.first<{ last_seen_at: string }>(
							'SELECT last_seen_at FROM sessions WHERE token_hash = ?',
							[sha256(token)]
						)
					)?.last_seen_at;
				await volunteerForSession(database, { token, now: later(30 * 1000) });
				expect(await seen()).toBe(now.toISOString());
				await volunteerForSession(database, { token, now: later(2 * minute) });
				expect(await seen()).toBe(later(2 * minute).toISOString());
			});
		});

		describe('logOut', () => {
			it('ends that session for good, and only that one', async () => {
				const [ending, staying] = await Promise.all([
					insertSession(aliceId),
					insertSession(aliceId)
				]);
				await logOut(database, ending);
				expect(await sessionExists(ending)).toBe(false);
				expect(await volunteerForSession(database, { token: ending, now })).toBeNull();
				expect((await volunteerForSession(database, { token: staying, now }))?.id).toBe(aliceId);
			});

			it('does nothing for an unknown token', async () => {
				const before = await countRows(database, 'SELECT COUNT(*) AS n FROM sessions');
				await logOut(database, randomBytes(32).toString('base64url'));
				expect(await countRows(database, 'SELECT COUNT(*) AS n FROM sessions')).toBe(before);
			});
		});

		describe('resetPassword', () => {
			it('ends every session of that volunteer; the new password works, the old does not', async () => {
				const [first, second, others] = await Promise.all([
					insertSession(bobId),
					insertSession(bobId),
					insertSession(aliceId)
				]);
				const fresh = strongPassword();
				await resetPassword(database, { volunteerId: bobId, password: fresh, now: later(minute) });
				expect(await sessionsOf(bobId)).toBe(0);
				for (const token of [first, second]) {
					expect(await volunteerForSession(database, { token, now: later(minute) })).toBeNull();
				}
				// Other volunteers stay logged in.
				expect((await volunteerForSession(database, { token: others, now }))?.id).toBe(aliceId);
				const [withOld, withNew] = await Promise.all([
					logIn(database, { email: bob.email, password, now: later(2 * minute) }),
					logIn(database, { email: bob.email, password: fresh, now: later(2 * minute) })
				]);
				expect(withOld).toBeNull();
				expect(withNew?.volunteer.id).toBe(bobId);
				const row = await database.first<{ password_hash: string; updated_at: string }>(
					'SELECT password_hash, updated_at FROM volunteers WHERE id = ?',
					[bobId]
				);
				expect(row?.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/);
				expect(row?.password_hash).not.toContain(fresh);
				expect(row?.updated_at).toBe(later(minute).toISOString());
			});

			it('refuses a common password, keeping the sessions', async () => {
				const token = await insertSession(aliceId);
				const error = await refusal(
					resetPassword(database, { volunteerId: aliceId, password: 'password1', now })
				);
				expect(error.code).toBe('common_password');
				expect(await sessionExists(token)).toBe(true);
			});

			it('refuses an unknown volunteer with volunteer_not_found', async () => {
				const error = await refusal(
					resetPassword(database, {
						volunteerId: '00000000-0000-4000-8000-000000000000',
						password: strongPassword(),
						now
					})
				);
				expect(error.code).toBe('volunteer_not_found');
			});
		});

		describe('a disabled volunteer', () => {
			it('can neither log in nor use a session from before', async () => {
				const carolPassword = strongPassword();
				const carol = {
					email: 'carol@test.example',
					name: '近藤 キャロル',
					role: 'volunteer' as const
				};
				const carolId = await createVolunteer(database, { ...carol, password: carolPassword }, now);
				const token = await insertSession(carolId);
				await database.run('UPDATE volunteers SET disabled = 1 WHERE id = ?', [carolId]);
				expect(
					await logIn(database, { email: carol.email, password: carolPassword, now })
				).toBeNull();
				expect(await volunteerForSession(database, { token, now })).toBeNull();
				expect(await sessionExists(token)).toBe(false);
			});
		});

		describe('ensureFirstAdmin', () => {
			const adminPassword = strongPassword();
			const env = {
				YORISOI_ADMIN_EMAIL: ' First.Admin@Test.Example ',
				YORISOI_ADMIN_PASSWORD: adminPassword
			};
			const admins = () =>
				database.all<{ email: string; name: string }>(
					"SELECT email, name FROM volunteers WHERE role = 'admin'"
				);

			it('does nothing without both variables', async () => {
				expect(await ensureFirstAdmin(database, {}, now)).toBeNull();
				expect(
					await ensureFirstAdmin(database, { YORISOI_ADMIN_EMAIL: 'a@test.example' }, now)
				).toBeNull();
				expect(
					await ensureFirstAdmin(database, { YORISOI_ADMIN_PASSWORD: adminPassword }, now)
				).toBeNull();
				expect(await admins()).toEqual([]);
			});

			it('refuses a common password from the environment', async () => {
				const error = await refusal(
					ensureFirstAdmin(
						database,
						{ YORISOI_ADMIN_EMAIL: 'weak@test.example', YORISOI_ADMIN_PASSWORD: 'password1' },
						now
					)
				);
				expect(error.code).toBe('common_password');
				expect(await admins()).toEqual([]);
			});

			it('creates the admin once, with the e-mail in lower case, who can log in', async () => {
				expect(await ensureFirstAdmin(database, env, now)).toBe('first.admin@test.example');
				expect(await admins()).toEqual([{ email: 'first.admin@test.example', name: '管理者' }]);
				const session = await logIn(database, {
					email: 'first.admin@test.example',
					password: adminPassword,
					now
				});
				expect(session?.volunteer.role).toBe('admin');
			});

			it('creates no other admin once one exists, whatever the environment says', async () => {
				expect(await ensureFirstAdmin(database, env, later(hour))).toBeNull();
				expect(
					await ensureFirstAdmin(
						database,
						{
							YORISOI_ADMIN_EMAIL: 'second@test.example',
							YORISOI_ADMIN_PASSWORD: strongPassword()
						},
						later(hour)
					)
				).toBeNull();
				expect(await admins()).toEqual([{ email: 'first.admin@test.example', name: '管理者' }]);
			});
		});
	});
}
