import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRate } from '$lib/domain/class-stats';
import { markAttendance } from '$lib/server/attendance';
import { createClass } from '$lib/server/classes';
import { cancelSignup, cancelTokenKey, createSignup } from '$lib/server/signups';
import { classStatistics } from '$lib/server/stats';
import type { Database } from '$lib/server/storage/database';
import { backends } from './backends';
import { validSignup } from './requests';
import { migratedDatabase, testVenue, testVolunteer } from './seed';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`class statistics on ${backend.name}`, () => {
		// A past season, so the figures do not depend on today's date.
		const seasonStart = new Date('2025-10-01T00:00:00Z');
		let remove: (() => Promise<void>) | undefined;
		let database: Database;
		let key: string;
		let venueId: string;
		let volunteerId: string;

		const classAt = (offsetDays: number, capacity: number, title = 'スマホ教室') =>
			createClass(
				database,
				{
					title,
					topic: '',
					venueId,
					startsAt: new Date(seasonStart.getTime() + offsetDays * day).toISOString(),
					endsAt: new Date(seasonStart.getTime() + offsetDays * day + 2 * hour).toISOString(),
					capacity
				},
				seasonStart
			);
		const signUp = async (classId: string) => {
			const request = validSignup(classId);
			const { outcome } = await createSignup(database, request, { now: seasonStart, key });
			return outcome;
		};
		const mark = (classId: string, signupId: string, status: 'present' | 'absent') =>
			markAttendance(database, {
				classId,
				mark: { signupId, status, markedAt: seasonStart.toISOString() },
				volunteerId,
				now: seasonStart
			});

		beforeAll(async () => {
			({ database, remove } = await migratedDatabase(backend));
			key = await cancelTokenKey(database);
			venueId = await testVenue(database, seasonStart);
			volunteerId = await testVolunteer(database, seasonStart, '統計 さん');
		});

		afterAll(async () => {
			await remove?.();
		});

		it('counts seats, the waiting list, withdrawals and marks per class, oldest first', async () => {
			const later = await classAt(20, 5, '写真を送ろう');
			const full = await classAt(10, 2, 'はじめてのスマホ');
			const empty = await classAt(30, 10, 'だれも来ない教室');
			// The full class: two seats, three waiting; one seated resident withdraws, so the
			// first waiting one moves up (2 confirmed, 2 waiting, 1 withdrawn).
			const seated = [await signUp(full), await signUp(full)];
			const waiting = [await signUp(full), await signUp(full), await signUp(full)];
			expect(waiting.map((outcome) => outcome.status)).toEqual([
				'waitlisted',
				'waitlisted',
				'waitlisted'
			]);
			await mark(full, seated[0]!.id, 'present');
			await cancelSignup(database, {
				id: seated[1]!.id,
				cancelToken: seated[1]!.cancelToken,
				now: seasonStart
			});
			await mark(full, waiting[0]!.id, 'absent');
			// The later class: three seated, two came, one stayed away after being marked present.
			const residents = [await signUp(later), await signUp(later), await signUp(later)];
			await mark(later, residents[0]!.id, 'present');
			await mark(later, residents[1]!.id, 'present');
			await mark(later, residents[2]!.id, 'present');
			await markAttendance(database, {
				classId: later,
				mark: {
					signupId: residents[2]!.id,
					status: 'absent',
					markedAt: new Date(seasonStart.getTime() + 1000).toISOString()
				},
				volunteerId,
				now: new Date(seasonStart.getTime() + 2000)
			});

			const figures = await classStatistics(database, { since: seasonStart });
			expect(figures.map((row) => row.id)).toEqual([full, later, empty]);
			const [first, second, third] = figures;
			expect(first).toMatchObject({
				title: 'はじめてのスマホ',
				status: 'scheduled',
				capacity: 2,
				confirmed: 2,
				waitlisted: 2,
				cancelled: 1,
				present: 1,
				absent: 1
			});
			expect(second).toMatchObject({ confirmed: 3, waitlisted: 0, present: 2, absent: 1 });
			expect(attendanceRate(second!)).toBeCloseTo(2 / 3);
			expect(third).toMatchObject({ confirmed: 0, waitlisted: 0, present: 0, absent: 0 });
			expect(attendanceRate(third!)).toBeNull();
			// Counts are numbers on both backends (PostgreSQL's COUNT is 64-bit text).
			for (const row of figures) {
				expect(typeof row.confirmed).toBe('number');
				expect(typeof row.present).toBe('number');
			}
		});

		it('leaves out a withdrawn resident’s mark and classes before the period', async () => {
			const old = await classAt(-40, 3, '去年の教室');
			const current = await classAt(40, 3, '今の教室');
			const outcome = await signUp(current);
			await mark(current, outcome.id, 'present');
			await cancelSignup(database, {
				id: outcome.id,
				cancelToken: outcome.cancelToken,
				now: seasonStart
			});
			const since = new Date(seasonStart.getTime() + 35 * day);
			const figures = await classStatistics(database, { since });
			expect(figures.map((row) => row.id)).toEqual([current]);
			expect(figures.map((row) => row.id)).not.toContain(old);
			expect(figures[0]).toMatchObject({ confirmed: 0, cancelled: 1, present: 0, absent: 0 });
		});
	});
}
