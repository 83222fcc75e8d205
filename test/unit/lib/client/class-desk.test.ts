import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	applyMineAgain,
	dismissRejection,
	enterAsAnotherPerson,
	possibleDuplicateIn,
	queueCancelOnBehalf,
	queueClassCancel,
	queueClassEdit,
	queueNewClass,
	queueSignupOnBehalf,
	queueVenue,
	queueVenueEdit,
	queueVenueRetire,
	refusedDuplicate,
	refusedEdit
} from '$lib/client/class-desk';
import { YorisoiDatabase, type RejectionRow } from '$lib/client/db';
import { Outbox } from '$lib/client/outbox';
import type { RosterClassData, RosterEntryData } from '$lib/domain/sync';

let database: YorisoiDatabase;
let outbox: Outbox;

const classId = '7d4f8e2a-1b3c-4d5e-8f90-123456789abc';
const venueId = '0b0c2f9e-5a4d-4c3b-9a1e-abcdefabcdef';

const klass = {
	title: 'はじめてのスマホ',
	topic: 'タップとスワイプ',
	lessonIds: [],
	venueId,
	startsAt: '2026-12-03T10:00:00+09:00',
	endsAt: '2026-12-03T11:30:00+09:00',
	capacity: 2,
	loanerTablets: 1,
	tutors: 1
};

function person(id: string, status: RosterEntryData['status'], position: number | null = null) {
	return {
		id,
		name: `住民${id}`,
		nameKana: null,
		phone: null,
		device: 'android',
		needsLoaner: false,
		needs: [],
		note: null,
		status,
		waitlistPosition: position,
		attendance: null,
		createdAt: '2026-11-20T01:00:00.000Z'
	} satisfies RosterEntryData;
}

async function stored(): Promise<RosterClassData> {
	return (await database.rosters.get(classId)) as RosterClassData;
}

describe('class-desk', () => {
	beforeEach(() => {
		database = new YorisoiDatabase(`test-${crypto.randomUUID()}`);
		outbox = new Outbox(database, () => {});
	});

	afterEach(async () => {
		await database.delete();
	});

	describe('queueNewClass', () => {
		it('queues the class and shows it at once with an empty roster', async () => {
			await queueNewClass(outbox, { id: classId, klass });

			const [row] = await database.outbox.toArray();
			expect(row?.kind).toBe('class.create');
			expect(row?.args).toEqual({ id: classId, ...klass });
			expect(row?.about).toMatchObject({ title: 'はじめてのスマホ' });
			expect(await stored()).toMatchObject({ id: classId, version: 1, roster: [] });
		});
	});

	describe('queueVenue', () => {
		it('makes the venue choosable before it is sent', async () => {
			const venue = { id: venueId, name: '北地区集会所', address: 'みどり町北3-4' };

			await queueVenue(outbox, venue);

			expect(await database.venues.get(venueId)).toEqual(venue);
			expect((await database.outbox.toArray()).map((row) => row.kind)).toEqual(['venue.create']);
		});
	});

	describe('queueVenueEdit and queueVenueRetire', () => {
		it('show a venue’s new address at once, and take a removed venue off the list', async () => {
			await database.venues.put({ id: venueId, name: '北地区集会所', address: 'みどり町北3-4' });

			await queueVenueEdit(outbox, { venueId, changes: { address: 'みどり町北5-6' } });
			expect(await database.venues.get(venueId)).toEqual({
				id: venueId,
				name: '北地区集会所',
				address: 'みどり町北5-6'
			});
			await queueVenueRetire(outbox, venueId);
			expect(await database.venues.get(venueId)).toBeUndefined();

			const rows = await database.outbox.orderBy('seq').toArray();
			expect(rows.map((row) => [row.kind, row.args, row.about?.title])).toEqual([
				['venue.patch', { venueId, changes: { address: 'みどり町北5-6' } }, '北地区集会所'],
				['venue.retire', { venueId }, '北地区集会所']
			]);
		});
	});

	describe('queueClassEdit', () => {
		it('sends only the changes with the version shown, and predicts the next version', async () => {
			await database.rosters.put({
				id: classId,
				...klass,
				status: 'scheduled',
				version: 3,
				roster: []
			});

			await queueClassEdit(outbox, {
				classId,
				baseVersion: 3,
				changes: { startsAt: '2026-12-03T10:30:00+09:00' }
			});

			const [row] = await database.outbox.toArray();
			expect(row?.args).toEqual({
				classId,
				baseVersion: 3,
				changes: { startsAt: '2026-12-03T10:30:00+09:00' }
			});
			expect(await stored()).toMatchObject({ startsAt: '2026-12-03T10:30:00+09:00', version: 4 });
		});
	});

	describe('queueClassCancel', () => {
		it('marks the class cancelled on the device', async () => {
			await database.rosters.put({
				id: classId,
				...klass,
				status: 'scheduled',
				version: 1,
				roster: []
			});

			await queueClassCancel(outbox, classId);

			expect((await stored()).status).toBe('cancelled');
			expect((await database.outbox.toArray())[0]?.args).toEqual({ classId });
		});
	});

	describe('queueSignupOnBehalf', () => {
		const signup = {
			id: '11111111-2222-4333-8444-555555555555',
			name: '山田 花子',
			device: 'none' as const,
			needsLoaner: true
		};

		it('adds the resident with the seat the server will most likely give', async () => {
			await database.rosters.put({
				id: classId,
				...klass,
				status: 'scheduled',
				version: 1,
				roster: [person('a', 'confirmed')]
			});

			await queueSignupOnBehalf(outbox, { classId, signup });

			const added = (await stored()).roster.find((entry) => entry.id === signup.id);
			expect(added).toMatchObject({ name: '山田 花子', status: 'confirmed', needsLoaner: true });
			const [row] = await database.outbox.toArray();
			expect(row?.kind).toBe('signup.createOnBehalf');
			expect(row?.args).toEqual({ ...signup, classId });
			expect(row?.about?.name).toBe('山田 花子');
		});

		it('puts the resident at the end of the waiting list when the class is full', async () => {
			await database.rosters.put({
				id: classId,
				...klass,
				status: 'scheduled',
				version: 1,
				roster: [person('a', 'confirmed'), person('b', 'confirmed'), person('c', 'waitlisted', 1)]
			});

			await queueSignupOnBehalf(outbox, { classId, signup });

			const roster = (await stored()).roster;
			expect(roster.map((entry) => [entry.id, entry.status, entry.waitlistPosition])).toEqual([
				['a', 'confirmed', null],
				['b', 'confirmed', null],
				['c', 'waitlisted', 1],
				[signup.id, 'waitlisted', 2]
			]);
		});
	});

	describe('queueCancelOnBehalf', () => {
		it('cancels and moves the first waiting resident up', async () => {
			await database.rosters.put({
				id: classId,
				...klass,
				status: 'scheduled',
				version: 1,
				roster: [
					person('a', 'confirmed'),
					person('b', 'confirmed'),
					person('c', 'waitlisted', 1),
					person('d', 'waitlisted', 2)
				]
			});

			await queueCancelOnBehalf(outbox, { classId, signupId: 'a' });

			const roster = (await stored()).roster;
			expect(roster.map((entry) => [entry.id, entry.status, entry.waitlistPosition])).toEqual([
				['b', 'confirmed', null],
				['c', 'confirmed', null],
				['d', 'waitlisted', 1],
				['a', 'cancelled', null]
			]);
			const [row] = await database.outbox.toArray();
			expect(row?.args).toEqual({ signupId: 'a' });
			expect(row?.about?.name).toBe('住民a');
		});
	});

	describe('refusedEdit and applyMineAgain', () => {
		const current = {
			id: classId,
			...klass,
			startsAt: '2026-12-03T01:30:00.000Z',
			status: 'scheduled',
			version: 5
		};
		const rejection: RejectionRow = {
			mutationId: 'm-1',
			kind: 'class.patch',
			args: { classId, baseVersion: 4, changes: { startsAt: '2026-12-03T11:00:00+09:00' } },
			classId,
			error: { code: 'conflict', message: 'ほかの人が先にこの教室を変更しました。' },
			current,
			at: 1
		};

		it('reads a conflict, and nothing else', () => {
			expect(refusedEdit(rejection)).toMatchObject({ baseVersion: 4, current: { version: 5 } });
			expect(
				refusedEdit({ ...rejection, error: { code: 'class_cancelled', message: '中止' } })
			).toBeNull();
			expect(refusedEdit({ ...rejection, current: { broken: true } })).toBeNull();
		});

		it('keeps the other volunteer’s values by removing the conflict, sending nothing', async () => {
			await database.rejections.put(rejection);

			await dismissRejection(database, rejection.mutationId);

			expect(await database.rejections.count()).toBe(0);
			expect(await database.outbox.count()).toBe(0);
		});

		it('sends the same changes again on the current version and removes the conflict', async () => {
			await database.rejections.put(rejection);
			await database.rosters.put({ ...current, roster: [] });
			const edit = refusedEdit(rejection);
			if (!edit) throw new Error('conflict not read');

			await applyMineAgain(outbox, edit);

			expect(await database.rejections.count()).toBe(0);
			const [row] = await database.outbox.toArray();
			expect(row?.args).toEqual({
				classId,
				baseVersion: 5,
				changes: { startsAt: '2026-12-03T11:00:00+09:00' }
			});
			expect(await stored()).toMatchObject({ startsAt: '2026-12-03T11:00:00+09:00', version: 6 });
		});
	});

	describe('possibleDuplicateIn', () => {
		const ichiro = {
			...person('a', 'confirmed'),
			name: '佐藤 一郎',
			nameKana: 'さとう いちろう',
			phone: '090-1111-2222'
		};

		it('finds the same person however the name and number are typed', () => {
			expect(
				possibleDuplicateIn([ichiro], { name: '佐藤　一郎', phone: '０９０１１１１２２２２' })
			).toBe(ichiro);
		});

		it('leaves out cancelled sign-ups and a couple sharing the phone', () => {
			expect(
				possibleDuplicateIn([{ ...ichiro, status: 'cancelled' }], {
					name: '佐藤 一郎',
					phone: '090-1111-2222'
				})
			).toBeNull();
			expect(
				possibleDuplicateIn([ichiro], { name: '佐藤 花子', phone: '090-1111-2222' })
			).toBeNull();
		});
	});

	describe('queueSignupOnBehalf for a walk-in', () => {
		it('seats them even when the class is full', async () => {
			await database.rosters.put({
				id: classId,
				...klass,
				status: 'scheduled',
				version: 1,
				roster: [person('a', 'confirmed'), person('b', 'confirmed')]
			});
			const signup = {
				id: '21111111-2222-4333-8444-555555555555',
				name: '高橋 トメ',
				device: 'none' as const,
				needsLoaner: true,
				walkIn: true
			};

			await queueSignupOnBehalf(outbox, { classId, signup });

			expect((await stored()).roster.find((entry) => entry.id === signup.id)).toMatchObject({
				status: 'confirmed',
				walkIn: true
			});
		});
	});

	describe('refusedDuplicate and enterAsAnotherPerson', () => {
		const signupId = '31111111-2222-4333-8444-555555555555';
		const rejection: RejectionRow = {
			mutationId: 'm-dup',
			kind: 'signup.createOnBehalf',
			args: {
				id: signupId,
				classId,
				name: '佐藤 一郎',
				device: 'none',
				needsLoaner: true,
				walkIn: true
			},
			classId,
			error: { code: 'possible_duplicate', message: '同じ方がすでに申し込んでいます。' },
			current: { id: 'a', status: 'confirmed' },
			at: 1
		};

		it('reads only a possible_duplicate refusal of a sign-up', () => {
			expect(refusedDuplicate(rejection)).toMatchObject({
				classId,
				signup: { id: signupId, walkIn: true },
				existing: { id: 'a', status: 'confirmed' }
			});
			expect(refusedDuplicate({ ...rejection, error: { code: 'class_past', message: '' } })).toBe(
				null
			);
		});

		it('sends the sign-up again confirmed, marks a walk-in present, and puts the refusal away', async () => {
			await database.rejections.put(rejection);
			await database.rosters.put({
				id: classId,
				...klass,
				status: 'scheduled',
				version: 1,
				roster: [person('a', 'confirmed')]
			});

			await enterAsAnotherPerson(outbox, refusedDuplicate(rejection)!);

			expect(await database.rejections.count()).toBe(0);
			const rows = await database.outbox.toArray();
			expect(rows.map((row) => row.kind)).toEqual(['signup.createOnBehalf', 'attendance.set']);
			expect(rows[0]?.args).toMatchObject({ id: signupId, confirmDuplicate: true, walkIn: true });
			expect(rows[1]?.args).toMatchObject({ signupId, status: 'present' });
		});
	});
});
