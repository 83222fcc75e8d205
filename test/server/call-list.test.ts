// The call list (issue 15, item 6) over each storage backend: who a volunteer's pull puts on
// it and why (read from the audit log), and the 「連絡済み」 tick: last tick wins by the time
// the volunteer made it, whatever order the tablets' pushes arrive in; audited; refused for
// a sign-up of another class or none.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callList } from '$lib/domain/call-list';
import { createClass } from '$lib/server/classes';
import { cancelTokenKey, createSignup } from '$lib/server/signups';
import type { Database } from '$lib/server/storage/database';
import { pullChanges, pushMutations, type Pusher } from '$lib/server/sync';
import { backends } from './backends';
import { validSignup } from './requests';
import { migratedDatabase, testVenue, testVolunteer } from './seed';

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
	});
}
