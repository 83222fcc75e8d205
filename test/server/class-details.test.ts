import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getClass, type VolunteerClass } from '$lib/server/classes';
import type { PublicClass } from '$lib/server/signups';
import type { Database } from '$lib/server/storage/database';
import { pullChanges, pushMutations, type Pusher } from '$lib/server/sync';
import { requireBuild, stopAllServers, type AppServer } from './app-server';
import { backends } from './backends';
import { send as sendRaw, serverWithAdmin, type Answer } from './http-client';
import { migratedDatabase, testVenue, testVolunteer } from './seed';

// 持ち物, 参加費 and tutors assigned by name (issue 15, item 8): through the sync mutations
// (class.create, class.patch) and the pulls, then through the REST endpoints, on each backend.

type ErrorBody = {
	error: { code: string; message: string; fields: Record<string, { code: string }> };
	current?: VolunteerClass;
};

const send = <T = ErrorBody>(...args: Parameters<typeof sendRaw>): Promise<Answer<T>> =>
	sendRaw<T>(...args);

const hour = 60 * 60 * 1000;
const day = 24 * hour;
// 12 digits with a valid 個人番号 check digit (the guard's own test number).
const individualNumber = '1234 5678 9018';

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`class details on ${backend.name}`, () => {
		describe('through sync mutations', () => {
			const now = new Date();
			let database: Database;
			let remove: (() => Promise<void>) | undefined;
			let venueId: string;
			let tutorA: string;
			let tutorB: string;
			let pusher: Pusher;
			let seq = 0;

			beforeAll(async () => {
				({ database, remove } = await migratedDatabase(backend));
				venueId = await testVenue(database, now);
				tutorA = await testVolunteer(database, now, '佐藤 まもる');
				tutorB = await testVolunteer(database, now, '鈴木 はるか');
				pusher = { deviceId: randomUUID(), volunteerId: tutorA };
			});

			afterAll(async () => {
				await remove?.();
			});

			const push = async (kind: string, args: unknown) => {
				const [answer] = await pushMutations(database, {
					pusher,
					mutations: [{ id: randomUUID(), seq: ++seq, kind, args } as never],
					now,
					key: 'test-key',
					locale: 'en'
				});
				return answer!;
			};

			const classArgs = (extra: Record<string, unknown> = {}) => {
				const startsAt = new Date(now.getTime() + 3 * day);
				return {
					id: randomUUID(),
					title: 'スマホ教室',
					topic: 'LINE',
					venueId,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
					capacity: 8,
					...extra
				};
			};

			it('creates a class with 持ち物 (and its reading), 無料 and two tutors, and both pulls carry them', async () => {
				const args = classArgs({
					bring: '筆記用具',
					bringReadings: [['筆記用具', 'ひっきようぐ']],
					fee: '',
					tutorIds: [tutorB, tutorA]
				});
				const answer = await push('class.create', args);
				expect(answer.status, JSON.stringify(answer)).toBe('applied');

				const pulled = await pullChanges(database, {
					deviceId: randomUUID(),
					cursor: 0,
					volunteer: true,
					now
				});
				const listed = pulled.classes.find((klass) => klass.id === args.id) as PublicClass;
				expect(listed).toMatchObject({
					bring: '筆記用具',
					bringReadings: [['筆記用具', 'ひっきようぐ']],
					fee: ''
				});
				// Residents are not told who the tutors are.
				expect(listed).not.toHaveProperty('tutorIds');
				const desk = pulled.volunteer!.classes.find((klass) => klass.id === args.id)!;
				expect(desk).toMatchObject({ bring: '筆記用具', fee: '', tutorIds: [tutorB, tutorA] });
				// The tablet can pick tutors offline: the town's volunteers, id and name.
				expect(pulled.volunteer!.volunteers).toEqual(
					expect.arrayContaining([
						{ id: tutorA, name: '佐藤 まもる' },
						{ id: tutorB, name: '鈴木 はるか' }
					])
				);
				const residentPull = await pullChanges(database, {
					deviceId: randomUUID(),
					cursor: 0,
					volunteer: false,
					now
				});
				expect(residentPull.volunteer).toBeUndefined();
			});

			it('patches the details on a stale version (last write wins), and a class without a fee says none', async () => {
				const args = classArgs();
				expect((await push('class.create', args)).status).toBe('applied');
				expect(await getClass(database, args.id)).toMatchObject({
					bring: '',
					fee: null,
					tutorIds: []
				});
				// Another volunteer's change of title makes version 2.
				expect(
					(
						await push('class.patch', {
							classId: args.id,
							baseVersion: 1,
							changes: { title: 'スマホ教室（写真）' }
						})
					).status
				).toBe('applied');
				const answer = await push('class.patch', {
					classId: args.id,
					baseVersion: 1,
					changes: { bring: '充電器', fee: '300円（資料代）', tutorIds: [tutorA] }
				});
				expect(answer.status, JSON.stringify(answer)).toBe('applied');
				expect(await getClass(database, args.id)).toMatchObject({
					title: 'スマホ教室（写真）',
					bring: '充電器',
					fee: '300円（資料代）',
					tutorIds: [tutorA],
					version: 3
				});
				// Tutors alone are a change too; an empty list removes them.
				const cleared = await push('class.patch', {
					classId: args.id,
					baseVersion: 3,
					changes: { tutorIds: [] }
				});
				expect(cleared.status).toBe('applied');
				expect(await getClass(database, args.id)).toMatchObject({ tutorIds: [], version: 4 });
			});

			it('refuses an unknown tutor id and writes nothing', async () => {
				const args = classArgs({ bring: '眼鏡', tutorIds: [tutorA, randomUUID()] });
				const answer = await push('class.create', args);
				expect(answer.status).toBe('rejected');
				expect(answer.error?.code).toBe('tutor_not_found');
				expect(await getClass(database, args.id)).toBeNull();

				const made = classArgs({ tutorIds: [tutorA] });
				expect((await push('class.create', made)).status).toBe('applied');
				const patched = await push('class.patch', {
					classId: made.id,
					baseVersion: 1,
					changes: { bring: '眼鏡', tutorIds: [randomUUID()] }
				});
				expect(patched.error?.code).toBe('tutor_not_found');
				expect(await getClass(database, made.id)).toMatchObject({
					bring: '',
					tutorIds: [tutorA],
					version: 1
				});
			});

			it('refuses bad details with localized field codes', async () => {
				const cases: Array<[Record<string, unknown>, string, string]> = [
					[{ bring: `${individualNumber} を持ってくる` }, 'bring', 'individual_number'],
					[{ fee: individualNumber }, 'fee', 'individual_number'],
					[{ bring: 'あ'.repeat(201) }, 'bring', 'too_long'],
					[{ fee: '円'.repeat(61) }, 'fee', 'too_long'],
					[{ fee: 300 }, 'fee', 'invalid'],
					[{ tutorIds: [tutorA, tutorA] }, 'tutorIds', 'invalid'],
					[{ tutorIds: ['not-an-id'] }, 'tutorIds', 'invalid'],
					[{ bring: '眼鏡', bringReadings: [['筆記', 'ひっき']] }, 'bringReadings', 'invalid']
				];
				for (const [extra, field, code] of cases) {
					const args = classArgs(extra);
					const answer = await push('class.create', args);
					expect(answer.status, field).toBe('rejected');
					expect(answer.error?.code).toBe('invalid_input');
					expect(answer.error?.fields[field], JSON.stringify(answer.error)).toMatchObject({ code });
					expect(await getClass(database, args.id)).toBeNull();
				}
			});
		});

		describe('through the REST endpoints', () => {
			let server: AppServer;
			let cookie: string;
			let drop: (() => Promise<void>) | undefined;
			let venueId: string;
			let adminId: string;
			let helperId: string;
			const startsAt = new Date(Date.now() + 5 * day);
			const adminEmail = 'admin@test.example';
			const adminPassword = `${randomBytes(18).toString('base64url')}-Aa1`;

			beforeAll(async () => {
				({ server, cookie, drop } = await serverWithAdmin(backend, {
					email: adminEmail,
					password: adminPassword
				}));
				const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
					method: 'POST',
					cookie,
					json: { name: 'テスト公民館', address: 'みどり県みどり町テスト1-1（架空の住所）' }
				});
				venueId = venue.body.id;
				const me = await send<{ volunteer: { id: string } }>(server, '/api/volunteer/me', {
					cookie
				});
				adminId = me.body.volunteer.id;
				const helper = await send<{ id: string }>(server, '/api/volunteer/volunteers', {
					method: 'POST',
					cookie,
					json: {
						email: `helper-${randomUUID()}@test.example`,
						name: '鈴木 はるか',
						role: 'volunteer',
						password: `${randomBytes(12).toString('base64url')}-Zz9`
					}
				});
				expect(helper.status, JSON.stringify(helper.body)).toBe(201);
				helperId = helper.body.id;
			});

			afterAll(async () => {
				await drop?.();
			});

			const classBody = (extra: Record<string, unknown> = {}) => ({
				title: 'スマホ教室',
				topic: '写真',
				venueId,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
				capacity: 6,
				...extra
			});

			it('round-trips 持ち物, 無料 and tutors through POST, GET, PATCH and the public list', async () => {
				const created = await send<VolunteerClass>(server, '/api/volunteer/classes', {
					method: 'POST',
					cookie,
					json: classBody({ bring: '筆記用具', fee: '', tutorIds: [adminId, helperId] })
				});
				expect(created.status, JSON.stringify(created.body)).toBe(201);
				expect(created.body).toMatchObject({
					bring: '筆記用具',
					fee: '',
					tutorIds: [adminId, helperId]
				});
				const id = created.body.id;

				const patched = await send<VolunteerClass>(server, `/api/volunteer/classes/${id}`, {
					method: 'PATCH',
					cookie,
					json: { baseVersion: 1, changes: { fee: '100円', tutorIds: [helperId] } }
				});
				expect(patched.status, JSON.stringify(patched.body)).toBe(200);
				expect(patched.body).toMatchObject({
					bring: '筆記用具',
					fee: '100円',
					tutorIds: [helperId],
					version: 2
				});
				const fetched = await send<VolunteerClass>(server, `/api/volunteer/classes/${id}`, {
					cookie
				});
				expect(fetched.body).toMatchObject({ fee: '100円', tutorIds: [helperId] });

				const list = await send<{ classes: PublicClass[] }>(server, '/api/classes');
				expect(list.body.classes.find((klass) => klass.id === id)).toMatchObject({
					bring: '筆記用具',
					fee: '100円'
				});
			});

			it('refuses bad details with codes and messages in the request language', async () => {
				const guarded = await send(server, '/api/volunteer/classes?lang=en', {
					method: 'POST',
					cookie,
					json: classBody({ bring: `番号 ${individualNumber}` })
				});
				expect(guarded.status).toBe(400);
				expect(guarded.body.error.code).toBe('invalid_input');
				expect(guarded.body.error.fields.bring).toMatchObject({ code: 'individual_number' });
				expect(guarded.body.error.message).toMatch(/[A-Za-z]/);

				const tooLong = await send(server, '/api/volunteer/classes', {
					method: 'POST',
					cookie,
					json: classBody({ fee: 'x'.repeat(61) })
				});
				expect(tooLong.status).toBe(400);
				expect(tooLong.body.error.fields.fee).toMatchObject({ code: 'too_long' });

				const unknownField = await send(server, '/api/volunteer/classes', {
					method: 'POST',
					cookie,
					json: classBody({ tutors_names: ['佐藤'] })
				});
				expect(unknownField.status).toBe(400);
				expect(unknownField.body.error.fields.tutors_names).toMatchObject({
					code: 'unknown_field'
				});
			});

			it('answers 404 for tutors who are not volunteers and for another class, writing nothing', async () => {
				const stranger = randomUUID();
				const refused = await send(server, '/api/volunteer/classes', {
					method: 'POST',
					cookie,
					json: classBody({ title: '講師のいない教室', tutorIds: [stranger] })
				});
				expect(refused.status).toBe(404);
				expect(refused.body.error.code).toBe('tutor_not_found');
				expect(refused.body.error.message).toContain('講師');
				const list = await send<{ classes: PublicClass[] }>(server, '/api/classes');
				expect(list.body.classes.some((klass) => klass.title === '講師のいない教室')).toBe(false);

				const made = await send<VolunteerClass>(server, '/api/volunteer/classes', {
					method: 'POST',
					cookie,
					json: classBody({ tutorIds: [adminId] })
				});
				const patch = await send(server, `/api/volunteer/classes/${made.body.id}`, {
					method: 'PATCH',
					cookie,
					json: { baseVersion: 1, changes: { bring: '眼鏡', tutorIds: [stranger] } }
				});
				expect(patch.status).toBe(404);
				expect(patch.body.error.code).toBe('tutor_not_found');
				const after = await send<VolunteerClass>(server, `/api/volunteer/classes/${made.body.id}`, {
					cookie
				});
				expect(after.body).toMatchObject({ bring: '', tutorIds: [adminId], version: 1 });

				const other = await send(server, `/api/volunteer/classes/${randomUUID()}`, {
					method: 'PATCH',
					cookie,
					json: { baseVersion: 1, changes: { fee: '' } }
				});
				expect(other.status).toBe(404);
				expect(other.body.error.code).toBe('class_not_found');
			});
		});
	});
}
