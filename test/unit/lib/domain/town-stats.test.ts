import { describe, expect, it } from 'vitest';
import {
	countPeople,
	periodInstants,
	periodSchema,
	presetPeriod,
	reportCells
} from '$lib/domain/town-stats';

describe('town-stats', () => {
	describe('periodSchema', () => {
		it('takes two real days, the last not before the first', () => {
			expect(periodSchema.safeParse({ from: '2026-04-01', to: '2027-03-31' }).success).toBe(true);
			expect(periodSchema.safeParse({ from: '2026-04-01', to: '2026-04-01' }).success).toBe(true);
			expect(periodSchema.safeParse({ from: '2026-04-02', to: '2026-04-01' }).success).toBe(false);
			expect(periodSchema.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false);
		});

		it('refuses more than three years at once and unknown fields', () => {
			expect(periodSchema.safeParse({ from: '2020-01-01', to: '2026-01-01' }).success).toBe(false);
			expect(
				periodSchema.safeParse({ from: '2026-01-01', to: '2026-01-02', sort: 'x' }).success
			).toBe(false);
		});
	});

	describe('periodInstants', () => {
		it("covers Japan's days: from the first midnight to the midnight after the last day", () => {
			const { start, end } = periodInstants({ from: '2026-04-01', to: '2026-04-30' });
			expect(start.toISOString()).toBe('2026-03-31T15:00:00.000Z');
			expect(end.toISOString()).toBe('2026-04-30T15:00:00.000Z');
		});
	});

	describe('presetPeriod', () => {
		it('counts the fiscal year from April, as towns do', () => {
			// 2 April 2026 08:00 in Japan, still 1 April in UTC.
			const now = new Date('2026-04-01T23:00:00Z');
			expect(presetPeriod('thisYear', now)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
			expect(presetPeriod('lastYear', now)).toEqual({ from: '2025-04-01', to: '2026-03-31' });
			const march = new Date('2026-03-15T00:00:00Z');
			expect(presetPeriod('thisYear', march)).toEqual({ from: '2025-04-01', to: '2026-03-31' });
		});

		it('gives whole months, across a new year and in February', () => {
			const january = new Date('2026-01-10T00:00:00Z');
			expect(presetPeriod('lastMonth', january)).toEqual({ from: '2025-12-01', to: '2025-12-31' });
			const march2024 = new Date('2024-03-05T00:00:00Z');
			expect(presetPeriod('lastMonth', march2024)).toEqual({
				from: '2024-02-01',
				to: '2024-02-29'
			});
			expect(presetPeriod('thisMonth', march2024)).toEqual({
				from: '2024-03-01',
				to: '2024-03-31'
			});
		});
	});

	describe('countPeople', () => {
		const person = (name: string, phone: string | null, reading: string | null = null) => ({
			name,
			phone,
			reading
		});

		it('counts a person who came twice once (same name and phone)', () => {
			expect(countPeople([person('a', '1'), person('a', '1'), person('b', '2')])).toEqual({
				people: 2,
				unidentified: 0
			});
		});

		it('keeps namesakes apart when neither phone nor reading matches', () => {
			expect(countPeople([person('a', '1'), person('a', '2'), person('a', null)]).people).toBe(3);
		});

		it('joins a chain: phone matches the first visit, reading the second', () => {
			const visits = [person('a', '1', 'x'), person('a', '1', null), person('a', null, 'x')];
			expect(countPeople(visits).people).toBe(1);
		});

		it('counts visits whose keys retention removed apart, as unidentified', () => {
			expect(countPeople([null, person('', null), person('a', '1')])).toEqual({
				people: 1,
				unidentified: 2
			});
		});
	});

	describe('reportCells', () => {
		const row = {
			id: 'c1',
			startsAt: '2026-05-31T23:30:00Z',
			title: 'スマホ入門',
			topic: '',
			venue: '中央公民館',
			applicants: 12,
			attendees: 10,
			tutors: 3,
			answers: 0,
			clarityMean: null,
			satisfactionMean: 4
		};

		it("writes Japan's date, the title for a class without a topic, and empty means as blanks", () => {
			expect(reportCells(row)).toEqual({
				date: '2026/06/01',
				venue: '中央公民館',
				topic: 'スマホ入門',
				applicants: '12',
				attendees: '10',
				tutors: '3',
				clarity: '',
				satisfaction: '4.0',
				answers: '0'
			});
		});
	});
});
