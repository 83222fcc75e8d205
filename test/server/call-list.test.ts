// The call list (issue 15, item 6) over each storage backend: who a volunteer's pull puts on
// it and why (read from the audit log), and the 「連絡済み」 tick: last tick wins by the time
// the volunteer made it, whatever order the tablets' pushes arrive in; audited; refused for
// a sign-up of another class or none; kept per session for a course's sign-up (issue 16), and
// migration 16 moving the ticks kept per sign-up to the session they were made for.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callList } from '$lib/domain/call-list';
import { createClass } from '$lib/server/classes';
import { cancelTokenKey, createSignup } from '$lib/server/signups';
import { migrate } from '$lib/server/migrations';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { pullChanges, pushMutations, type Pusher } from '$lib/server/sync';
import { backends } from './backends';
import { validSignup } from './requests';
import type { SignupRequest } from '$lib/domain/signup';
import { migrateOnly, migratedDatabase, testVenue, testVolunteer } from './seed';

const minute = 60 * 1000;
const hour = 60 * minute;
const day = 24 * hour;

type Raw = { id: string; seq: number; kind: string; args: unknown };

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`call list on ${backend.name}`, () => {
		const start = new Date();
		let remove: (() => Promise<void>) | undefined;
		let database: Database;
		let key: string;
		let venueId: string;
		let otherVenueId: string;
		let volunteerId: string;
		let secondVolunteerId: string;

		beforeAll(async () => {
			({ database, remove } = await migratedDatabase(backend));
			key = await cancelTokenKey(database);
			venueId = await testVenue(database, start);
			otherVenueId = await testVenue(database, start, { name: '北集会所', address: '架空2' });
			volunteerId = await testVolunteer(database, start);
			secondVolunteerId = await testVolunteer(database, start);
		});

		afterAll(async () => {
			await remove?.();
		});

		const at = (minutes: number) => new Date(start.getTime() + minutes * minute);

		const makeClass = (capacity: number) => {
			const startsAt = new Date(start.getTime() + 2 * day);
			return createClass(
				database,
				{
					title: 'スマホ教室',
					topic: 'LINE',
					venueId,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
					capacity
				},
				start
			);
		};

		/** A volunteer's tablet: its own device id and sequence, pushing at a given time. */
		function tablet(volunteer = volunteerId) {
			const pusher: Pusher = { deviceId: randomUUID(), volunteerId: volunteer };
			let seq = 0;
			return {
				push: (kind: string, args: unknown, now: Date) => {
					const mutation: Raw = { id: randomUUID(), seq: ++seq, kind, args };
					return pushMutations(database, {
						pusher,
						mutations: [mutation],
						now,
						key,
						locale: 'ja'
					}).then((answers) => answers[0]!);
				},
				pull: (now: Date) =>
					pullChanges(database, { deviceId: pusher.deviceId, cursor: 0, volunteer: true, now })
			};
		}

		const pulledClass = async (classId: string, now: Date) => {
			const pulled = await tablet().pull(now);
			const klass = pulled.volunteer!.classes.find((candidate) => candidate.id === classId);
			if (!klass) throw new Error('the pull has no such class');
			return klass;
		};

		const listOf = async (classId: string, now: Date) => {
			const klass = await pulledClass(classId, now);
			return callList(klass, klass.roster).map((entry) => ({
				name: entry.person.name,
				phone: entry.person.phone,
				reasons: entry.reasons,
				called: entry.called
			}));
		};

		it('lists phone sign-ups for the reminder and promoted people, not residents’ own', async () => {
			const classId = await makeClass(2);
			const desk = tablet();
			const own = validSignup(classId, { name: '青木 一郎' });
			await createSignup(database, own, { now: at(1), key });
			const phoned = await desk.push(
				'signup.createOnBehalf',
				validSignup(classId, { name: '佐藤 一郎', phone: '0120-000-111' }),
				at(2)
			);
			expect(phoned.status).toBe('applied');
			// Two more by phone, one without a phone: both wait.
			const waiting = validSignup(classId, { name: '鈴木 ハル', phone: '' });
			await desk.push('signup.createOnBehalf', waiting, at(3));
			await createSignup(database, validSignup(classId, { name: '田中 みどり' }), {
				now: at(4),
				key
			});
			expect(await listOf(classId, at(5))).toEqual([
				{ name: '佐藤 一郎', phone: '0120-000-111', reasons: ['reminder'], called: false }
			]);

			// The resident who signed up themselves cancels: the first waiting moves up.
			const cancelled = await desk.push('signup.cancelOnBehalf', { signupId: own.id }, at(6));
			expect(cancelled.result).toMatchObject({ promoted: [waiting.id] });
			expect(await listOf(classId, at(7))).toEqual([
				{ name: '佐藤 一郎', phone: '0120-000-111', reasons: ['reminder'], called: false },
				{ name: '鈴木 ハル', phone: null, reasons: ['promoted', 'reminder'], called: false }
			]);
		});

		it('lists everyone of a moved class, and everyone of a cancelled one', async () => {
			const classId = await makeClass(1);
			await createSignup(database, validSignup(classId, { name: '青木 一郎' }), {
				now: at(1),
				key
			});
			await createSignup(database, validSignup(classId, { name: '田中 みどり' }), {
				now: at(2),
				key
			});
			const desk = tablet();
			// A new title is no reason to call; a new venue is.
			const renamed = await desk.push(
				'class.patch',
				{ classId, baseVersion: 1, changes: { title: '新しい題' } },
				at(3)
			);
			expect(renamed.status).toBe('applied');
			expect(await listOf(classId, at(4))).toEqual([]);
			const moved = await desk.push(
				'class.patch',
				{ classId, baseVersion: 2, changes: { venueId: otherVenueId } },
				at(5)
			);
			expect(moved.status).toBe('applied');
			expect((await listOf(classId, at(6))).map((entry) => entry.reasons)).toEqual([
				['moved'],
				['moved']
			]);
			await desk.push('class.cancel', { classId }, at(7));
			const klass = await pulledClass(classId, at(8));
			expect(klass.cancelledAt).toBe(at(7).toISOString());
			expect((await listOf(classId, at(8))).map((entry) => entry.reasons)).toEqual([
				['cancelled'],
				['cancelled']
			]);
		});

		it('keeps the latest tick by when it was made, whatever order the pushes arrive in', async () => {
			const classId = await makeClass(3);
			const signup = validSignup(classId, { name: '佐藤 一郎' });
			const hallTablet = tablet();
			const phone = tablet(secondVolunteerId);
			await hallTablet.push('signup.createOnBehalf', signup, at(1));
			// The phone ticked at minute 10 but was offline; the hall tablet unticked at minute 12.
			const untick = await hallTablet.push(
				'contact.mark',
				{ classId, signupId: signup.id, done: false, markedAt: at(12).toISOString() },
				at(13)
			);
			expect(untick.result).toMatchObject({ done: false, markedBy: volunteerId });
			const lateTick = await phone.push(
				'contact.mark',
				{ classId, signupId: signup.id, done: true, markedAt: at(10).toISOString() },
				at(20)
			);
			// Applied, but the untick made later stands, and the answer says so.
			expect(lateTick.status).toBe('applied');
			expect(lateTick.result).toMatchObject({
				done: false,
				markedAt: at(12).toISOString(),
				markedBy: volunteerId
			});
			expect((await listOf(classId, at(21)))[0]!.called).toBe(false);
			// A later tick wins; the pull carries it to every device.
			await phone.push(
				'contact.mark',
				{ classId, signupId: signup.id, done: true, markedAt: at(22).toISOString() },
				at(22)
			);
			const entry = (await pulledClass(classId, at(23))).roster[0]!;
			expect(entry.contact).toEqual({
				done: true,
				markedAt: at(22).toISOString(),
				markedBy: secondVolunteerId
			});
			expect((await listOf(classId, at(23)))[0]!.called).toBe(true);
			// A tablet whose clock runs a day ahead does not make its tick unbeatable.
			const ahead = await hallTablet.push(
				'contact.mark',
				{ classId, signupId: signup.id, done: false, markedAt: at(24 * 60).toISOString() },
				at(24)
			);
			expect(ahead.result).toMatchObject({ done: false, markedAt: at(24).toISOString() });
		});

		it('audits each tick and untick that stands: who and when', async () => {
			const classId = await makeClass(3);
			const signup = validSignup(classId);
			const desk = tablet();
			await desk.push('signup.createOnBehalf', signup, at(1));
			await desk.push(
				'contact.mark',
				{ classId, signupId: signup.id, done: true, markedAt: at(2).toISOString() },
				at(2)
			);
			await desk.push(
				'contact.mark',
				{ classId, signupId: signup.id, done: false, markedAt: at(3).toISOString() },
				at(3)
			);
			// An older tick arriving late changes nothing, so nothing is audited.
			await desk.push(
				'contact.mark',
				{ classId, signupId: signup.id, done: true, markedAt: at(1).toISOString() },
				at(4)
			);
			const audit = await database.all<{ actor: string; action: string; at: string }>(
				"SELECT actor, action, at FROM audit_log WHERE record_id = ? AND action LIKE 'contact.%' ORDER BY at",
				[signup.id]
			);
			expect(audit).toEqual([
				{ actor: volunteerId, action: 'contact.done', at: at(2).toISOString() },
				{ actor: volunteerId, action: 'contact.undone', at: at(3).toISOString() }
			]);
		});

		it('refuses a tick for a sign-up of another class, an unknown one, or with extra fields', async () => {
			const classId = await makeClass(3);
			const otherClassId = await makeClass(3);
			const signup = validSignup(classId);
			const desk = tablet();
			await desk.push('signup.createOnBehalf', signup, at(1));
			const mark = { signupId: signup.id, done: true, markedAt: at(2).toISOString() };
			const elsewhere = await desk.push('contact.mark', { ...mark, classId: otherClassId }, at(2));
			expect(elsewhere.status).toBe('rejected');
			expect(elsewhere.error?.code).toBe('signup_not_found');
			const unknown = await desk.push(
				'contact.mark',
				{ ...mark, classId, signupId: randomUUID() },
				at(2)
			);
			expect(unknown.error?.code).toBe('signup_not_found');
			const extra = await desk.push('contact.mark', { ...mark, classId, note: '留守' }, at(2));
			expect(extra.error?.code).toBe('invalid_input');
			const notBoolean = await desk.push('contact.mark', { ...mark, classId, done: 'yes' }, at(2));
			expect(notBoolean.error?.fields).toHaveProperty('done');
			const rows = await database.all('SELECT signup_id FROM contact_marks WHERE signup_id = ?', [
				signup.id
			]);
			expect(rows).toEqual([]);
		});

		/** A course of three sessions, a week apart from `weeks` weeks ahead; answers their ids. */
		async function course(desk: ReturnType<typeof tablet>, weeks = 1): Promise<string[]> {
			const sessions = [0, 1, 2].map((index) => {
				const startsAt = new Date(start.getTime() + (weeks + index) * 7 * day);
				return {
					id: randomUUID(),
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString()
				};
			});
			const first = sessions[0]!;
			const made = await desk.push(
				'series.create',
				{
					id: randomUUID(),
					kind: 'course',
					klass: {
						title: '全3回 スマホ入門',
						topic: '電話・LINE・カメラ',
						venueId,
						startsAt: first.startsAt,
						endsAt: first.endsAt,
						capacity: 5
					},
					sessions
				},
				at(0)
			);
			expect(made.status, JSON.stringify(made)).toBe('applied');
			return sessions.map((session) => session.id);
		}

		it('keeps a course sign-up’s tick per session: session 2’s call does not tick session 3', async () => {
			const desk = tablet();
			const [first, second, third] = (await course(desk)) as [string, string, string];
			// Taken by phone from the second session's page: the course's sign-up, called before each.
			const signup = validSignup(second, { name: '佐藤 一郎' });
			expect((await desk.push('signup.createOnBehalf', signup, at(1))).status).toBe('applied');
			const before = await desk.pull(at(2));
			for (const id of [first, second, third]) {
				expect(await listOf(id, at(2))).toEqual([
					{ name: '佐藤 一郎', phone: signup.phone, reasons: ['reminder'], called: false }
				]);
			}

			const tick = await desk.push(
				'contact.mark',
				{ classId: second, signupId: signup.id, done: true, markedAt: at(3).toISOString() },
				at(3)
			);
			expect(tick.result).toMatchObject({ classId: second, done: true });
			expect((await listOf(second, at(4)))[0]!.called).toBe(true);
			expect((await listOf(third, at(4)))[0]!.called).toBe(false);
			expect((await listOf(first, at(4)))[0]!.called).toBe(false);
			// A tablet that pulled before is sent the second session's list again, with the tick.
			const after = await pullChanges(database, {
				deviceId: randomUUID(),
				cursor: before.cursor,
				volunteer: true,
				now: at(4)
			});
			const sent = after.volunteer!.classes.filter((klass) =>
				[first, second, third].includes(klass.id)
			);
			expect(sent.map((klass) => klass.id)).toEqual([second]);
			expect(sent[0]!.roster[0]!.contact).toMatchObject({ done: true });

			// Session 3's call is a tick of its own; unticking it leaves session 2's standing.
			await desk.push(
				'contact.mark',
				{ classId: third, signupId: signup.id, done: true, markedAt: at(5).toISOString() },
				at(5)
			);
			await desk.push(
				'contact.mark',
				{ classId: third, signupId: signup.id, done: false, markedAt: at(6).toISOString() },
				at(6)
			);
			expect((await listOf(second, at(7)))[0]!.called).toBe(true);
			expect((await listOf(third, at(7)))[0]!.called).toBe(false);
			const rows = await database.all<{ class_id: string; done: number }>(
				'SELECT class_id, done FROM contact_marks WHERE signup_id = ? ORDER BY marked_at',
				[signup.id]
			);
			expect(rows.map((row) => [row.class_id, Number(row.done)])).toEqual([
				[second, 1],
				[third, 0]
			]);
		});

		it('refuses a tick from a device without a volunteer’s session', async () => {
			const classId = await makeClass(3);
			const mutation: Raw = {
				id: randomUUID(),
				seq: 1,
				kind: 'contact.mark',
				args: { classId, signupId: randomUUID(), done: true, markedAt: at(1).toISOString() }
			};
			await expect(
				pushMutations(database, {
					pusher: { deviceId: randomUUID(), volunteerId: null },
					mutations: [mutation],
					now: at(1),
					key,
					locale: 'ja'
				})
			).rejects.toThrow('login_required');
		});

		describe('migration 16', () => {
			it('moves each tick kept per sign-up to the session it was made for', async () => {
				const made = await backend.create();
				const old = await openDatabase(made.url);
				try {
					// The schema as version 15 left it, with migrations 17 and 18 too: today's code pushes
					// the sign-ups below, counts seats as 17 does and files rows under a town as 18 does
					// (neither touches the ticks' keys).
					await migrateOnly(old, (version) => version <= 15 || version >= 17, start);
					const oldVenue = await testVenue(old, start);
					const volunteer = await testVolunteer(old, start);
					const deviceId = randomUUID();
					let seq = 0;
					const push = async (kind: string, args: unknown) =>
						(
							await pushMutations(old, {
								pusher: { deviceId, volunteerId: volunteer },
								mutations: [{ id: randomUUID(), seq: ++seq, kind, args } as Raw],
								now: start,
								key: await cancelTokenKey(old),
								locale: 'ja'
							})
						)[0]!;
					const sessions = [1, 2, 3].map((week) => {
						const startsAt = new Date(start.getTime() + week * 7 * day);
						return {
							id: randomUUID(),
							startsAt: startsAt.toISOString(),
							endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString()
						};
					});
					const [first, second, third] = sessions.map((session) => session.id) as [
						string,
						string,
						string
					];
					const klass = {
						title: '全3回 スマホ入門',
						topic: '電話',
						venueId: oldVenue,
						startsAt: sessions[0]!.startsAt,
						endsAt: sessions[0]!.endsAt,
						capacity: 5
					};
					const series = { id: randomUUID(), kind: 'course', klass, sessions };
					expect((await push('series.create', series)).status).toBe('applied');
					const single = randomUUID();
					expect((await push('class.create', { ...klass, id: single })).status).toBe('applied');
					const [a, b, c, d] = [first, first, first, single].map((classId) =>
						validSignup(classId)
					) as [SignupRequest, SignupRequest, SignupRequest, SignupRequest];
					for (const signup of [a, b, c, d]) {
						expect((await push('signup.createOnBehalf', signup)).status).toBe('applied');
					}
					// The first session has begun: the next call to make is the second's.
					await old.run('UPDATE classes SET starts_at = ? WHERE id = ?', [
						new Date(start.getTime() - hour).toISOString(),
						first
					]);
					// Ticks as version 15 kept them: one row per sign-up, with its first tick's class.
					const tick = async (
						signup: SignupRequest,
						classId: string,
						minutes: number[],
						logged: string[]
					) => {
						const markedAt = at(minutes.at(-1)!).toISOString();
						await old.run(
							`INSERT INTO contact_marks (signup_id, class_id, done, marked_at, marked_by, change_seq, updated_at)
							VALUES (?, ?, 1, ?, ?, 1, ?)`,
							[signup.id, classId, markedAt, volunteer, markedAt]
						);
						for (const minute of minutes) {
							await old.run(
								`INSERT INTO audit_log (id, at, actor, action, record_type, record_id)
								VALUES (?, ?, ?, 'contact.done', 'signup', ?)`,
								[randomUUID(), at(minute).toISOString(), volunteer, signup.id]
							);
						}
						// The answers of the pushes that set the ticks, as the mutation log keeps them.
						for (const [index, loggedClass] of logged.entries()) {
							const answer = {
								status: 'applied',
								result: {
									classId: loggedClass,
									signupId: signup.id,
									done: true,
									markedAt: at(minutes[index]!).toISOString(),
									markedBy: volunteer
								}
							};
							await old.run(
								`INSERT INTO mutations (id, device_id, seq, kind, actor, request_hash, answer, applied_at)
								VALUES (?, ?, ?, 'contact.mark', ?, '-', ?, ?)`,
								[
									randomUUID(),
									deviceId,
									++seq,
									volunteer,
									JSON.stringify(answer),
									at(minutes[index]!).toISOString()
								]
							);
						}
					};
					// a: ticked on the first session's list, then again on the second's (the log says).
					await tick(a, first, [1, 2], [first, second]);
					// b: ticked once, on the third session's list (the audit log says it never changed).
					await tick(b, third, [3], []);
					// c: ticked twice, the log gone: the first session that has not begun, the second.
					await tick(c, first, [4, 5], []);
					// d: a single class's.
					await tick(d, single, [6], []);
					const before = await pullChanges(old, {
						deviceId: randomUUID(),
						cursor: 0,
						volunteer: true,
						now: at(7)
					});

					expect(await migrate(old)).toEqual([16]);
					const rows = await old.all<{ class_id: string; signup_id: string }>(
						'SELECT class_id, signup_id FROM contact_marks'
					);
					const classOf = new Map(rows.map((row) => [row.signup_id, row.class_id]));
					expect(rows).toHaveLength(4);
					expect(classOf.get(a.id)).toBe(second);
					expect(classOf.get(b.id)).toBe(third);
					expect(classOf.get(c.id)).toBe(second);
					expect(classOf.get(d.id)).toBe(single);
					// Every session of the course is sent again: the tablets stop showing one
					// session's tick on the others.
					const after = await pullChanges(old, {
						deviceId: randomUUID(),
						cursor: before.cursor,
						volunteer: true,
						now: at(7)
					});
					expect(after.volunteer!.classes.map((klass) => klass.id).sort()).toEqual(
						[first, second, third].sort()
					);
					const called = (classId: string) =>
						after
							.volunteer!.classes.find((klass) => klass.id === classId)!
							.roster.filter((entry) => entry.contact?.done)
							.map((entry) => entry.id)
							.sort();
					expect(called(first)).toEqual([]);
					expect(called(second)).toEqual([a.id, c.id].sort());
					expect(called(third)).toEqual([b.id]);
					// A second tick of the same sign-up, for another session, is its own row now.
					const again = await push('contact.mark', {
						classId: third,
						signupId: a.id,
						done: true,
						markedAt: at(8).toISOString()
					});
					expect(again.status, JSON.stringify(again)).toBe('applied');
					expect(
						await old.all('SELECT class_id FROM contact_marks WHERE signup_id = ?', [a.id])
					).toHaveLength(2);
				} finally {
					await old.close().catch(() => undefined);
					await made.drop();
				}
			});
		});
	});
}
