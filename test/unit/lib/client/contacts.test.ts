import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerHandlers } from '$lib/client/answers';
import { queueContact } from '$lib/client/contacts';
import { YorisoiDatabase, type OutboxRow } from '$lib/client/db';
import { Outbox } from '$lib/client/outbox';
import { parseMutation } from '$lib/domain/mutations';
import { rosterClassSchema, type RosterClassData } from '$lib/domain/sync';

const classId = '0b7c3a52-1d5e-4f0a-9a64-5b1f3c2d4e6f';
const hanakoId = '7d1f0e0a-2b4c-4e8a-9c1d-3f5a6b7c8d9e';
const me = '11111111-2222-4333-8444-555555555555';
const other = '66666666-7777-4888-8999-aaaaaaaaaaaa';

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
			needs: [],
			note: null,
			status: 'confirmed',
			waitlistPosition: null,
			attendance: null,
			createdAt: '2026-11-20T00:00:00.000Z',
			enteredBy: 'volunteer',
			promotedAt: null,
			contact: null
		}
	],
	cancelledAt: null,
	movedAt: null
};

describe('contacts', () => {
	let database: YorisoiDatabase;
	let outbox: Outbox;

	beforeEach(async () => {
		database = new YorisoiDatabase(`contacts-${crypto.randomUUID()}`);
		outbox = new Outbox(database, () => {});
		await database.rosters.put(klass);
	});

	afterEach(async () => {
		await database.delete();
	});

	const contact = async () =>
		rosterClassSchema.parse(await database.rosters.get(classId)).roster[0]!.contact;

	describe('queueContact', () => {
		it('queues a valid contact.mark and shows the tick at once', async () => {
			const now = new Date('2026-12-02T09:00:00.000Z');
			await queueContact(outbox, {
				klass,
				entry: klass.roster[0]!,
				done: true,
				volunteerId: me,
				now
			});
			const [row] = await database.outbox.toArray();
			expect(row!.kind).toBe('contact.mark');
			expect(row!.about).toEqual({
				title: klass.title,
				startsAt: klass.startsAt,
				name: '山田 花子'
			});
			const parsed = parseMutation({
				id: row!.id,
				seq: row!.seq,
				kind: row!.kind,
				args: row!.args
			});
			expect(parsed.success).toBe(true);
			expect(await contact()).toEqual({ done: true, markedAt: now.toISOString(), markedBy: me });
		});

		it('keeps a later tick already on the device', async () => {
			const entry = klass.roster[0]!;
			await queueContact(outbox, {
				klass,
				entry,
				done: false,
				volunteerId: me,
				now: new Date('2026-12-02T10:00:00.000Z')
			});
			await queueContact(outbox, {
				klass,
				entry,
				done: true,
				volunteerId: me,
				now: new Date('2026-12-02T09:00:00.000Z')
			});
			expect((await contact())?.done).toBe(false);
			expect(await database.outbox.count()).toBe(2);
		});
	});

	describe('answer handler', () => {
		it('shows the tick that stands on the server when another tablet’s later one won', async () => {
			await queueContact(outbox, {
				klass,
				entry: klass.roster[0]!,
				done: true,
				volunteerId: me,
				now: new Date('2026-12-02T09:00:00.000Z')
			});
			const [row] = (await database.outbox.toArray()) as OutboxRow<'contact.mark'>[];
			const stands = {
				classId,
				signupId: hanakoId,
				done: false,
				markedAt: '2026-12-02T09:30:00.000Z',
				markedBy: other
			};
			await answerHandlers['contact.mark'](database, row!, {
				id: row!.id,
				seq: row!.seq,
				status: 'applied',
				result: stands
			});
			expect(await contact()).toEqual({
				done: false,
				markedAt: stands.markedAt,
				markedBy: other
			});
		});

		it('keeps a refusal for the volunteer to see', async () => {
			await queueContact(outbox, {
				klass,
				entry: klass.roster[0]!,
				done: true,
				volunteerId: me
			});
			const [row] = (await database.outbox.toArray()) as OutboxRow<'contact.mark'>[];
			await answerHandlers['contact.mark'](database, row!, {
				id: row!.id,
				seq: row!.seq,
				status: 'rejected',
				error: { code: 'signup_not_found', message: '見つかりません', fields: {} }
			});
			expect((await database.rejections.get(row!.id))?.error.code).toBe('signup_not_found');
		});
	});
});
