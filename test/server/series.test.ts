// Repeating classes and courses (issue 16, item 1) on SQLite and PostgreSQL: a series made in
// one push, a course whose seats are shared by its sessions (no overbooking whatever the
// concurrency, safe retry from any session), attendance per session, 「この回から後すべて」
// with the class conflict rules per session, and the limits.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { patchClass, roster } from '$lib/server/classes';
import { migrate } from '$lib/server/migrations';
import { anonymiseOldSignups } from '$lib/server/retention';
import { classStatistics } from '$lib/server/stats';
import { townStatistics } from '$lib/server/town-stats';
import { cancelTokenKey, createSignup, listUpcomingClasses } from '$lib/server/signups';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { pullChanges, pushMutations, type Pusher } from '$lib/server/sync';
import { backends } from './backends';
import { validSignup } from './requests';
import { migratedDatabase, testVenue, testVolunteer } from './seed';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

type Raw = { id: string; seq: number; kind: string; args: unknown };
type Answer = { status: string; result?: unknown; error?: { code: string }; current?: unknown };

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`series on ${backend.name}`, () => {
		const now = new Date();
		let remove: (() => Promise<void>) | undefined;
		let url: string;
		let database: Database;
		let key: string;
		let venueId: string;
		let otherVenueId: string;
		let volunteerId: string;

		beforeAll(async () => {
			({ database, remove, url } = await migratedDatabase(backend));
			key = await cancelTokenKey(database);
			venueId = await testVenue(database, now);
			otherVenueId = await testVenue(database, now, {
				name: '北公民館',
				address: 'みどり県みどり町北1-1（架空の住所）'
			});
			volunteerId = await testVolunteer(database, now);
		});

		afterAll(async () => {
			await remove?.();
		});

		/** The volunteer's tablet: pushes mutations as its outbox would. */
		const pusher: Pusher = { deviceId: randomUUID(), volunteerId: null };
		let seq = 0;
		async function push(kind: string, args: unknown): Promise<Answer> {
			const mutation: Raw = { id: randomUUID(), seq: ++seq, kind, args };
			const answers = await pushMutations(database, {
				pusher: { ...pusher, volunteerId },
				mutations: [mutation],
				now,
				key,
				locale: 'ja'
			});
			return answers[0] as Answer;
		}

		/** A series of `count` weekly dates from a week ahead, 10:00–12:00. */
		function series(kind: 'course' | 'repeat', count: number, capacity = 2) {
			const sessions = Array.from({ length: count }, (_, index) => {
				const startsAt = new Date(now.getTime() + (7 + 7 * index) * day);
				return {
					id: randomUUID(),
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString()
				};
			});
			const first = sessions[0] as (typeof sessions)[number];
			return {
				id: randomUUID(),
				kind,
				klass: {
					title: '全4回 スマホ入門',
					topic: '電話・LINE・カメラ・地図',
					venueId,
					startsAt: first.startsAt,
					endsAt: first.endsAt,
					capacity
				},
				sessions
			};
		}

		async function publish(kind: 'course' | 'repeat', count: number, capacity = 2) {
			const made = series(kind, count, capacity);
			const answer = await push('series.create', made);
			expect(answer.status, JSON.stringify(answer)).toBe('applied');
			return { ...made, ids: made.sessions.map((session): string => session.id) };
		}

		it('makes a repeating class: each date its own class with its own sign-ups', async () => {
			const made = await publish('repeat', 3, 1);
			const listed = (await listUpcomingClasses(database, now)).filter((klass) =>
				made.ids.includes(klass.id)
			);
			expect(listed.map((klass) => klass.series?.position)).toEqual([1, 2, 3]);
			expect(listed.every((klass) => klass.series?.kind === 'repeat')).toBe(true);
			const [first, second] = made.ids as [string, string];
			const signed = await createSignup(database, validSignup(first), { now, key });
			expect(signed.outcome.status).toBe('confirmed');
			const other = await createSignup(database, validSignup(second), { now, key });
			expect(other.outcome.status).toBe('confirmed');
			expect(await roster(database, second)).toHaveLength(1);
		});

		it('gives a course one sign-up for every session: its seats and waiting list', async () => {
			const made = await publish('course', 4, 2);
			const [first, second, third, fourth] = made.ids as [string, string, string, string];
			const requestA = validSignup(third);
			const a = await createSignup(database, requestA, { now, key });
			const b = await createSignup(database, validSignup(first), { now, key });
			const c = await createSignup(database, validSignup(fourth), { now, key });
			expect([a.outcome.status, b.outcome.status, c.outcome.status]).toEqual([
				'confirmed',
				'confirmed',
				'waitlisted'
			]);
			expect(c.outcome.waitlistPosition).toBe(1);
			const listed = (await listUpcomingClasses(database, now)).filter((klass) =>
				made.ids.includes(klass.id)
			);
			for (const session of listed) {
				expect(session.series).toMatchObject({ kind: 'course', sessions: 4 });
				expect([session.capacity, session.seatsLeft, session.waitlistLength]).toEqual([2, 0, 1]);
			}
			expect(await roster(database, first)).toHaveLength(3);
			// The same request again, through the same or another session, is the same sign-up.
			for (const classId of [third, second]) {
				const retry = await createSignup(database, { ...requestA, classId }, { now, key });
				expect([retry.created, retry.outcome.status]).toEqual([false, 'confirmed']);
			}
			// The same id with another person is refused, as for a class.
			const clash = await createSignup(
				database,
				{ ...validSignup(third), id: requestA.id },
				{
					now,
					key
				}
			).catch((error: unknown) => error);
			expect(clash).toMatchObject({ code: 'id_conflict' });
		});

		it('knows a sign-up through a later session again, whichever path made it', async () => {
			const made = await publish('course', 3, 5);
			const [, second, third] = made.ids as [string, string, string];
			// Made by the endpoint's path (on PostgreSQL one statement, which finds the course's
			// first session and hashes the request itself), sent again by a tablet's push …
			const direct = validSignup(third);
			const query = vi.spyOn(pg.Client.prototype, 'query');
			let statements = 0;
			const first = await createSignup(database, direct, { now, key }).finally(() => {
				statements = query.mock.calls.length;
				query.mockRestore();
			});
			if (backend.name === 'postgres') expect(statements).toBe(1);
			const pushed = await push('signup.create', { ...direct, classId: second });
			expect(pushed).toMatchObject({ status: 'applied', result: first.outcome });
			// … and the other way round.
			const fromTablet = validSignup(second);
			expect(await push('signup.create', fromTablet)).toMatchObject({ status: 'applied' });
			const again = await createSignup(database, { ...fromTablet, classId: third }, { now, key });
			expect([again.created, again.outcome.status]).toEqual([false, 'confirmed']);
		});

		it('never overbooks a course when people sign up to its sessions at once', async () => {
			const made = await publish('course', 4, 3);
			const second = await openDatabase(url);
			try {
				const requests = Array.from({ length: 10 }, (_, index) =>
					validSignup(made.ids[index % 4] as string)
				);
				const outcomes = await Promise.all(
					requests.map((request, index) =>
						createSignup(index % 2 === 0 ? database : second, request, { now, key })
					)
				);
				const confirmed = outcomes.filter((outcome) => outcome.outcome.status === 'confirmed');
				expect(confirmed).toHaveLength(3);
				const positions = outcomes
					.map((outcome) => outcome.outcome.waitlistPosition)
					.filter((position) => position !== undefined)
					.sort((x, y) => (x ?? 0) - (y ?? 0));
				expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7]);
			} finally {
				await second.close();
			}
		});

		it('marks attendance per session and tells the resident how far they came', async () => {
			const made = await publish('course', 4, 5);
			const [first, second, third] = made.ids as [string, string, string];
			const phone = randomUUID();
			const request = validSignup(second);
			await createSignup(database, request, { now, key, deviceId: phone });
			for (const [classId, status] of [
				[first, 'present'],
				[second, 'present'],
				[third, 'absent']
			] as const) {
				const answer = await push('attendance.set', {
					classId,
					signupId: request.id,
					status,
					markedAt: now.toISOString()
				});
				expect(answer.status, JSON.stringify(answer)).toBe('applied');
			}
			const pulled = await pullChanges(database, {
				deviceId: phone,
				cursor: 0,
				volunteer: false,
				now
			});
			expect(pulled.signups.find((signup) => signup.id === request.id)?.course).toEqual({
				seriesId: made.id,
				sessions: 4,
				attendedThrough: 2
			});
			const hall = await pullChanges(database, {
				deviceId: randomUUID(),
				cursor: 0,
				volunteer: true,
				now
			});
			const rosterOf = (classId: string) =>
				hall.volunteer?.classes
					.find((klass) => klass.id === classId)
					?.roster.find((entry) => entry.id === request.id)?.attendance;
			expect([
				rosterOf(first),
				rosterOf(second),
				rosterOf(third),
				rosterOf(made.ids[3] as string)
			]).toEqual(['present', 'present', 'absent', null]);
		});

		it('counts a course’s sign-up and each session’s attendance in the figures of every session', async () => {
			const made = await publish('course', 3, 5);
			const [first, second, third] = made.ids as [string, string, string];
			const request = validSignup(third);
			await createSignup(database, request, { now, key });
			for (const [classId, status] of [
				[first, 'present'],
				[second, 'absent']
			] as const) {
				const answer = await push('attendance.set', {
					classId,
					signupId: request.id,
					status,
					markedAt: now.toISOString()
				});
				expect(answer.status, JSON.stringify(answer)).toBe('applied');
			}

			const perClass = await classStatistics(database, { since: now });
			const figures = (classId: string) => {
				const row = perClass.find((entry) => entry.id === classId);
				return row && [row.confirmed, row.present, row.absent];
			};
			expect([figures(first), figures(second), figures(third)]).toEqual([
				[1, 1, 0],
				[1, 0, 1],
				[1, 0, 0]
			]);

			// The town's report, once all three sessions are over.
			const later = new Date(now.getTime() + 60 * day);
			const day0 = (date: Date) => date.toISOString().slice(0, 10);
			const town = await townStatistics(database, {
				period: { from: day0(now), to: day0(later) },
				now: later
			});
			const row = (classId: string) => {
				const found = town.classes.find((entry) => entry.id === classId);
				return found && [found.applicants, found.attendees];
			};
			expect([row(first), row(second), row(third)]).toEqual([
				[1, 1],
				[1, 0],
				[1, 0]
			]);
		});

		it('keeps a course’s sign-ups until its last session has ended, then removes the names', async () => {
			const made = await publish('course', 3, 5);
			const request = validSignup(made.ids[0] as string);
			await createSignup(database, request, { now, key });
			const nameOf = async () =>
				(
					await database.first<{ name: string }>('SELECT name FROM signups WHERE id = ?', [
						request.id
					])
				)?.name;

			// The first session (a week ahead) is over, the third (three weeks ahead) is not.
			await anonymiseOldSignups(database, { now: new Date(now.getTime() + 9 * day), days: 0 });
			expect(await nameOf()).toBe(request.name);

			await anonymiseOldSignups(database, { now: new Date(now.getTime() + 23 * day), days: 0 });
			expect(await nameOf()).toBe('');
		});

		it('takes a 「連絡済み」 tick for a course’s sign-up on a later session’s call list', async () => {
			const made = await publish('course', 3, 5);
			const request = validSignup(made.ids[0] as string);
			await createSignup(database, request, { now, key });
			const answer = await push('contact.mark', {
				classId: made.ids[2],
				signupId: request.id,
				done: true,
				markedAt: now.toISOString()
			});
			expect(answer.status, JSON.stringify(answer)).toBe('applied');
		});

		it('sends every session of a course again when someone signs up', async () => {
			const made = await publish('course', 3, 5);
			const before = await pullChanges(database, {
				deviceId: randomUUID(),
				cursor: 0,
				volunteer: true,
				now
			});
			await createSignup(database, validSignup(made.ids[0] as string), { now, key });
			const after = await pullChanges(database, {
				deviceId: randomUUID(),
				cursor: before.cursor,
				volunteer: true,
				now
			});
			expect(after.classes.map((klass) => klass.id).sort()).toEqual([...made.ids].sort());
			expect(after.volunteer?.classes.map((klass) => klass.roster.length)).toEqual([1, 1, 1]);
		});

		it('moves this session and every later one, each with the conflict rules', async () => {
			const made = await publish('repeat', 4, 5);
			const [first, second, third, fourth] = made.ids as [string, string, string, string];
			// Someone else moved the fourth meanwhile: its version is 2 now.
			await patchClass(database, {
				id: fourth,
				patch: { baseVersion: 1, changes: { capacity: 8 } },
				actor: volunteerId,
				now
			});
			const change = { startTime: '13:30', endTime: '15:30', venueId: otherVenueId };
			const stale = await push('series.patch', {
				seriesId: made.id,
				fromClassId: second,
				baseVersions: [second, third, fourth].map((classId) => ({ classId, version: 1 })),
				changes: change
			});
			expect(stale).toMatchObject({
				status: 'rejected',
				error: { code: 'conflict' },
				current: { id: fourth, version: 2, capacity: 8 }
			});
			const untouched = await listUpcomingClasses(database, now);
			expect(untouched.find((klass) => klass.id === second)?.venue.id).toBe(venueId);
			// Shown the fourth as it now is, the volunteer sends the change again.
			const answer = await push('series.patch', {
				seriesId: made.id,
				fromClassId: second,
				baseVersions: [
					{ classId: second, version: 1 },
					{ classId: third, version: 1 },
					{ classId: fourth, version: 2 }
				],
				changes: change
			});
			expect(answer.status, JSON.stringify(answer)).toBe('applied');
			const result = answer.result as {
				classes: Array<{ id: string; startsAt: string; venueId: string }>;
			};
			expect(result.classes.map((klass) => klass.id)).toEqual([second, third, fourth]);
			for (const klass of result.classes) {
				expect(new Date(klass.startsAt).toISOString().slice(11, 16)).toBe('04:30');
				expect(klass.venueId).toBe(otherVenueId);
			}
			const listed = await listUpcomingClasses(database, now);
			expect(listed.find((klass) => klass.id === first)?.venue.id).toBe(venueId);
		});

		it('cancels one session; a course keeps its first session, which holds the seats', async () => {
			const made = await publish('course', 3, 5);
			const [first, second] = made.ids as [string, string];
			expect((await push('class.cancel', { classId: second })).status).toBe('applied');
			const refused = await push('class.cancel', { classId: first });
			expect(refused).toMatchObject({
				status: 'rejected',
				error: { code: 'course_first_session' }
			});
			const listed = await listUpcomingClasses(database, now);
			expect(listed.find((klass) => klass.id === second)?.status).toBe('cancelled');
			expect(listed.find((klass) => klass.id === first)?.status).toBe('scheduled');
		});

		it('answers unknown series and sessions with 404, and refuses more than 52 dates', async () => {
			const unknown = await push('series.patch', {
				seriesId: randomUUID(),
				fromClassId: randomUUID(),
				baseVersions: [{ classId: randomUUID(), version: 1 }],
				changes: { startTime: '10:00' }
			});
			expect(unknown).toMatchObject({ status: 'rejected', error: { code: 'class_not_found' } });
			const tooMany = await push('series.create', series('repeat', 53));
			expect(tooMany.status).toBe('rejected');
			const withExtra = await push('series.create', { ...series('course', 2), rule: 'weekly' });
			expect(withExtra.status).toBe('rejected');
		});

		it('migrates an empty database to a schema with series', async () => {
			const made = await backend.create();
			const fresh = await openDatabase(made.url);
			try {
				expect(await migrate(fresh)).toContain(13);
				expect(await fresh.all('SELECT id FROM class_series')).toEqual([]);
			} finally {
				await fresh.close();
				await made.drop();
			}
		});
	});
}
