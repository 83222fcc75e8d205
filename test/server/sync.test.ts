import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelClass, createClass } from '$lib/server/classes';
import { cancelTokenKey, createSignup } from '$lib/server/signups';
import type { Database } from '$lib/server/storage/database';
import { pullChanges, pushMutations, PushError, type Pusher } from '$lib/server/sync';
import { backends } from './backends';
import { validSignup } from './requests';
import { migratedDatabase, testVenue, testVolunteer } from './seed';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

type Raw = { id: string; seq: number; kind: string; args: unknown };

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`sync on ${backend.name}`, () => {
		const now = new Date();
		let remove: (() => Promise<void>) | undefined;
		let database: Database;
		let key: string;
		let venueId: string;
		let volunteerId: string;

		beforeAll(async () => {
			({ database, remove } = await migratedDatabase(backend));
			key = await cancelTokenKey(database);
			venueId = await testVenue(database, now);
			volunteerId = await testVolunteer(database, now);
		});

		afterAll(async () => {
			await remove?.();
		});

		const makeClass = (capacity: number) => {
			const startsAt = new Date(now.getTime() + 7 * day);
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
				now
			);
		};

		/** A device with its own sequence, making mutations as the outbox would. */
		function device(volunteer = false) {
			const pusher: Pusher = {
				deviceId: randomUUID(),
				volunteerId: volunteer ? volunteerId : null
			};
			let seq = 0;
			return {
				pusher,
				mutation: (kind: string, args: unknown): Raw => ({
					id: randomUUID(),
					seq: ++seq,
					kind,
					args
				}),
				push: (mutations: Raw[]) =>
					pushMutations(database, { pusher, mutations, now, key, locale: 'ja' }),
				pull: (cursor: number) =>
					pullChanges(database, { deviceId: pusher.deviceId, cursor, volunteer, now })
			};
		}

		const signupRows = async (ids: string[]) =>
			database.all<{ id: string; status: string }>(
				`SELECT id, status FROM signups WHERE id IN (${ids.map(() => '?').join(', ')})`,
				ids
			);

		describe('pushMutations', () => {
			it('applies a sign-up and answers its outcome with the cancel token', async () => {
				const classId = await makeClass(5);
				const phone = device();
				const signup = validSignup(classId);
				const [answer] = await phone.push([phone.mutation('signup.create', signup)]);
				expect(answer).toMatchObject({
					status: 'applied',
					result: { id: signup.id, status: 'confirmed', cancelToken: expect.any(String) }
				});
			});

			it('answers a retried batch with the first answers and applies nothing twice', async () => {
				const classId = await makeClass(1);
				const phone = device();
				const batch = [
					phone.mutation('signup.create', validSignup(classId)),
					phone.mutation('signup.create', validSignup(classId))
				];
				const first = await phone.push(batch);
				expect(first.map((answer) => answer.status)).toEqual(['applied', 'applied']);
				expect(first.map((answer) => (answer.result as { status: string }).status)).toEqual([
					'confirmed',
					'waitlisted'
				]);
				// The answer was lost on the way: the device sends the same batch plus a new one.
				const cancel = phone.mutation('signup.cancel', {
					signupId: (batch[0]!.args as { id: string }).id,
					cancelToken: (first[0]!.result as { cancelToken: string }).cancelToken
				});
				const again = await phone.push([...batch, cancel]);
				expect(again.slice(0, 2)).toEqual(first);
				expect(again[2]).toMatchObject({ status: 'applied', result: { status: 'cancelled' } });
				const rows = await database.all<{ n: number }>(
					'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM signups WHERE class_id = ?',
					[classId]
				);
				expect(Number(rows[0]!.n)).toBe(2);
			});

			it('answers refusals and unreadable mutations without stopping the ones after', async () => {
				const open = await makeClass(5);
				const closed = await makeClass(5);
				await cancelClass(database, { id: closed, actor: volunteerId, now });
				const phone = device();
				const good = validSignup(open);
				const answers = await phone.push([
					phone.mutation('signup.create', validSignup(closed)),
					phone.mutation('signup.teleport', { anywhere: true }),
					phone.mutation('signup.create', { ...validSignup(open), name: '' }),
					phone.mutation('signup.create', good)
				]);
				expect(answers.map((answer) => [answer.status, answer.error?.code])).toEqual([
					['rejected', 'class_cancelled'],
					['rejected', 'invalid_input'],
					['rejected', 'invalid_input'],
					['applied', undefined]
				]);
				expect(answers[0]!.error!.message).toMatch(/中止/);
				expect(answers[2]!.error!.fields).toEqual({
					name: expect.objectContaining({ code: 'required' })
				});
				expect(answers[1]!.error!.fields).toHaveProperty('kind');
				expect(await signupRows([good.id])).toEqual([{ id: good.id, status: 'confirmed' }]);
			});

			it('refuses a used sequence number with a new id, and a known id with another body', async () => {
				const classId = await makeClass(5);
				const phone = device();
				const first = phone.mutation('signup.create', validSignup(classId));
				await phone.push([first]);
				const reused = { ...phone.mutation('signup.create', validSignup(classId)), seq: first.seq };
				const changed = { ...first, args: { ...(first.args as object), name: '別人' } };
				const other = device();
				const stolen = { ...first, seq: 1 };
				const answers = [
					...(await phone.push([reused])),
					...(await phone.push([changed])),
					...(await other.push([stolen]))
				];
				expect(answers.map((answer) => answer.error?.code)).toEqual([
					'sequence_reused',
					'id_conflict',
					'id_conflict'
				]);
			});

			it('needs a volunteer for class, venue and attendance mutations', async () => {
				const classId = await makeClass(5);
				const phone = device();
				await expect(
					phone.push([phone.mutation('class.cancel', { classId })])
				).rejects.toBeInstanceOf(PushError);
			});

			it('applies a volunteer’s offline work in order: venue, class, phone sign-up, attendance', async () => {
				const tablet = device(true);
				const newVenue = randomUUID();
				const newClass = randomUUID();
				const startsAt = new Date(now.getTime() + 3 * day);
				const signupId = randomUUID();
				const answers = await tablet.push([
					tablet.mutation('venue.create', { id: newVenue, name: '北集会所', address: '架空' }),
					tablet.mutation('class.create', {
						id: newClass,
						title: '出張スマホ教室',
						topic: 'カメラ',
						venueId: newVenue,
						startsAt: startsAt.toISOString(),
						endsAt: new Date(startsAt.getTime() + hour).toISOString(),
						capacity: 4
					}),
					tablet.mutation('signup.createOnBehalf', {
						...validSignup(newClass, { id: signupId }),
						classId: newClass
					}),
					tablet.mutation('attendance.set', {
						classId: newClass,
						signupId,
						status: 'present',
						markedAt: now.toISOString()
					})
				]);
				expect(answers.map((answer) => answer.status)).toEqual([
					'applied',
					'applied',
					'applied',
					'applied'
				]);
				const audit = await database.all<{ actor: string; action: string }>(
					'SELECT actor, action FROM audit_log WHERE record_id IN (?, ?) ORDER BY at, action',
					[newClass, signupId]
				);
				expect(audit.map((entry) => entry.actor)).toEqual(audit.map(() => volunteerId));
			});

			it('renames a venue and refuses to retire one with a class ahead, in words for the volunteer', async () => {
				const tablet = device(true);
				const venue = randomUUID();
				const classId = randomUUID();
				const startsAt = new Date(now.getTime() + 5 * day);
				const answers = await tablet.push([
					tablet.mutation('venue.create', { id: venue, name: '南集会所', address: '架空1' }),
					tablet.mutation('venue.patch', { venueId: venue, changes: { address: '架空2' } }),
					tablet.mutation('class.create', {
						id: classId,
						title: '南の教室',
						topic: '',
						venueId: venue,
						startsAt: startsAt.toISOString(),
						endsAt: new Date(startsAt.getTime() + hour).toISOString(),
						capacity: 4
					}),
					tablet.mutation('venue.retire', { venueId: venue }),
					tablet.mutation('class.cancel', { classId }),
					tablet.mutation('venue.retire', { venueId: venue })
				]);
				expect(answers.map((answer) => answer.status)).toEqual([
					'applied',
					'applied',
					'applied',
					'rejected',
					'applied',
					'applied'
				]);
				expect(answers[1]!.result).toEqual({ id: venue, name: '南集会所', address: '架空2' });
				expect(answers[3]!.error).toMatchObject({
					code: 'venue_in_use',
					message: expect.stringContaining('会場')
				});
				const pulled = await tablet.pull(0);
				expect(pulled.volunteer!.venues.map((known) => known.id)).not.toContain(venue);
			});

			it('answers a stale capacity change as a conflict with the class as it is now', async () => {
				const classId = await makeClass(5);
				const first = device(true);
				const second = device(true);
				const [applied] = await first.push([
					first.mutation('class.patch', { classId, baseVersion: 1, changes: { capacity: 8 } })
				]);
				expect(applied!.status).toBe('applied');
				const [stale] = await second.push([
					second.mutation('class.patch', { classId, baseVersion: 1, changes: { capacity: 3 } })
				]);
				expect(stale).toMatchObject({
					status: 'rejected',
					error: { code: 'conflict' },
					current: { id: classId, capacity: 8, version: 2 }
				});
			});

			it('gives exactly the seats there are to two devices pushing 100 sign-ups each at once', async () => {
				const classId = await makeClass(20);
				const phones = [device(), device()];
				const batches = phones.map((phone) =>
					Array.from({ length: 100 }, () => phone.mutation('signup.create', validSignup(classId)))
				);
				const answers = (
					await Promise.all(phones.map((phone, index) => phone.push(batches[index]!)))
				).flat();
				const statuses = answers.map((answer) => (answer.result as { status: string }).status);
				expect(statuses.filter((status) => status === 'confirmed')).toHaveLength(20);
				expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(180);
				const confirmed = await database.first<{ n: number }>(
					"SELECT CAST(COUNT(*) AS INTEGER) AS n FROM signups WHERE class_id = ? AND status = 'confirmed'",
					[classId]
				);
				expect(Number(confirmed!.n)).toBe(20);
			});
		});

		describe('pullChanges', () => {
			it('starts with every upcoming class, then returns only what changed after the cursor', async () => {
				const classId = await makeClass(1);
				const untouched = await makeClass(3);
				const phone = device();
				const full = await phone.pull(0);
				expect(full.classes.map((klass) => klass.id)).toEqual(
					expect.arrayContaining([classId, untouched])
				);
				const nothing = await phone.pull(full.cursor);
				expect(nothing).toMatchObject({ cursor: full.cursor, classes: [], signups: [] });
				await createSignup(database, validSignup(classId), { now, key });
				const changed = await phone.pull(full.cursor);
				expect(changed.cursor).toBeGreaterThan(full.cursor);
				expect(changed.classes).toEqual([
					expect.objectContaining({ id: classId, seatsLeft: 0, waitlistLength: 0 })
				]);
			});

			it('tells a device its waiting place moved up, and its class was cancelled', async () => {
				const classId = await makeClass(1);
				const other = device();
				const phone = device();
				const [taken] = await other.push([other.mutation('signup.create', validSignup(classId))]);
				const mine = validSignup(classId);
				await phone.push([phone.mutation('signup.create', mine)]);
				const before = await phone.pull(0);
				expect(before.signups).toEqual([
					{ id: mine.id, classId, status: 'waitlisted', waitlistPosition: 1 }
				]);
				await other.push([
					other.mutation('signup.cancel', {
						signupId: (taken!.result as { id: string }).id,
						cancelToken: (taken!.result as { cancelToken: string }).cancelToken
					})
				]);
				const after = await phone.pull(before.cursor);
				expect(after.signups).toEqual([
					{ id: mine.id, classId, status: 'confirmed', waitlistPosition: null }
				]);
				await cancelClass(database, { id: classId, actor: volunteerId, now });
				const cancelled = await phone.pull(after.cursor);
				expect(cancelled.classes).toEqual([
					expect.objectContaining({ id: classId, status: 'cancelled' })
				]);
				expect(cancelled.signups.map((signup) => signup.id)).toEqual([mine.id]);
			});

			it('gives a volunteer rosters with attendance, and a resident none', async () => {
				const classId = await makeClass(5);
				const tablet = device(true);
				const signup = validSignup(classId);
				await createSignup(database, signup, { now, key });
				const start = await tablet.pull(0);
				const ours = start.volunteer!.classes.find((klass) => klass.id === classId)!;
				expect(ours.roster).toEqual([
					expect.objectContaining({ id: signup.id, name: signup.name, attendance: null })
				]);
				expect(start.volunteer!.venues.map((venue) => venue.id)).toContain(venueId);
				await tablet.push([
					tablet.mutation('attendance.set', {
						classId,
						signupId: signup.id,
						status: 'absent',
						markedAt: now.toISOString()
					})
				]);
				const marked = await tablet.pull(start.cursor);
				expect(marked.volunteer!.classes.map((klass) => klass.id)).toEqual([classId]);
				expect(marked.volunteer!.classes[0]!.roster[0]!.attendance).toBe('absent');
				const resident = await device().pull(0);
				expect(resident.volunteer).toBeUndefined();
				expect(JSON.stringify(resident)).not.toContain(signup.name);
			});

			it('starts again from the beginning when the cursor is ahead of the server', async () => {
				const phone = device();
				const full = await phone.pull(0);
				const ahead = await phone.pull(full.cursor + 1000);
				expect(ahead.classes.length).toBe(full.classes.length);
			});
		});
	});
}
