import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VolunteerClass } from '$lib/server/classes';
import { requireBuild, stopAllServers, type AppServer } from './app-server';
import { send as sendRaw, serverWithAdmin, type Answer } from './http-client';
import { backends } from './backends';

type ErrorBody = {
	error: { code: string; message: string; fields: Record<string, { code: string }> };
	current?: VolunteerClass;
};

/** Sends one request; error answers are typed as the contract's error body by default. */
const send = <T = ErrorBody>(...args: Parameters<typeof sendRaw>): Promise<Answer<T>> =>
	sendRaw<T>(...args);

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const adminEmail = 'admin@test.example';
const adminPassword = `${randomBytes(18).toString('base64url')}-Aa1`;

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

// SQLite only: the PostgreSQL paths are covered by classes.test.ts; this is about HTTP.
const sqlite = backends.find((backend) => backend.name === 'sqlite')!;

describe.skipIf(sqlite.skipReason !== null)('class management over HTTP on sqlite', () => {
	let server: AppServer;
	let cookie: string;
	let venueId: string;
	let drop: (() => Promise<void>) | undefined;
	const startsAt = new Date(Date.now() + 7 * day);
	const classBody = () => ({
		title: 'スマホ教室',
		topic: 'LINEの使い方',
		venueId,
		startsAt: startsAt.toISOString(),
		endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
		capacity: 1
	});

	beforeAll(async () => {
		({ server, cookie, drop } = await serverWithAdmin(sqlite, {
			email: adminEmail,
			password: adminPassword
		}));
		const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
			method: 'POST',
			cookie,
			json: { name: 'テスト公民館', address: 'みどり県みどり町テスト1-1（架空の住所）' }
		});
		expect(venue.status, JSON.stringify(venue.body)).toBe(201);
		venueId = venue.body.id;
	});

	afterAll(async () => {
		await drop?.();
	});

	const publish = () =>
		send<VolunteerClass>(server, '/api/volunteer/classes', {
			method: 'POST',
			cookie,
			json: classBody()
		});

	/** Signs a resident up through the public API. */
	const signUp = (classId: string, name: string) =>
		send<{ id: string; status: string }>(server, '/api/signups', {
			method: 'POST',
			json: {
				id: randomUUID(),
				classId,
				name,
				nameKana: 'やまだ はなこ',
				phone: '090-1234-5678',
				device: 'iphone',
				needsLoaner: true,
				needs: ['sight', 'hearing'],
				note: ''
			}
		});

	describe('POST /api/volunteer/venues', () => {
		it('answers 201 with the venue and its id', async () => {
			const venue = await send(server, '/api/volunteer/venues', {
				method: 'POST',
				cookie,
				json: { name: '第二会場', address: 'みどり県みどり町テスト3-3' }
			});
			expect(venue.status).toBe(201);
			expect(venue.body).toEqual({
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				name: '第二会場',
				address: 'みどり県みどり町テスト3-3'
			});
		});
	});

	describe('PATCH and DELETE /api/volunteer/venues/[id]', () => {
		it('renames a venue, refuses to remove it while a class is ahead there, removes it after', async () => {
			const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
				method: 'POST',
				cookie,
				json: { name: '旧会場', address: 'みどり県みどり町テスト4-4' }
			});
			const id = venue.body.id;
			const renamed = await send(server, `/api/volunteer/venues/${id}`, {
				method: 'PATCH',
				cookie,
				json: { name: '新会場' }
			});
			expect(renamed.status).toBe(200);
			expect(renamed.body).toEqual({ id, name: '新会場', address: 'みどり県みどり町テスト4-4' });

			const empty = await send(server, `/api/volunteer/venues/${id}`, {
				method: 'PATCH',
				cookie,
				json: {}
			});
			expect(empty.status).toBe(400);

			const klass = await send<VolunteerClass>(server, '/api/volunteer/classes', {
				method: 'POST',
				cookie,
				json: { ...classBody(), venueId: id }
			});
			const inUse = await send(server, `/api/volunteer/venues/${id}`, { method: 'DELETE', cookie });
			expect(inUse.status).toBe(409);
			expect(inUse.body.error.code).toBe('venue_in_use');
			expect(inUse.body.error.message).toContain('会場');

			await send(server, `/api/volunteer/classes/${klass.body.id}/cancel`, {
				method: 'POST',
				cookie
			});
			const removed = await send(server, `/api/volunteer/venues/${id}`, {
				method: 'DELETE',
				cookie
			});
			expect(removed.status).toBe(204);
			const again = await send(server, `/api/volunteer/classes`, {
				method: 'POST',
				cookie,
				json: { ...classBody(), venueId: id }
			});
			expect(again.body.error.code).toBe('venue_not_found');
		});
	});

	describe('POST /api/volunteer/classes', () => {
		it('answers 201 with the class at version 1', async () => {
			const created = await publish();
			expect(created.status, JSON.stringify(created.body)).toBe(201);
			expect(created.body).toMatchObject({
				...classBody(),
				id: expect.any(String),
				lessonIds: [],
				status: 'scheduled',
				version: 1
			});
			const read = await send(server, `/api/volunteer/classes/${created.body.id}`, { cookie });
			expect(read.body).toEqual(created.body);
		});

		it('answers 404 venue_not_found for an unknown venue', async () => {
			const answer = await send(server, '/api/volunteer/classes', {
				method: 'POST',
				cookie,
				json: { ...classBody(), venueId: randomUUID() }
			});
			expect(answer.status).toBe(404);
			expect(answer.body.error.code).toBe('venue_not_found');
		});

		it.each([
			['before', -hour],
			['at', 0]
		])('answers 400 ends_before_start when endsAt is %s startsAt', async (_when, offset) => {
			const answer = await send(server, '/api/volunteer/classes', {
				method: 'POST',
				cookie,
				json: { ...classBody(), endsAt: new Date(startsAt.getTime() + offset).toISOString() }
			});
			expect(answer.status).toBe(400);
			expect(answer.body.error.code).toBe('invalid_input');
			expect(answer.body.error.fields.endsAt?.code).toBe('ends_before_start');
		});
	});

	describe('PATCH /api/volunteer/classes/[id]', () => {
		it('answers a stale capacity change 409 conflict with the current class', async () => {
			const { body: klass } = await publish();
			const path = `/api/volunteer/classes/${klass.id}`;
			const first = await send<VolunteerClass>(server, path, {
				method: 'PATCH',
				cookie,
				json: { baseVersion: 1, changes: { capacity: 3 } }
			});
			expect(first.status).toBe(200);
			expect(first.body).toMatchObject({ capacity: 3, version: 2 });
			const stale = await send(server, path, {
				method: 'PATCH',
				cookie,
				json: { baseVersion: 1, changes: { capacity: 5 } }
			});
			expect(stale.status).toBe(409);
			expect(stale.body).toEqual({
				error: { code: 'conflict', message: expect.any(String), fields: {} },
				current: first.body
			});
		});
	});

	describe('PATCH /api/volunteer/classes/[id] with an end before the start', () => {
		it('answers 400 ends_before_start on endsAt, not a 409 conflict', async () => {
			const { body: klass } = await publish();
			const answer = await send(server, `/api/volunteer/classes/${klass.id}`, {
				method: 'PATCH',
				cookie,
				json: {
					baseVersion: 1,
					changes: { endsAt: new Date(startsAt.getTime() - hour).toISOString() }
				}
			});
			expect(answer.status).toBe(400);
			expect(answer.body.error.fields.endsAt?.code).toBe('ends_before_start');
		});
	});

	describe('roster', () => {
		let classId: string;

		beforeAll(async () => {
			const { body: klass } = await publish();
			classId = klass.id;
			expect((await signUp(classId, '山田 花子')).body.status).toBe('confirmed');
			expect((await signUp(classId, '=HYPERLINK("http://evil.example","x")')).status).toBe(201);
		});

		it('GET roster answers the class and its sign-ups, never cached', async () => {
			const answer = await send<{ class: VolunteerClass; signups: unknown[] }>(
				server,
				`/api/volunteer/classes/${classId}/roster`,
				{ cookie }
			);
			expect(answer.status).toBe(200);
			expect(answer.headers.get('cache-control')).toBe('no-store');
			expect(answer.body.class.id).toBe(classId);
			expect(answer.body.signups).toMatchObject([
				{ name: '山田 花子', status: 'confirmed', waitlistPosition: null, attendance: null },
				{ status: 'waitlisted', waitlistPosition: 1, attendance: null }
			]);
		});

		it('GET roster.csv is UTF-8 with a BOM, CRLF, Japanese headers, formulas defused', async () => {
			const answer = await send<string>(server, `/api/volunteer/classes/${classId}/roster.csv`, {
				cookie
			});
			expect(answer.status).toBe(200);
			expect(answer.headers.get('cache-control')).toBe('no-store');
			expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
			expect([...answer.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const text = answer.bytes.subarray(3).toString('utf8');
			const lines = text.split('\r\n');
			expect(text.replace(/\r\n/g, '')).not.toContain('\n');
			expect(lines[0]).toBe('状況,待ち順,名前,ふりがな,電話,スマホ,貸出端末,配慮,メモ,出欠');
			expect(lines[1]).toBe(
				'参加,,山田 花子,やまだ はなこ,090-1234-5678,iPhone,必要,見えにくい・聞こえにくい,,'
			);
			expect(lines[2]).toMatch(
				/^キャンセル待ち,1,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",/
			);
			expect(lines.slice(3)).toEqual(['']);
		});

		it('GET roster of an unknown class answers 404 class_not_found', async () => {
			for (const suffix of ['roster', 'roster.csv']) {
				const answer = await send(server, `/api/volunteer/classes/${randomUUID()}/${suffix}`, {
					cookie
				});
				expect(answer.status).toBe(404);
				expect(answer.body.error.code).toBe('class_not_found');
			}
		});
	});

	describe('POST /api/volunteer/classes/[id]/cancel', () => {
		it('answers the cancelled class, and the same again the second time', async () => {
			const { body: klass } = await publish();
			const path = `/api/volunteer/classes/${klass.id}/cancel`;
			const first = await send<VolunteerClass>(server, path, { method: 'POST', cookie });
			expect(first.status).toBe(200);
			expect(first.body).toMatchObject({ status: 'cancelled', version: 2 });
			const second = await send<VolunteerClass>(server, path, { method: 'POST', cookie });
			expect(second.body).toEqual(first.body);
		});
	});

	describe('POST /api/volunteer/classes/[id]/signups (a resident phoned the hall)', () => {
		const phoned = () => ({
			id: randomUUID(),
			name: '電話 花子',
			nameKana: 'でんわ はなこ',
			phone: '0120-000-000',
			device: 'none',
			needsLoaner: true
		});

		it('signs up with the public rules and answer, and a retry creates nothing', async () => {
			const { body: klass } = await publish();
			const body = phoned();
			const path = `/api/volunteer/classes/${klass.id}/signups`;
			const first = await send<{ id: string; status: string; cancelToken: string }>(server, path, {
				method: 'POST',
				cookie,
				json: body
			});
			expect(first.status).toBe(201);
			expect(first.body).toMatchObject({ id: body.id, status: 'confirmed' });
			const again = await send(server, path, { method: 'POST', cookie, json: body });
			expect(again.status).toBe(200);
			expect(again.body).toEqual(first.body);
			// The class has one seat: the next caller waits.
			const next = await send<{ status: string; waitlistPosition: number }>(server, path, {
				method: 'POST',
				cookie,
				json: phoned()
			});
			expect(next.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
			const roster = await send<{ signups: Array<{ id: string; name: string }> }>(
				server,
				`/api/volunteer/classes/${klass.id}/roster`,
				{ cookie }
			);
			expect(roster.body.signups.map((entry) => entry.name)).toEqual(['電話 花子', '電話 花子']);
		});

		it('refuses a classId in the body (unknown_field) and a cancelled class (409)', async () => {
			const { body: klass } = await publish();
			const path = `/api/volunteer/classes/${klass.id}/signups`;
			const withClass = await send(server, path, {
				method: 'POST',
				cookie,
				json: { ...phoned(), classId: klass.id }
			});
			expect(withClass.status).toBe(400);
			expect(withClass.body.error.fields.classId?.code).toBe('unknown_field');
			await send(server, `/api/volunteer/classes/${klass.id}/cancel`, { method: 'POST', cookie });
			const cancelled = await send(server, path, { method: 'POST', cookie, json: phoned() });
			expect(cancelled.status).toBe(409);
			expect(cancelled.body.error.code).toBe('class_cancelled');
		});
	});

	describe('POST /api/volunteer/signups/[id]/cancel (a resident phoned to cancel)', () => {
		it('cancels without the token and gives the seat to the first waiting', async () => {
			const { body: klass } = await publish();
			const first = await signUp(klass.id, '山田 花子');
			const second = await signUp(klass.id, '佐藤 一郎');
			expect(second.body.status).toBe('waitlisted');
			const answer = await send<{ status: string; promoted: string[] }>(
				server,
				`/api/volunteer/signups/${first.body.id}/cancel`,
				{ method: 'POST', cookie }
			);
			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({
				id: first.body.id,
				status: 'cancelled',
				promoted: [second.body.id]
			});
			const unknown = await send(server, `/api/volunteer/signups/${randomUUID()}/cancel`, {
				method: 'POST',
				cookie
			});
			expect(unknown.status).toBe(404);
		});
	});

	describe('PUT /api/volunteer/classes/[id]/attendance', () => {
		type Mark = { signupId: string; status: string; markedAt: string };
		const mark = (classId: string, body: unknown) =>
			send<Mark>(server, `/api/volunteer/classes/${classId}/attendance`, {
				method: 'PUT',
				cookie,
				json: body
			});

		it('keeps the latest mark, whichever tablet sends it first', async () => {
			const { body: klass } = await publish();
			const { body: signup } = await signUp(klass.id, '山田 花子');
			const later = new Date(Date.now() - 60_000).toISOString();
			const earlier = new Date(Date.now() - 120_000).toISOString();
			const first = await mark(klass.id, {
				signupId: signup.id,
				status: 'present',
				markedAt: later
			});
			expect(first.status).toBe(200);
			expect(first.body).toMatchObject({ status: 'present', markedAt: later });
			// A tablet that was offline sends an older mark afterwards: it does not win.
			const stale = await mark(klass.id, {
				signupId: signup.id,
				status: 'absent',
				markedAt: earlier
			});
			expect(stale.body).toMatchObject({ status: 'present', markedAt: later });
			const roster = await send<{ signups: Array<{ id: string; attendance: string | null }> }>(
				server,
				`/api/volunteer/classes/${klass.id}/roster`,
				{ cookie }
			);
			expect(roster.body.signups).toMatchObject([{ id: signup.id, attendance: 'present' }]);
			const csv = await send<string>(server, `/api/volunteer/classes/${klass.id}/roster.csv`, {
				cookie
			});
			expect(csv.bytes.toString('utf8').split('\r\n')[1]).toMatch(/,出席$/);
		});

		it('does not let a clock running ahead make a mark unbeatable', async () => {
			const { body: klass } = await publish();
			const { body: signup } = await signUp(klass.id, '山田 花子');
			const future = new Date(Date.now() + 365 * day).toISOString();
			const ahead = await mark(klass.id, {
				signupId: signup.id,
				status: 'absent',
				markedAt: future
			});
			expect(new Date(ahead.body.markedAt).getTime()).toBeLessThanOrEqual(Date.now());
			await new Promise((done) => setTimeout(done, 5));
			const now = await mark(klass.id, {
				signupId: signup.id,
				status: 'present',
				markedAt: new Date().toISOString()
			});
			expect(now.body.status).toBe('present');
		});

		it('refuses a sign-up of another class (404) and bad input (400)', async () => {
			const { body: klass } = await publish();
			const { body: other } = await publish();
			const { body: signup } = await signUp(other.id, '山田 花子');
			const elsewhere = await mark(klass.id, {
				signupId: signup.id,
				status: 'present',
				markedAt: new Date().toISOString()
			});
			expect(elsewhere.status).toBe(404);
			const bad = await send(server, `/api/volunteer/classes/${klass.id}/attendance`, {
				method: 'PUT',
				cookie,
				json: { signupId: signup.id, status: 'late', markedAt: 'noon' }
			});
			expect(bad.status).toBe(400);
			expect(Object.keys(bad.body.error.fields).sort()).toEqual(['markedAt', 'status']);
		});
	});

	describe('PUT /api/volunteer/classes/[id]/contacts', () => {
		type Tick = { signupId: string; done: boolean; markedAt: string; markedBy: string };
		const tick = (classId: string, body: unknown) =>
			send<Tick>(server, `/api/volunteer/classes/${classId}/contacts`, {
				method: 'PUT',
				cookie,
				json: body
			});

		it('keeps the latest tick, an untick included, and the pull-side roster carries it', async () => {
			const { body: klass } = await publish();
			const { body: signup } = await signUp(klass.id, '山田 花子');
			const later = new Date(Date.now() - 60_000).toISOString();
			const earlier = new Date(Date.now() - 120_000).toISOString();
			const untick = await tick(klass.id, { signupId: signup.id, done: false, markedAt: later });
			expect(untick.status).toBe(200);
			expect(untick.body).toMatchObject({ done: false, markedAt: later });
			const stale = await tick(klass.id, { signupId: signup.id, done: true, markedAt: earlier });
			expect(stale.body).toMatchObject({ done: false, markedAt: later });
			const roster = await send<{ signups: Array<{ id: string; contact: unknown }> }>(
				server,
				`/api/volunteer/classes/${klass.id}/roster`,
				{ cookie }
			);
			expect(roster.body.signups).toMatchObject([
				{ id: signup.id, contact: { done: false, markedAt: later } }
			]);
		});

		it('refuses a sign-up of another class or none (404) and bad input (400)', async () => {
			const { body: klass } = await publish();
			const { body: other } = await publish();
			const { body: signup } = await signUp(other.id, '山田 花子');
			const markedAt = new Date().toISOString();
			const elsewhere = await tick(klass.id, { signupId: signup.id, done: true, markedAt });
			expect(elsewhere.status).toBe(404);
			const unknownClass = await tick(randomUUID(), { signupId: signup.id, done: true, markedAt });
			expect(unknownClass.status).toBe(404);
			const bad = await send(server, `/api/volunteer/classes/${other.id}/contacts`, {
				method: 'PUT',
				cookie,
				json: { signupId: signup.id, done: 'yes', markedAt: 'noon', note: '留守' }
			});
			expect(bad.status).toBe(400);
		});
	});

	describe('without a login', () => {
		it('answers 401 to every class-management endpoint and changes nothing', async () => {
			const { body: klass } = await publish();
			const id = klass.id;
			const calls: Array<[string, string, unknown?]> = [
				['POST', '/api/volunteer/venues', { name: '無断', address: 'どこか' }],
				['POST', '/api/volunteer/classes', classBody()],
				['GET', `/api/volunteer/classes/${id}`],
				['PATCH', `/api/volunteer/classes/${id}`, { baseVersion: 1, changes: { title: '無断' } }],
				['POST', `/api/volunteer/classes/${id}/cancel`],
				['GET', `/api/volunteer/classes/${id}/roster`],
				['GET', `/api/volunteer/classes/${id}/roster.csv`],
				[
					'POST',
					`/api/volunteer/classes/${id}/signups`,
					{ id: randomUUID(), name: '無断', device: 'none', needsLoaner: false }
				],
				[
					'PUT',
					`/api/volunteer/classes/${id}/attendance`,
					{ signupId: randomUUID(), status: 'present', markedAt: new Date().toISOString() }
				],
				[
					'PUT',
					`/api/volunteer/classes/${id}/contacts`,
					{ signupId: randomUUID(), done: true, markedAt: new Date().toISOString() }
				],
				['POST', `/api/volunteer/signups/${randomUUID()}/cancel`]
			];
			for (const [method, path, json] of calls) {
				const answer = await send(server, path, { method, json });
				expect(answer.status, `${method} ${path}`).toBe(401);
				expect(answer.bytes.toString('utf8')).not.toContain('山田');
			}
			const after = await send(server, `/api/volunteer/classes/${id}`, { cookie });
			expect(after.body).toEqual(klass);
		});
	});
});
