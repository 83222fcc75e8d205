import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, type AppServer } from './app-server';
import { backends } from './backends';
import { send, serverWithAdmin } from './http-client';

const admin = {
	email: 'survey-admin@test.example',
	password: `${randomBytes(12).toString('hex')}-Aa1`
};

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(
		`questionnaire and town figures over HTTP on ${backend.name}`,
		() => {
			let server: AppServer;
			let cookie: string;
			let drop: (() => Promise<void>) | undefined;
			let begun: string;
			let future: string;

			/** A class starting `offsetMs` from now, made through the volunteer API. */
			async function classAt(offsetMs: number): Promise<string> {
				const venue = await send<{ id: string }>(server, '/api/volunteer/venues', {
					method: 'POST',
					cookie,
					headers: { origin: server.url },
					json: { name: 'テスト公民館', address: '架空の住所' }
				});
				const startsAt = new Date(Date.now() + offsetMs);
				const made = await send<{ id: string }>(server, '/api/volunteer/classes', {
					method: 'POST',
					cookie,
					headers: { origin: server.url },
					json: {
						title: 'アンケートの教室',
						topic: '写真を送る',
						lessonIds: ['camera-photos'],
						venueId: venue.body.id,
						startsAt: startsAt.toISOString(),
						endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000).toISOString(),
						capacity: 10
					}
				});
				expect(made.status).toBe(201);
				return made.body.id;
			}

			beforeAll(async () => {
				requireBuild();
				({ server, cookie, drop } = await serverWithAdmin(backend, admin));
				begun = await classAt(-10 * 60 * 1000);
				future = await classAt(7 * 24 * 60 * 60 * 1000);
			});

			afterAll(async () => {
				await drop?.();
			});

			describe('GET /api/classes/{id}/questionnaire', () => {
				it("answers a begun class's title and lessons, with no one's data", async () => {
					const answer = await send(server, `/api/classes/${begun}/questionnaire`);
					expect(answer.status).toBe(200);
					expect(answer.body).toEqual({
						id: begun,
						title: 'アンケートの教室',
						startsAt: expect.any(String),
						endsAt: expect.any(String),
						lessonIds: ['camera-photos']
					});
				});

				it('answers 404 for an unknown class and 409 before a class begins', async () => {
					const unknown = await send<{ error: { code: string } }>(
						server,
						`/api/classes/${randomUUID()}/questionnaire`
					);
					expect(unknown.status).toBe(404);
					expect(unknown.body.error.code).toBe('class_not_found');
					const early = await send<{ error: { code: string } }>(
						server,
						`/api/classes/${future}/questionnaire`
					);
					expect(early.status).toBe(409);
					expect(early.body.error.code).toBe('questionnaire_too_early');
				});
			});

			describe('GET /api/volunteer/stats/town', () => {
				it('takes an answer pushed by a phone without a session, and counts it', async () => {
					const pushed = await send<{ answers: Array<{ status: string }> }>(
						server,
						'/api/sync/push',
						{
							method: 'POST',
							headers: { origin: server.url },
							json: {
								deviceId: randomUUID(),
								mutations: [
									{
										id: randomUUID(),
										seq: 1,
										kind: 'questionnaire.answer',
										args: {
											answerId: randomUUID(),
											classId: begun,
											clarity: 4,
											satisfaction: 5,
											canDo: ['camera-photos'],
											wantNext: ['other']
										}
									}
								]
							}
						}
					);
					expect(pushed.status).toBe(200);
					expect(pushed.body.answers[0]?.status).toBe('applied');
					const today = new Date().toISOString().slice(0, 10);
					const stats = await send<{ answers: number; classesHeld: number }>(
						server,
						`/api/volunteer/stats/town?from=2020-01-01&to=2022-12-31`,
						{ cookie }
					);
					expect(stats.status).toBe(200);
					expect(stats.body.answers).toBe(0);
					const around = await send<{ answers: number; classesHeld: number }>(
						server,
						`/api/volunteer/stats/town?from=${shift(today, -1)}&to=${shift(today, 1)}`,
						{ cookie }
					);
					expect(around.body).toMatchObject({ answers: 1, classesHeld: 1 });
				});

				it('refuses a period that ends before it starts, or unknown parameters, with 400', async () => {
					const backwards = await send<{ error: { code: string; fields: object } }>(
						server,
						'/api/volunteer/stats/town?from=2026-05-01&to=2026-04-01',
						{ cookie }
					);
					expect(backwards.status).toBe(400);
					expect(backwards.body.error.fields).toHaveProperty('to.code', 'ends_before_start');
					const extra = await send(
						server,
						'/api/volunteer/stats/town.csv?from=2026-04-01&to=2026-05-01&x=1',
						{
							cookie
						}
					);
					expect(extra.status).toBe(400);
				});

				it('gives the report as CSV with a BOM, CRLF and Japanese headers', async () => {
					const answer = await send<string>(
						server,
						'/api/volunteer/stats/town.csv?from=2020-04-01&to=2021-03-31',
						{ cookie }
					);
					expect(answer.status).toBe(200);
					expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
					expect(answer.headers.get('content-disposition')).toBe(
						'attachment; filename="classes-2020-04-01-2021-03-31.csv"'
					);
					expect([...answer.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
					expect(answer.bytes.toString('utf8').slice(1)).toBe(
						'実施日,会場,講座内容,申込者数,参加者数,講師・補助者数,平均わかりやすさ（5段階）,平均満足度（5段階）,アンケート回答数\r\n'
					);
				});
			});
		}
	);
}

/** A `YYYY-MM-DD` day moved by whole days. */
function shift(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
