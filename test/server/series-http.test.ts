// Courses over HTTP, on SQLite and PostgreSQL (issue 16, item 1): the endpoint contract stays
// as it is — `POST /api/signups` with any session's `classId` signs the person up for the
// course (the same 201 answer, the same answer to a retry), `GET /api/classes` keeps its
// fields and adds `series` — and a series made by a volunteer's push.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, stopAllServers, type AppServer } from './app-server';
import { backends } from './backends';
import { send, serverWithAdmin } from './http-client';

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const admin = {
	email: 'course-admin@test.example',
	password: `${randomBytes(18).toString('base64url')}-Aa1`
};

type Listed = {
	id: string;
	title: string;
	startsAt: string;
	endsAt: string;
	venue: { id: string };
	capacity: number;
	seatsLeft: number;
	waitlistLength: number;
	status: string;
	series?: { id: string; kind: string; position: number; sessions: number };
};

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`courses over HTTP on ${backend.name}`, () => {
		let server: AppServer;
		let cookie: string;
		let drop: (() => Promise<void>) | undefined;
		const seriesId = randomUUID();
		const sessions = Array.from({ length: 4 }, (_, index) => {
			const startsAt = new Date(Date.now() + (7 + 7 * index) * day);
			return {
				id: randomUUID(),
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString()
			};
		});

		beforeAll(async () => {
			({ server, cookie, drop } = await serverWithAdmin(backend, admin));
			const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
				method: 'POST',
				cookie,
				json: { name: '中央公民館', address: 'みどり県みどり町中央1-1（架空の住所）' }
			});
			const first = sessions[0] as (typeof sessions)[number];
			const pushed = await send<{ answers: Array<{ status: string }> }>(server, '/api/sync/push', {
				method: 'POST',
				cookie,
				json: {
					deviceId: randomUUID(),
					mutations: [
						{
							id: randomUUID(),
							seq: 1,
							kind: 'series.create',
							args: {
								id: seriesId,
								kind: 'course',
								klass: {
									title: '全4回 スマホ入門',
									topic: '電話・LINE・カメラ・地図',
									venueId: venue.body.id,
									startsAt: first.startsAt,
									endsAt: first.endsAt,
									capacity: 1
								},
								sessions
							}
						}
					]
				}
			});
			expect(pushed.body.answers[0]?.status, JSON.stringify(pushed.body)).toBe('applied');
		});

		afterAll(async () => {
			await drop?.();
		});

		it('lists every session with the contract fields and the course', async () => {
			const { body } = await send<{ classes: Listed[] }>(server, '/api/classes');
			const listed = body.classes.filter((klass) => klass.series?.id === seriesId);
			expect(listed.map((klass) => klass.id)).toEqual(sessions.map((session) => session.id));
			for (const [index, klass] of listed.entries()) {
				expect(Object.keys(klass)).toEqual(
					expect.arrayContaining([
						'id',
						'title',
						'startsAt',
						'endsAt',
						'venue',
						'capacity',
						'seatsLeft',
						'waitlistLength',
						'status'
					])
				);
				expect(klass.series).toEqual({
					id: seriesId,
					kind: 'course',
					position: index + 1,
					sessions: 4
				});
			}
		});

		it('signs up for the course through any session: 201, a safe retry, its waiting list', async () => {
			const person = (n: number, classId: string) => ({
				id: randomUUID(),
				classId,
				name: `田中 はる${n}`,
				nameKana: `たなか はる${'いにさ'[n]}`,
				phone: `090-5555-000${n}`,
				device: 'android',
				needsLoaner: false
			});
			const first = person(0, sessions[2]?.id ?? '');
			const answer = await send<{ id: string; status: string; cancelToken: string }>(
				server,
				'/api/signups',
				{ method: 'POST', json: first }
			);
			expect(answer.status).toBe(201);
			expect(answer.body).toEqual({
				id: first.id,
				status: 'confirmed',
				cancelToken: expect.any(String) as string
			});
			const retry = await send<{ id: string; status: string; cancelToken: string }>(
				server,
				'/api/signups',
				{ method: 'POST', json: first }
			);
			expect([retry.status, retry.body]).toEqual([201, answer.body]);
			const second = await send<{ status: string; waitlistPosition: number }>(
				server,
				'/api/signups',
				{ method: 'POST', json: person(1, sessions[3]?.id ?? '') }
			);
			expect(second.status).toBe(201);
			expect(second.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
			const { body } = await send<{ classes: Listed[] }>(server, '/api/classes');
			for (const klass of body.classes.filter((listed) => listed.series?.id === seriesId)) {
				expect([klass.capacity, klass.seatsLeft, klass.waitlistLength]).toEqual([1, 0, 1]);
			}
			// Cancelling the seat moves the course's waiting list up.
			const cancelled = await send(server, `/api/signups/${first.id}`, {
				method: 'DELETE',
				headers: { 'x-cancel-token': answer.body.cancelToken }
			});
			expect(cancelled.status).toBeLessThan(300);
			const after = await send<{ classes: Listed[] }>(server, '/api/classes');
			const session = after.body.classes.find((klass) => klass.id === sessions[1]?.id);
			expect([session?.seatsLeft, session?.waitlistLength]).toEqual([0, 0]);
		});

		it('answers 404 for a sign-up to an unknown class', async () => {
			const answer = await send(server, '/api/signups', {
				method: 'POST',
				json: {
					id: randomUUID(),
					classId: randomUUID(),
					name: '田中 はる',
					device: 'none',
					needsLoaner: false
				}
			});
			expect(answer.status).toBe(404);
		});
	});
}
