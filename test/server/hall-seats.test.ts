// A day at the hall over HTTP, on SQLite and PostgreSQL (issue 15, items 3 and 4): the same
// person entered twice is caught (a volunteer may still enter another person of that name), a
// resident is told they are already signed up, and a walk-in at a full class is seated.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationAnswer } from '$lib/domain/sync';
import type { RosterEntry, VolunteerClass } from '$lib/server/classes';
import { openDatabase } from '$lib/server/storage/database';
import { requireBuild, stopAllServers, type AppServer } from './app-server';
import { backends } from './backends';
import { send, serverWithAdmin } from './http-client';

type Refusal = {
	error: { code: string; message: string; fields: Record<string, unknown> };
	existing?: { id?: string; status: string; waitlistPosition?: number };
};
type Outcome = { id: string; status: string; waitlistPosition?: number; cancelToken: string };

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const admin = {
	email: 'hall-admin@test.example',
	password: `${randomBytes(18).toString('base64url')}-Aa1`
};

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

/** 佐藤 一郎 as he phoned the first time. */
const ichiro = {
	name: '佐藤 一郎',
	nameKana: 'さとう いちろう',
	phone: '090-1111-2222',
	device: 'none',
	needsLoaner: true
} as const;

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`hall seats over HTTP on ${backend.name}`, () => {
		let server: AppServer;
		let cookie: string;
		let venueId: string;
		let databaseUrl: string;
		let drop: (() => Promise<void>) | undefined;

		beforeAll(async () => {
			({ server, cookie, drop, databaseUrl } = await serverWithAdmin(backend, admin));
			const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
				method: 'POST',
				cookie,
				json: { name: '中央公民館', address: 'みどり県みどり町中央1-1（架空の住所）' }
			});
			expect(venue.status, JSON.stringify(venue.body)).toBe(201);
			venueId = venue.body.id;
		});

		afterAll(async () => {
			await drop?.();
		});

		/** A class `days` from now with `capacity` seats. */
		async function publish(capacity: number, days = 7): Promise<string> {
			const startsAt = new Date(Date.now() + days * day);
			const answer = await send<VolunteerClass>(server, '/api/volunteer/classes', {
				method: 'POST',
				cookie,
				json: {
					title: 'スマホ教室',
					topic: 'LINEの使い方',
					venueId,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
					capacity
				}
			});
			expect(answer.status, JSON.stringify(answer.body)).toBe(201);
			return answer.body.id;
		}

		const byPhone = (classId: string, person: object) =>
			send<Outcome & Refusal>(server, `/api/volunteer/classes/${classId}/signups`, {
				method: 'POST',
				cookie,
				json: { id: randomUUID(), ...person }
			});

		const byResident = (classId: string, person: object) =>
			send<Outcome & Refusal>(server, '/api/signups', {
				method: 'POST',
				json: { id: randomUUID(), classId, ...person }
			});

		const rosterOf = async (classId: string) =>
			(
				await send<{ signups: RosterEntry[] }>(server, `/api/volunteer/classes/${classId}/roster`, {
					cookie
				})
			).body.signups;

		const publicClass = async (classId: string) =>
			(
				await send<{ classes: Array<{ id: string; seatsLeft: number; waitlistLength: number }> }>(
					server,
					'/api/classes'
				)
			).body.classes.find((klass) => klass.id === classId);

		it('catches the same person phoning twice, however the name and phone are written', async () => {
			const classId = await publish(3);
			const first = await byPhone(classId, ichiro);
			expect(first.status).toBe(201);
			// Ideographic space, full-width digits and dashes: the same man.
			const again = await byPhone(classId, {
				...ichiro,
				name: '佐藤　一郎',
				nameKana: undefined,
				phone: '０９０－１１１１－２２２２'
			});
			expect(again.status).toBe(409);
			expect(again.body).toMatchObject({
				error: { code: 'possible_duplicate', message: expect.stringContaining('同じ方') },
				existing: { id: first.body.id, status: 'confirmed' }
			});
			// No phone this time, but the same reading in katakana and no space in the name.
			const byReading = await byPhone(classId, {
				name: '佐藤一郎',
				nameKana: 'サトウ イチロウ',
				device: 'android',
				needsLoaner: false
			});
			expect(byReading.status).toBe(409);
			expect(byReading.body.existing).toEqual({ id: first.body.id, status: 'confirmed' });
			// Nothing was written: one seat taken.
			expect((await publicClass(classId))?.seatsLeft).toBe(2);
			expect(await rosterOf(classId)).toHaveLength(1);
		});

		it('answers in the request language, and a refusal is never partly written', async () => {
			const classId = await publish(3);
			await byPhone(classId, ichiro);
			const english = await send<Refusal>(
				server,
				`/api/volunteer/classes/${classId}/signups?lang=en`,
				{ method: 'POST', cookie, json: { id: randomUUID(), ...ichiro } }
			);
			expect(english.status).toBe(409);
			expect(english.body.error.message).toContain('same person');
		});

		it('enters another person of the same name once the volunteer confirms it (201)', async () => {
			const classId = await publish(3);
			const first = await byPhone(classId, ichiro);
			const id = randomUUID();
			const refused = await send<Refusal>(server, `/api/volunteer/classes/${classId}/signups`, {
				method: 'POST',
				cookie,
				json: { id, ...ichiro }
			});
			expect(refused.status).toBe(409);
			// 「別の方として入れる」: the same request, confirmed.
			const confirmed = await send<Outcome>(server, `/api/volunteer/classes/${classId}/signups`, {
				method: 'POST',
				cookie,
				json: { id, ...ichiro, confirmDuplicate: true }
			});
			expect(confirmed.status).toBe(201);
			expect(confirmed.body).toMatchObject({ id, status: 'confirmed' });
			// Sent again (a lost answer): the same outcome, nothing new.
			const retry = await send<Outcome>(server, `/api/volunteer/classes/${classId}/signups`, {
				method: 'POST',
				cookie,
				json: { id, ...ichiro, confirmDuplicate: true }
			});
			expect(retry.status).toBe(200);
			expect(retry.body.id).toBe(id);
			// Confirmed as another person, so the roster does not flag them.
			const roster = await rosterOf(classId);
			expect(roster.map((entry) => [entry.id, entry.possibleDuplicateOf])).toEqual([
				[first.body.id, null],
				[id, null]
			]);
		});

		it('never blocks a couple sharing one phone', async () => {
			const classId = await publish(3);
			expect((await byPhone(classId, ichiro)).status).toBe(201);
			const wife = await byPhone(classId, {
				...ichiro,
				name: '佐藤 花子',
				nameKana: 'さとう はなこ'
			});
			expect(wife.status).toBe(201);
			const fromHerPhone = await byResident(classId, {
				...ichiro,
				name: '佐藤 次郎',
				nameKana: 'さとう じろう'
			});
			expect(fromHerPhone.status).toBe(201);
		});

		it('tells a resident kindly that they are already signed up, with their seat', async () => {
			const classId = await publish(1);
			const mine = await byResident(classId, ichiro);
			expect(mine.status).toBe(201);
			const waiting = await byResident(classId, { ...ichiro, name: '鈴木 ハル', phone: undefined });
			expect(waiting.body.status).toBe('waitlisted');
			const again = await byResident(classId, { ...ichiro, name: ' 佐藤一郎 ' });
			expect(again.status).toBe(409);
			expect(again.body).toEqual({
				error: {
					code: 'already_signed_up',
					message: expect.stringContaining('もうお申し込みいただいています'),
					fields: {}
				},
				existing: { status: 'confirmed' }
			});
			const hal = await byResident(classId, {
				name: '鈴木 ハル',
				nameKana: 'すずき はる',
				device: 'iphone',
				needsLoaner: false
			});
			expect(hal.status).toBe(201);
			const halAgain = await byResident(classId, {
				name: '鈴木ハル',
				nameKana: 'スズキハル',
				device: 'iphone',
				needsLoaner: false
			});
			expect(halAgain.body).toMatchObject({
				error: { code: 'already_signed_up' },
				existing: { status: 'waitlisted', waitlistPosition: 2 }
			});
		});

		it('answers a retried resident sign-up as the first time, never as a duplicate', async () => {
			const classId = await publish(2);
			const body = { id: randomUUID(), classId, ...ichiro };
			const first = await send<Outcome>(server, '/api/signups', { method: 'POST', json: body });
			const retry = await send<Outcome>(server, '/api/signups', { method: 'POST', json: body });
			expect(first.status).toBe(201);
			expect(retry.status).toBe(first.status);
			expect(retry.body).toEqual(first.body);
		});

		it('lets the same person sign up again after cancelling', async () => {
			const classId = await publish(2);
			const first = await byResident(classId, ichiro);
			const cancelled = await send(server, `/api/signups/${first.body.id}`, {
				method: 'DELETE',
				headers: { 'x-cancel-token': first.body.cancelToken }
			});
			expect(cancelled.status).toBe(200);
			expect((await byResident(classId, ichiro)).status).toBe(201);
		});

		it('seats a walk-in at a full class, counts them, and keeps seatsLeft at 0', async () => {
			const classId = await publish(2);
			await byPhone(classId, ichiro);
			await byPhone(classId, { ...ichiro, name: '佐藤 花子', nameKana: 'さとう はなこ' });
			const waiting = await byPhone(classId, {
				name: '田中 みどり',
				device: 'iphone',
				needsLoaner: false
			});
			expect(waiting.body.status).toBe('waitlisted');
			const walkIn = await byPhone(classId, {
				name: '山本 トメ',
				device: 'none',
				needsLoaner: true,
				walkIn: true
			});
			expect(walkIn.status).toBe(201);
			expect(walkIn.body).toMatchObject({ status: 'confirmed' });
			expect(walkIn.body.waitlistPosition).toBeUndefined();
			const mark = await send(server, `/api/volunteer/classes/${classId}/attendance`, {
				method: 'PUT',
				cookie,
				json: { signupId: walkIn.body.id, status: 'present', markedAt: new Date().toISOString() }
			});
			expect(mark.status, JSON.stringify(mark.body)).toBe(200);
			const roster = await rosterOf(classId);
			expect(roster.find((entry) => entry.id === walkIn.body.id)).toMatchObject({
				status: 'confirmed',
				walkIn: true,
				attendance: 'present',
				waitlistPosition: null
			});
			expect(roster.filter((entry) => entry.status === 'confirmed')).toHaveLength(3);
			expect(await publicClass(classId)).toMatchObject({ seatsLeft: 0, waitlistLength: 1 });
			// A freed seat goes to nobody while the walk-in still keeps the class over capacity.
			const first = roster[0]!;
			await send(server, `/api/volunteer/signups/${first.id}/cancel`, { method: 'POST', cookie });
			const after = await rosterOf(classId);
			expect(after.find((entry) => entry.id === waiting.body.id)?.status).toBe('waitlisted');
		});

		it('seats a walk-in once the class has begun, and refuses an ordinary late sign-up', async () => {
			const startsAt = new Date(Date.now() + 2_000);
			const made = await send<VolunteerClass>(server, '/api/volunteer/classes', {
				method: 'POST',
				cookie,
				json: {
					title: 'いま始まる教室',
					topic: '',
					venueId,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
					capacity: 1
				}
			});
			expect(made.status).toBe(201);
			await new Promise((resolve) => setTimeout(resolve, 2_500));
			const late = await byPhone(made.body.id, {
				name: '遅刻 太郎',
				device: 'none',
				needsLoaner: true
			});
			expect(late.body.error?.code).toBe('class_past');
			const walkIn = await byPhone(made.body.id, {
				name: '遅刻 太郎',
				device: 'none',
				needsLoaner: true,
				walkIn: true
			});
			expect(walkIn.status).toBe(201);
		});

		it('refuses a walk-in who is already on the list until confirmed as another person', async () => {
			const classId = await publish(2);
			const first = await byPhone(classId, ichiro);
			const walkIn = await byPhone(classId, { ...ichiro, walkIn: true });
			expect(walkIn.status).toBe(409);
			expect(walkIn.body.existing).toEqual({ id: first.body.id, status: 'confirmed' });
		});

		it('refuses walkIn and confirmDuplicate from residents (the public schema is strict)', async () => {
			const classId = await publish(2);
			const answer = await byResident(classId, { ...ichiro, walkIn: true, confirmDuplicate: true });
			expect(answer.status).toBe(400);
			expect(Object.keys(answer.body.error.fields).sort()).toEqual(['confirmDuplicate', 'walkIn']);
			const wrongType = await byPhone(classId, { ...ichiro, walkIn: 'yes' });
			expect(wrongType.status).toBe(400);
			expect(wrongType.body.error.fields).toMatchObject({ walkIn: { code: 'invalid' } });
		});

		it('marks duplicates already on the roster, and walk-ins, in the volunteer pull', async () => {
			const classId = await publish(4);
			const first = await byPhone(classId, ichiro);
			const second = await byPhone(classId, { ...ichiro, confirmDuplicate: true });
			const walkIn = await byPhone(classId, {
				name: '山本 トメ',
				device: 'none',
				needsLoaner: true,
				walkIn: true
			});
			// Entered before the duplicate check existed (as if: nobody confirmed it): flagged.
			const database = await openDatabase(databaseUrl);
			try {
				await database.run('UPDATE signups SET confirmed_distinct = 0 WHERE id = ?', [
					second.body.id
				]);
			} finally {
				await database.close();
			}
			const pulled = await send<{
				volunteer: { classes: Array<{ id: string; roster: RosterEntry[] }> };
			}>(server, `/api/sync/pull?deviceId=${randomUUID()}&cursor=0`, { cookie });
			const roster = pulled.body.volunteer.classes.find((klass) => klass.id === classId)!.roster;
			expect(roster.map((entry) => [entry.id, entry.walkIn, entry.possibleDuplicateOf])).toEqual([
				[first.body.id, false, null],
				[second.body.id, false, first.body.id],
				[walkIn.body.id, true, null]
			]);
			const direct = await rosterOf(classId);
			expect(direct.find((entry) => entry.id === second.body.id)?.possibleDuplicateOf).toBe(
				first.body.id
			);
		});

		describe('the same rules for mutations pushed from the hall tablet', () => {
			const push = (deviceId: string, mutations: object[]) =>
				send<{ answers: MutationAnswer[] }>(server, '/api/sync/push', {
					method: 'POST',
					cookie,
					json: { deviceId, mutations }
				});

			it('answers a queued duplicate with the earlier sign-up, and takes it confirmed', async () => {
				const classId = await publish(2);
				const first = await byPhone(classId, ichiro);
				const deviceId = randomUUID();
				const signupId = randomUUID();
				const args = { id: signupId, classId, ...ichiro };
				const refused = await push(deviceId, [
					{ id: randomUUID(), seq: 1, kind: 'signup.createOnBehalf', args }
				]);
				expect(refused.body.answers).toMatchObject([
					{
						status: 'rejected',
						error: { code: 'possible_duplicate' },
						current: { id: first.body.id, status: 'confirmed' }
					}
				]);
				const confirmed = await push(deviceId, [
					{
						id: randomUUID(),
						seq: 2,
						kind: 'signup.createOnBehalf',
						args: { ...args, confirmDuplicate: true }
					}
				]);
				expect(confirmed.body.answers).toMatchObject([
					{ status: 'applied', result: { id: signupId, status: 'confirmed' } }
				]);
			});

			it('seats a queued walk-in at a full class and marks them present', async () => {
				const classId = await publish(1);
				await byPhone(classId, ichiro);
				const deviceId = randomUUID();
				const signupId = randomUUID();
				const answers = await push(deviceId, [
					{
						id: randomUUID(),
						seq: 1,
						kind: 'signup.createOnBehalf',
						args: {
							id: signupId,
							classId,
							name: '山本 トメ',
							device: 'none',
							needsLoaner: true,
							walkIn: true
						}
					},
					{
						id: randomUUID(),
						seq: 2,
						kind: 'attendance.set',
						args: { classId, signupId, status: 'present', markedAt: new Date().toISOString() }
					}
				]);
				expect(answers.body.answers).toMatchObject([
					{ status: 'applied', result: { status: 'confirmed' } },
					{ status: 'applied', result: { status: 'present' } }
				]);
				expect(await publicClass(classId)).toMatchObject({ seatsLeft: 0, waitlistLength: 0 });
			});

			it('tells a resident phone its second sign-up is already there', async () => {
				const classId = await publish(2);
				await byResident(classId, ichiro);
				const answers = await send<{ answers: MutationAnswer[] }>(server, '/api/sync/push', {
					method: 'POST',
					json: {
						deviceId: randomUUID(),
						mutations: [
							{
								id: randomUUID(),
								seq: 1,
								kind: 'signup.create',
								args: { id: randomUUID(), classId, ...ichiro }
							}
						]
					}
				});
				expect(answers.body.answers).toMatchObject([
					{
						status: 'rejected',
						error: { code: 'already_signed_up' },
						current: { status: 'confirmed' }
					}
				]);
			});
		});
	});
}
