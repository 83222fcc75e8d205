import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassPatch } from '$lib/domain/class';
import type { SignupRequest } from '$lib/domain/signup';
import {
	cancelClass,
	ClassError,
	createClass,
	createVenue,
	getClass,
	patchClass,
	patchVenueIn,
	retireVenueIn,
	roster,
	type VolunteerClass
} from '$lib/server/classes';
import { pullChanges } from '$lib/server/sync';
import {
	cancelSignup,
	cancelTokenKey,
	createSignup,
	listUpcomingClasses,
	SignupError
} from '$lib/server/signups';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { backends } from './backends';
import { validSignup } from './requests';
import { migratedDatabase, testVenue, testVolunteer } from './seed';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** The ClassError a promise rejects with (fails the test when it resolves or throws another). */
async function classRefusal(promise: Promise<unknown>): Promise<ClassError> {
	const error = await promise.then(
		() => null,
		(reason: unknown) => reason
	);
	expect(error).toBeInstanceOf(ClassError);
	return error as ClassError;
}

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`classes on ${backend.name}`, () => {
		const now = new Date();
		let remove: (() => Promise<void>) | undefined;
		let url: string;
		let database: Database;
		let key: string;
		let venueId: string;
		let otherVenueId: string;
		let actor: string;
		const volunteerName = '佐藤 まもる';
		/** Distinct sign-up times, so that sign-up order is never a tie. */
		let tick = 0;
		const nextInstant = () => new Date(now.getTime() + ++tick);

		beforeAll(async () => {
			({ database, url, remove } = await migratedDatabase(backend));
			key = await cancelTokenKey(database);
			venueId = await testVenue(database, now);
			otherVenueId = await testVenue(database, now, {
				name: 'テスト図書館',
				address: 'みどり県みどり町テスト2-2（架空の住所）'
			});
			actor = await testVolunteer(database, now, volunteerName);
		});

		afterAll(async () => {
			await remove?.();
		});

		/** A class a week from now, two hours long. */
		async function makeClass(capacity: number): Promise<VolunteerClass> {
			const startsAt = new Date(now.getTime() + 7 * day);
			const id = await createClass(
				database,
				{
					title: 'スマホ教室',
					topic: 'LINEの使い方',
					venueId,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
					capacity
				},
				now
			);
			return (await getClass(database, id))!;
		}

		const patch = (id: string, body: ClassPatch) =>
			patchClass(database, { id, patch: body, actor, now: nextInstant() });

		const signUp = (classId: string, overrides: Partial<SignupRequest> = {}) =>
			createSignup(database, validSignup(classId, overrides), { now: nextInstant(), key });

		const listed = async (id: string) =>
			(await listUpcomingClasses(database, now)).find((klass) => klass.id === id)!;

		const statuses = async (ids: string[]) => {
			const rows = await database.all<{ id: string; status: string }>(
				`SELECT id, status FROM signups WHERE id IN (${ids.map(() => '?').join(', ')})`,
				ids
			);
			const byId = new Map(rows.map((row) => [row.id, row.status]));
			return ids.map((id) => byId.get(id));
		};

		describe('patchClass', () => {
			it('applies title and topic with any baseVersion (last write wins) and bumps version', async () => {
				const klass = await makeClass(5);
				expect(klass.version).toBe(1);
				const first = await patch(klass.id, { baseVersion: 1, changes: { title: '新しい題名' } });
				expect(first.klass).toMatchObject({ title: '新しい題名', version: 2 });
				// Based on version 1 while the class is at 2: still applies.
				const second = await patch(klass.id, {
					baseVersion: 1,
					changes: { title: '最後の題名', topic: '写真の送り方' }
				});
				expect(second.klass).toMatchObject({
					title: '最後の題名',
					topic: '写真の送り方',
					version: 3
				});
				expect(await getClass(database, klass.id)).toEqual(second.klass);
			});

			it.each([
				['startsAt', (klass: VolunteerClass) => ({ startsAt: shift(klass.startsAt, -hour) })],
				['endsAt', (klass: VolunteerClass) => ({ endsAt: shift(klass.endsAt, hour) })],
				['venueId', () => ({ venueId: otherVenueId })],
				['capacity', (klass: VolunteerClass) => ({ capacity: klass.capacity + 3 })]
			])(
				'refuses a stale change of %s as a 409 conflict with the class as it is',
				async (_field, change) => {
					const klass = await makeClass(5);
					const moved = await patch(klass.id, { baseVersion: 1, changes: { title: '改題' } });
					const before = await getClass(database, klass.id);
					const error = await classRefusal(
						patch(klass.id, { baseVersion: 1, changes: change(klass) })
					);
					expect(error.code).toBe('conflict');
					expect(error.status).toBe(409);
					expect(error.current).toEqual(moved.klass);
					expect(await getClass(database, klass.id)).toEqual(before);
				}
			);

			it('refuses a capacity change based on a version the class never had (ahead of it)', async () => {
				const klass = await makeClass(5);
				// Version 1 exists; 7 does not: nothing the volunteer saw, so not a safe base.
				const error = await classRefusal(
					patch(klass.id, { baseVersion: 7, changes: { capacity: 2 } })
				);
				expect(error.code).toBe('conflict');
				expect(error.current).toEqual(klass);
				expect(await getClass(database, klass.id)).toEqual(klass);
			});

			it('applies a change of time, venue or capacity based on the current version', async () => {
				const klass = await makeClass(5);
				const { klass: after } = await patch(klass.id, {
					baseVersion: 1,
					changes: {
						startsAt: shift(klass.startsAt, hour),
						endsAt: shift(klass.endsAt, hour),
						venueId: otherVenueId,
						capacity: 8
					}
				});
				expect(after).toMatchObject({
					startsAt: shift(klass.startsAt, hour),
					endsAt: shift(klass.endsAt, hour),
					venueId: otherVenueId,
					capacity: 8,
					version: 2
				});
			});

			it('takes the same instant written as +09:00 instead of Z as no change (no conflict)', async () => {
				const klass = await makeClass(5);
				await patch(klass.id, { baseVersion: 1, changes: { topic: '別の話題' } });
				const { klass: after } = await patch(klass.id, {
					baseVersion: 1,
					changes: {
						startsAt: asTokyo(klass.startsAt),
						endsAt: asTokyo(klass.endsAt),
						capacity: klass.capacity,
						venueId: klass.venueId,
						title: '同じ時間'
					}
				});
				expect(after.title).toBe('同じ時間');
				expect(after.version).toBe(3);
				expect(new Date(after.startsAt).getTime()).toBe(new Date(klass.startsAt).getTime());
				expect(new Date(after.endsAt).getTime()).toBe(new Date(klass.endsAt).getTime());
				// Stored in one spelling, so that comparisons and ordering in SQL stay right.
				expect(after.startsAt).toBe(klass.startsAt);
			});

			it('refuses a capacity below the confirmed sign-ups (capacity_below_confirmed)', async () => {
				const klass = await makeClass(3);
				for (let i = 0; i < 3; i += 1) await signUp(klass.id);
				const error = await classRefusal(
					patch(klass.id, { baseVersion: 1, changes: { capacity: 2 } })
				);
				expect(error.code).toBe('capacity_below_confirmed');
				expect(error.status).toBe(409);
				expect((await getClass(database, klass.id))?.capacity).toBe(3);
				// Down to exactly the confirmed count is fine.
				const { klass: after } = await patch(klass.id, {
					baseVersion: 1,
					changes: { capacity: 3 }
				});
				expect(after.capacity).toBe(3);
			});

			it('moves the waiting list up in order when capacity grows', async () => {
				const klass = await makeClass(2);
				const ids: string[] = [];
				for (let i = 0; i < 6; i += 1) ids.push((await signUp(klass.id)).outcome.id);
				expect(await statuses(ids)).toEqual([
					'confirmed',
					'confirmed',
					'waitlisted',
					'waitlisted',
					'waitlisted',
					'waitlisted'
				]);
				expect(await listed(klass.id)).toMatchObject({ seatsLeft: 0, waitlistLength: 4 });

				const { klass: after, promoted } = await patch(klass.id, {
					baseVersion: 1,
					changes: { capacity: 4 }
				});
				expect(after.capacity).toBe(4);
				expect(promoted).toEqual(ids.slice(2, 4));
				expect(await statuses(ids)).toEqual([
					'confirmed',
					'confirmed',
					'confirmed',
					'confirmed',
					'waitlisted',
					'waitlisted'
				]);
				expect(await listed(klass.id)).toMatchObject({
					capacity: 4,
					seatsLeft: 0,
					waitlistLength: 2
				});
				const waiting = (await roster(database, klass.id)).filter(
					(entry) => entry.status === 'waitlisted'
				);
				expect(waiting.map((entry) => [entry.id, entry.waitlistPosition])).toEqual([
					[ids[4], 1],
					[ids[5], 2]
				]);

				// More than the waiting list needs: everyone moves up and seats are left.
				const { promoted: rest } = await patch(klass.id, {
					baseVersion: 2,
					changes: { capacity: 10 }
				});
				expect(rest).toEqual(ids.slice(4));
				expect(await listed(klass.id)).toMatchObject({ seatsLeft: 4, waitlistLength: 0 });
			});

			it('answers 404 class_not_found for an unknown class', async () => {
				const error = await classRefusal(
					patch(randomUUID(), { baseVersion: 1, changes: { title: '誰もいない' } })
				);
				expect(error.code).toBe('class_not_found');
				expect(error.status).toBe(404);
			});

			it('refuses to edit a cancelled class (class_cancelled)', async () => {
				const klass = await makeClass(5);
				await cancelClass(database, { id: klass.id, actor, now: nextInstant() });
				const error = await classRefusal(
					patch(klass.id, { baseVersion: 2, changes: { title: '取り消し後' } })
				);
				expect(error.code).toBe('class_cancelled');
				expect(error.status).toBe(409);
				expect((await getClass(database, klass.id))?.title).toBe('スマホ教室');
			});

			it('lets exactly one of two simultaneous capacity changes on one version through', async () => {
				const klass = await makeClass(5);
				// PostgreSQL: a second connection races for the row lock. SQLite: one connection per
				// process (a second one in this thread would block it), whose queue is the race.
				const again = backend.name === 'postgres' ? await openDatabase(url) : database;
				try {
					const results = await Promise.allSettled([
						patchClass(database, {
							id: klass.id,
							patch: { baseVersion: 1, changes: { capacity: 7 } },
							actor,
							now: nextInstant()
						}),
						patchClass(again, {
							id: klass.id,
							patch: { baseVersion: 1, changes: { capacity: 9 } },
							actor,
							now: nextInstant()
						})
					]);
					const won = results.filter((result) => result.status === 'fulfilled');
					const lost = results.filter((result) => result.status === 'rejected');
					expect(won).toHaveLength(1);
					expect(lost).toHaveLength(1);
					const reason = (lost[0] as PromiseRejectedResult).reason as ClassError;
					expect(reason).toBeInstanceOf(ClassError);
					expect(reason.code).toBe('conflict');
					const winner = (won[0] as PromiseFulfilledResult<{ klass: VolunteerClass }>).value;
					expect(reason.current).toEqual(winner.klass);
					expect(await getClass(database, klass.id)).toMatchObject({
						capacity: winner.klass.capacity,
						version: 2
					});
				} finally {
					if (again !== database) await again.close();
				}
			});
		});

		describe('cancelClass', () => {
			it('cancels once: a second call changes nothing and the version bumps once', async () => {
				const klass = await makeClass(5);
				const first = await cancelClass(database, { id: klass.id, actor, now: nextInstant() });
				expect(first).toMatchObject({ status: 'cancelled', version: 2 });
				const second = await cancelClass(database, { id: klass.id, actor, now: nextInstant() });
				expect(second).toEqual(first);
				const audits = await database.all(
					"SELECT id FROM audit_log WHERE record_id = ? AND action = 'class.cancel'",
					[klass.id]
				);
				expect(audits).toHaveLength(1);
			});

			it('refuses new sign-ups with class_cancelled and is listed as cancelled', async () => {
				const klass = await makeClass(5);
				await signUp(klass.id);
				await cancelClass(database, { id: klass.id, actor, now: nextInstant() });
				const error = await signUp(klass.id).then(
					() => null,
					(reason: unknown) => reason
				);
				expect(error).toBeInstanceOf(SignupError);
				expect((error as SignupError).code).toBe('class_cancelled');
				expect(await listed(klass.id)).toMatchObject({ status: 'cancelled' });
			});

			it('answers 404 class_not_found for an unknown class', async () => {
				const error = await classRefusal(
					cancelClass(database, { id: randomUUID(), actor, now: nextInstant() })
				);
				expect(error.code).toBe('class_not_found');
				expect(error.status).toBe(404);
			});
		});

		describe('roster', () => {
			it('lists confirmed first, then the waiting list 1..n, cancelled last', async () => {
				const klass = await makeClass(2);
				const outcomes: Array<{ id: string; cancelToken: string }> = [];
				for (let i = 0; i < 6; i += 1) {
					outcomes.push((await signUp(klass.id, { name: `参加者${i}` })).outcome);
				}
				// One confirmed and one waiting sign-up cancelled: 参加者2 moves up.
				await cancelSignup(database, { ...outcomes[0]!, now: nextInstant() });
				await cancelSignup(database, { ...outcomes[4]!, now: nextInstant() });
				const entries = await roster(database, klass.id);
				expect(entries.map((entry) => [entry.name, entry.status, entry.waitlistPosition])).toEqual(
					[
						['参加者1', 'confirmed', null],
						['参加者2', 'confirmed', null],
						['参加者3', 'waitlisted', 1],
						['参加者5', 'waitlisted', 2],
						['参加者0', 'cancelled', null],
						['参加者4', 'cancelled', null]
					].filter(([, status]) => status !== 'cancelled' || true)
				);
				expect(entries[0]).toMatchObject({
					nameKana: expect.stringMatching(/^やまだ はなこ /),
					phone: expect.stringMatching(/^090-1234-\d{4}$/),
					walkIn: false,
					possibleDuplicateOf: null,
					device: 'android',
					needsLoaner: false,
					needs: ['sight']
				});
			});
		});

		describe('venues', () => {
			const newVenue = (name: string) =>
				createVenue(database, { name, address: 'みどり県みどり町テスト9-9（架空の住所）' }, now);
			const patchVenue = (id: string, changes: { name?: string; address?: string }) =>
				database.transaction((tx) => patchVenueIn(tx, { id, changes, actor, now: nextInstant() }));
			const retire = (id: string) =>
				database.transaction((tx) => retireVenueIn(tx, { id, actor, now: nextInstant() }));
			const pulledVenues = async () =>
				(
					await pullChanges(database, {
						deviceId: randomUUID(),
						cursor: 0,
						volunteer: true,
						now
					})
				).volunteer!.venues.map((venue) => venue.id);

			it('renames a venue, and residents pull its upcoming classes again with the new address', async () => {
				const id = await newVenue('旧名の集会所');
				const klass = await makeClass(5);
				await patch(klass.id, { baseVersion: klass.version, changes: { venueId: id } });
				const { cursor } = await pullChanges(database, {
					deviceId: randomUUID(),
					cursor: 0,
					volunteer: false,
					now
				});

				expect(await patchVenue(id, { address: 'みどり県みどり町新しい1-1' })).toEqual({
					id,
					name: '旧名の集会所',
					address: 'みどり県みどり町新しい1-1'
				});
				const after = await pullChanges(database, {
					deviceId: randomUUID(),
					cursor,
					volunteer: false,
					now
				});
				expect(after.classes.map((changed) => [changed.id, changed.venue.address])).toEqual([
					[klass.id, 'みどり県みどり町新しい1-1']
				]);
				// Its version is the class's own: a volunteer's pending edit does not conflict.
				expect((await getClass(database, klass.id))!.version).toBe(klass.version + 1);
			});

			it('refuses to retire a venue with a scheduled class ahead (venue_in_use), then retires it once cancelled', async () => {
				const id = await newVenue('閉館する公民館');
				const klass = await makeClass(5);
				await patch(klass.id, { baseVersion: klass.version, changes: { venueId: id } });

				const refused = await classRefusal(retire(id));
				expect([refused.code, refused.status]).toEqual(['venue_in_use', 409]);
				expect(await pulledVenues()).toContain(id);

				await cancelClass(database, { id: klass.id, actor, now: nextInstant() });
				expect(await retire(id)).toEqual({ id });
				// A retried retirement is already done.
				expect(await retire(id)).toEqual({ id });
				expect(await pulledVenues()).not.toContain(id);
				// The cancelled class still names its place.
				expect((await getClass(database, klass.id))!.venueId).toBe(id);
			});

			it('keeps a retired venue out of new classes, class moves and edits (venue_not_found)', async () => {
				const id = await newVenue('使わなくなった会場');
				await retire(id);
				const startsAt = new Date(now.getTime() + 3 * day);
				const created = await classRefusal(
					createClass(
						database,
						{
							title: '教室',
							topic: '',
							venueId: id,
							startsAt: startsAt.toISOString(),
							endsAt: new Date(startsAt.getTime() + hour).toISOString(),
							capacity: 5
						},
						now
					)
				);
				expect(created.code).toBe('venue_not_found');
				const klass = await makeClass(5);
				const moved = await classRefusal(
					patch(klass.id, { baseVersion: klass.version, changes: { venueId: id } })
				);
				expect(moved.code).toBe('venue_not_found');
				const renamed = await classRefusal(patchVenue(id, { name: '復活' }));
				expect([renamed.code, renamed.status]).toEqual(['venue_not_found', 404]);
				const unknown = await classRefusal(retire(randomUUID()));
				expect(unknown.code).toBe('venue_not_found');
			});
		});

		describe('audit_log', () => {
			it('records class.patch and class.cancel with the volunteer id, and no names', async () => {
				const klass = await makeClass(5);
				await signUp(klass.id, { name: '監査 太郎', nameKana: 'かんさ たろう' });
				await patch(klass.id, { baseVersion: 1, changes: { title: '監査の題名', capacity: 6 } });
				await cancelClass(database, { id: klass.id, actor, now: nextInstant() });
				const rows = await database.all<{
					id: string;
					at: string;
					actor: string;
					action: string;
					record_type: string;
					record_id: string;
				}>(
					'SELECT id, at, actor, action, record_type, record_id FROM audit_log WHERE record_id = ? ORDER BY at',
					[klass.id]
				);
				expect(rows.map((row) => [row.actor, row.action.split(':')[0], row.record_type])).toEqual([
					[actor, 'class.patch', 'class'],
					[actor, 'class.cancel', 'class']
				]);
				const everything = await database.all<Record<string, string>>('SELECT * FROM audit_log');
				const names = [volunteerName, '監査 太郎', 'かんさ たろう', '山田 花子', '監査の題名'];
				for (const row of everything) {
					for (const value of Object.values(row)) {
						for (const name of names) expect(String(value)).not.toContain(name);
					}
				}
			});
		});
	});
}

/** An ISO instant moved by `ms`. */
function shift(iso: string, ms: number): string {
	return new Date(new Date(iso).getTime() + ms).toISOString();
}

/** The same instant spelled in Japan time (+09:00) rather than Z. */
function asTokyo(iso: string): string {
	const local = new Date(new Date(iso).getTime() + 9 * hour).toISOString();
	return `${local.slice(0, 23)}+09:00`;
}
