import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAttendance } from '$lib/server/attendance';
import { cancelClass, createClass } from '$lib/server/classes';
import { cancelTokenKey, createSignup } from '$lib/server/signups';
import type { Database } from '$lib/server/storage/database';
import { pushMutations } from '$lib/server/sync';
import { townReportCsv } from '$lib/server/town-report';
import { townStatistics } from '$lib/server/town-stats';
import { backends } from './backends';
import { validSignup } from './requests';
import { migratedDatabase, testVenue, testVolunteer } from './seed';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`questionnaire on ${backend.name}`, () => {
		// A past season (JST dates), so the figures do not depend on today's date.
		const seasonStart = new Date('2025-10-01T00:00:00Z');
		const afterSeason = new Date('2026-01-10T00:00:00Z');
		let remove: (() => Promise<void>) | undefined;
		let database: Database;
		let key: string;
		let venueId: string;
		let volunteerId: string;
		let seq = 0;

		const classAt = (offsetDays: number, options: { lessonIds?: string[]; title?: string } = {}) =>
			createClass(
				database,
				{
					title: options.title ?? 'スマホ教室',
					topic: '写真を送る',
					lessonIds: options.lessonIds ?? ['01-tap', '02-photo'],
					venueId,
					startsAt: new Date(seasonStart.getTime() + offsetDays * day).toISOString(),
					endsAt: new Date(seasonStart.getTime() + offsetDays * day + 2 * hour).toISOString(),
					capacity: 10
				},
				seasonStart
			);
		const answer = (classId: string, overrides: Record<string, unknown> = {}) => ({
			answerId: randomUUID(),
			classId,
			clarity: 4,
			satisfaction: 5,
			canDo: ['01-tap'],
			wantNext: ['other'],
			...overrides
		});
		const push = (
			deviceId: string,
			mutations: Array<{ id?: string; seq?: number; args: unknown }>,
			now = afterSeason
		) =>
			pushMutations(database, {
				pusher: { deviceId, volunteerId: null },
				mutations: mutations.map((mutation) => ({
					id: mutation.id ?? randomUUID(),
					seq: mutation.seq ?? (seq += 1),
					kind: 'questionnaire.answer',
					args: mutation.args
				})),
				now,
				key,
				locale: 'ja'
			});
		const answersOf = (classId: string) =>
			database.all<Record<string, unknown>>(
				'SELECT * FROM questionnaire_answers WHERE class_id = ?',
				[classId]
			);

		beforeAll(async () => {
			({ database, remove } = await migratedDatabase(backend));
			key = await cancelTokenKey(database);
			venueId = await testVenue(database, seasonStart);
			volunteerId = await testVolunteer(database, seasonStart, '統計 さん');
		});

		afterAll(async () => {
			await remove?.();
		});

		describe('questionnaire.answer', () => {
			it('keeps an answer once per (class, answer id), whatever the mutation around it', async () => {
				const classId = await classAt(5);
				const args = answer(classId);
				const mutationId = randomUUID();
				const [first] = await push('tablet-a', [{ id: mutationId, seq: 1, args }]);
				expect(first).toMatchObject({ status: 'applied', result: { accepted: true } });
				// The same mutation again (a lost answer): its first answer, nothing new.
				const [retry] = await push('tablet-a', [{ id: mutationId, seq: 1, args }]);
				expect(retry).toEqual(first);
				// The same answer id in a new mutation (queued twice): accepted, still one row.
				const [again] = await push('tablet-a', [{ seq: 2, args }]);
				expect(again?.status).toBe('applied');
				expect(await answersOf(classId)).toHaveLength(1);
			});

			it('stores nothing that ties an answer to its device, sign-up or time', async () => {
				const classId = await classAt(6);
				const args = answer(classId, { comment: 'ゆっくりで よかった' });
				const mutation = { id: randomUUID(), seq: (seq += 1), args };
				await push('phone-b', [mutation]);
				const [row] = await answersOf(classId);
				expect(Object.keys(row!).sort()).toEqual([
					'answer_id',
					'can_do',
					'clarity',
					'class_id',
					'comment',
					'satisfaction',
					'want_next'
				]);
				const logged = await database.first<{ request_hash: string; answer: string }>(
					'SELECT request_hash, answer FROM mutations WHERE id = ?',
					[mutation.id]
				);
				// The log's answer says only that it was taken; its hash cannot be recomputed
				// from the stored answer (it covers the header alone).
				expect(JSON.parse(logged!.answer)).toEqual({
					status: 'applied',
					result: { accepted: true }
				});
				const fullBody = JSON.stringify({ ...mutation, kind: 'questionnaire.answer' });
				const bodyHash = createHash('sha256').update(fullBody).digest('hex');
				expect(logged!.request_hash).not.toBe(bodyHash);
				const anywhere = await database.first<{ n: number | string }>(
					`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM mutations WHERE answer LIKE ? OR request_hash = ?`,
					[`%${args.answerId}%`, args.answerId]
				);
				expect(Number(anywhere!.n)).toBe(0);
			});

			it('drops ticks of lessons the class does not teach', async () => {
				const classId = await classAt(7, { lessonIds: ['01-tap'] });
				await push('tablet-c', [{ args: answer(classId, { canDo: ['01-tap', '09-other'] }) }]);
				const [row] = await answersOf(classId);
				expect(JSON.parse(String(row!.can_do))).toEqual(['01-tap']);
			});

			it('refuses unknown, cancelled and not yet begun classes, and a 個人番号 in the text', async () => {
				const future = await classAt(200);
				const cancelled = await classAt(8);
				await cancelClass(database, { id: cancelled, actor: volunteerId, now: seasonStart });
				const answers = await push('phone-d', [
					{ args: answer(randomUUID()) },
					{ args: answer(cancelled) },
					{ args: answer(future) },
					// 1234 5678 9018: a valid check digit.
					{ args: answer(future, { comment: '番号は123456789018です' }) },
					{ args: answer(future, { clarity: 6, extra: true }) }
				]);
				expect(answers.map((entry) => entry.error?.code)).toEqual([
					'class_not_found',
					'class_cancelled',
					'questionnaire_too_early',
					'invalid_input',
					'invalid_input'
				]);
				expect(answers[3]?.error?.fields).toHaveProperty('comment.code', 'individual_number');
				expect(answers[4]?.error?.fields).toHaveProperty('extra.code', 'unknown_field');
			});
		});

		describe('townStatistics', () => {
			it("sums up a period's classes, people, phones and answers, with one report row per class", async () => {
				// A season of its own, a year later, so the cases above stay out of it.
				const base = new Date('2026-10-01T00:00:00Z');
				const klass = (offsetDays: number, title: string) =>
					createClass(
						database,
						{
							title,
							topic: title === 'スマホ入門' ? '' : 'LINEの使い方',
							lessonIds: ['01-tap'],
							venueId,
							startsAt: new Date(base.getTime() + offsetDays * day).toISOString(),
							endsAt: new Date(base.getTime() + offsetDays * day + 2 * hour).toISOString(),
							capacity: 10,
							tutors: 3
						},
						base
					);
				const first = await klass(1, 'スマホ入門');
				const second = await klass(8, 'LINE教室');
				const outside = await klass(60, '期間の外');
				const cancelled = await klass(9, '中止');
				await cancelClass(database, { id: cancelled, actor: volunteerId, now: base });
				// The same person comes twice (same name and phone); another comes once.
				const hanako = { name: '鈴木 花子', phone: '090-5555-0001', device: 'iphone' as const };
				const taro = { name: '鈴木 太郎', phone: '090-5555-0002', device: 'none' as const };
				const present = async (classId: string, person: typeof hanako | typeof taro) => {
					const { outcome } = await createSignup(
						database,
						validSignup(classId, { ...person, nameKana: undefined }),
						{ now: base, key }
					);
					await markAttendance(database, {
						classId,
						mark: { signupId: outcome.id, status: 'present', markedAt: base.toISOString() },
						volunteerId,
						now: base
					});
				};
				await present(first, hanako);
				await present(first, taro);
				await present(second, hanako);
				// Applied but never came: an applicant, not an attendee.
				await createSignup(database, validSignup(second), { now: base, key });
				await present(outside, taro);
				const after = new Date(base.getTime() + 90 * day);
				await push(
					'tablet-e',
					[
						{ args: answer(first, { clarity: 5, satisfaction: 5 }) },
						{
							args: answer(first, { clarity: 4, satisfaction: 3, wantNext: ['02-photo', 'other'] })
						},
						{ args: answer(second, { clarity: 2, satisfaction: 4, canDo: [] }) },
						{ args: answer(outside, { clarity: 1, satisfaction: 1 }) }
					],
					after
				);

				const stats = await townStatistics(database, {
					period: { from: '2026-10-01', to: '2026-10-31' },
					now: after
				});
				expect(stats).toMatchObject({
					classesHeld: 2,
					classesCancelled: 1,
					visits: 3,
					people: 2,
					unidentifiedVisits: 0,
					byDevice: { android: 0, iphone: 2, other: 0, none: 1 },
					answers: 3,
					clarity: { counts: [0, 1, 0, 1, 1], mean: 3.7 },
					satisfaction: { counts: [0, 0, 1, 1, 1], mean: 4 },
					canDo: [{ id: '01-tap', count: 2 }],
					wantNext: [
						{ id: 'other', count: 3 },
						{ id: '02-photo', count: 1 }
					]
				});
				expect(stats.classes.map((row) => [row.title, row.applicants, row.attendees])).toEqual([
					['スマホ入門', 2, 2],
					['LINE教室', 2, 1]
				]);
				expect(stats.classes[0]).toMatchObject({
					tutors: 3,
					clarityMean: 4.5,
					satisfactionMean: 4
				});

				const csv = townReportCsv(stats);
				expect(csv.startsWith('\uFEFF実施日,会場,講座内容,申込者数,参加者数,')).toBe(true);
				const lines = csv.slice(1).split('\r\n');
				// A class without a topic is reported by its title; 10:00 JST is that day in Japan.
				expect(lines[1]).toBe('2026/10/02,テスト公民館,スマホ入門,2,2,3,4.5,4.0,2');
				expect(lines[2]).toBe('2026/10/09,テスト公民館,LINEの使い方,2,1,3,2.0,4.0,1');

				// Before the classes began, none was held yet.
				const early = await townStatistics(database, {
					period: { from: '2026-10-01', to: '2026-10-31' },
					now: base
				});
				expect(early.classesHeld).toBe(0);
			});
		});
	});
}
