import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerHandlers } from '$lib/client/answers';
import { queueAttendance, queueWalkIn, unsentSignupIds } from '$lib/client/attendance';
import { YorisoiDatabase } from '$lib/client/db';
import { Outbox } from '$lib/client/outbox';
import { parseMutation } from '$lib/domain/mutations';
import { rosterClassSchema, type RosterClassData } from '$lib/domain/sync';

const classId = '0b7c3a52-1d5e-4f0a-9a64-5b1f3c2d4e6f';
const hanakoId = '7d1f0e0a-2b4c-4e8a-9c1d-3f5a6b7c8d9e';

const klass: RosterClassData = {
	id: classId,
	title: 'はじめてのスマホ',
	topic: '',
	lessonIds: [],
	venueId: '5e0c1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
	startsAt: '2026-12-03T01:00:00.000Z',
	endsAt: '2026-12-03T02:30:00.000Z',
	capacity: 10,
	loanerTablets: 2,
	tutors: 1,
	status: 'scheduled',
	version: 1,
	roster: [
		{
			id: hanakoId,
			name: '山田 花子',
			nameKana: 'やまだ はなこ',
			phone: '090-1234-5678',
			device: 'android',
			needsLoaner: false,
			needs: ['sight'],
			note: null,
			status: 'confirmed',
			waitlistPosition: null,
			attendance: null,
			createdAt: '2026-11-20T00:00:00.000Z'
		}
	]
};

describe('attendance', () => {
	let database: YorisoiDatabase;
	let outbox: Outbox;

	beforeEach(async () => {
		database = new YorisoiDatabase(`attendance-${crypto.randomUUID()}`);
		outbox = new Outbox(database, () => {});
		await database.rosters.put(klass);
	});

	afterEach(async () => {
		await database.delete();
	});

	const roster = async () => rosterClassSchema.parse(await database.rosters.get(classId)).roster;

	describe('queueAttendance', () => {
		it('queues a valid attendance.set and shows the mark on the roster at once', async () => {
			const now = new Date('2026-12-03T01:05:00.000Z');
			await queueAttendance(outbox, { klass, entry: klass.roster[0]!, status: 'present', now });
			const [row] = await database.outbox.toArray();
			expect(row).toMatchObject({
				kind: 'attendance.set',
				args: { classId, signupId: hanakoId, status: 'present', markedAt: now.toISOString() },
				about: { title: 'はじめてのスマホ', startsAt: klass.startsAt, name: '山田 花子' }
			});
			// What the server will read: the same schema the push validates with.
			expect(
				parseMutation({ id: row!.id, seq: row!.seq, kind: row!.kind, args: row!.args }).success
			).toBe(true);
			expect((await roster())[0]!.attendance).toBe('present');
		});

		it('keeps the latest tap when a mark is changed', async () => {
			await queueAttendance(outbox, { klass, entry: klass.roster[0]!, status: 'present' });
			await queueAttendance(outbox, { klass, entry: klass.roster[0]!, status: 'absent' });
			expect((await roster())[0]!.attendance).toBe('absent');
			expect((await database.outbox.orderBy('seq').toArray()).map((row) => row.seq)).toEqual([
				1, 2
			]);
		});
	});

	describe('queueWalkIn', () => {
		it('queues the sign-up before its mark and adds the person, present, to the roster', async () => {
			const id = await queueWalkIn(outbox, {
				klass,
				person: {
					name: '高橋 よしこ',
					nameKana: 'たかはし よしこ',
					device: 'none',
					needsLoaner: true
				}
			});
			const queued = await database.outbox.orderBy('seq').toArray();
			expect(queued.map((row) => row.kind)).toEqual(['signup.createOnBehalf', 'attendance.set']);
			expect(queued[0]!.args).toMatchObject({ id, classId, name: '高橋 よしこ' });
			expect(queued[1]!.args).toMatchObject({ signupId: id, status: 'present' });
			for (const row of queued) {
				expect(
					parseMutation({ id: row.id, seq: row.seq, kind: row.kind, args: row.args }).success
				).toBe(true);
			}
			const walkIn = (await roster()).find((entry) => entry.id === id);
			expect(walkIn).toMatchObject({
				name: '高橋 よしこ',
				needsLoaner: true,
				attendance: 'present'
			});
			expect(unsentSignupIds(queued)).toEqual(new Set([id]));
		});
	});

	describe('the answer to a mark', () => {
		it('shows the mark that stands when another tablet’s later mark won', async () => {
			await queueAttendance(outbox, {
				klass,
				entry: { id: hanakoId, name: '山田 花子' },
				status: 'absent',
				now: new Date('2026-12-03T01:05:00.000Z')
			});
			const [row] = await database.outbox.toArray();
			expect((await roster())[0]!.attendance).toBe('absent');
			// Applied, but the server kept the other tablet's later 「出席」.
			await answerHandlers['attendance.set'](database, row as never, {
				id: row!.id,
				seq: row!.seq,
				status: 'applied',
				result: {
					classId,
					signupId: hanakoId,
					status: 'present',
					markedAt: '2026-12-03T01:06:00.000Z',
					markedBy: 'another-volunteer'
				}
			});
			expect((await roster())[0]!.attendance).toBe('present');
		});
	});
});
