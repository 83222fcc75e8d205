import { describe, expect, it } from 'vitest';
import {
	emptyRepeatForm,
	newSeriesSchema,
	repeatRule,
	seriesPatchSchema,
	seriesRuleSchema,
	type SeriesRule
} from '$lib/domain/series';
import { oneCardPerCourse } from '$lib/domain/course-listing';
import { holidayOn, seriesDates } from '$lib/domain/series-dates';

const rule = (overrides: Partial<SeriesRule>): SeriesRule => ({
	frequency: 'weekly',
	interval: 1,
	weekday: 'mo',
	nth: [],
	firstDate: '2027-01-04',
	sessions: 4,
	skipHolidays: true,
	closedDates: [],
	...overrides
});

describe('series', () => {
	describe('holidayOn', () => {
		it('names 祝日 from the holiday data, in Japanese and English', () => {
			expect(holidayOn('2027-01-11')).toEqual({ ja: '成人の日', en: 'Coming of Age Day' });
			expect(holidayOn('2027-01-12')).toBeUndefined();
		});
	});

	describe('seriesDates', () => {
		it('holds four Mondays and skips 成人の日, so 全4回 still has four dates', () => {
			const { held, skipped } = seriesDates(rule({}));
			expect(held).toEqual(['2027-01-04', '2027-01-18', '2027-01-25', '2027-02-01']);
			expect(skipped).toEqual([
				{
					date: '2027-01-11',
					reason: 'holiday',
					holiday: { ja: '成人の日', en: 'Coming of Age Day' }
				}
			]);
		});

		it('keeps holidays when told not to skip them', () => {
			expect(seriesDates(rule({ skipHolidays: false })).held).toContain('2027-01-11');
		});

		it('skips the hall closed days', () => {
			const { held, skipped } = seriesDates(rule({ closedDates: ['2027-01-18'] }));
			expect(held).toEqual(['2027-01-04', '2027-01-25', '2027-02-01', '2027-02-08']);
			expect(skipped.map((day) => day.reason)).toEqual(['holiday', 'closed']);
		});

		it('repeats every other week', () => {
			expect(seriesDates(rule({ interval: 2, sessions: 3, firstDate: '2027-02-01' })).held).toEqual(
				['2027-02-01', '2027-02-15', '2027-03-01']
			);
		});

		it('holds 第2・第4火曜 each month, skipping 天皇誕生日 on a 4th Tuesday', () => {
			const { held, skipped } = seriesDates(
				rule({ frequency: 'monthly', weekday: 'tu', nth: [2, 4], firstDate: '2027-01-01' })
			);
			expect(held).toEqual(['2027-01-12', '2027-01-26', '2027-02-09', '2027-03-09']);
			expect(skipped.map((day) => day.date)).toEqual(['2027-02-23']);
		});

		it('starts from the first matching day on or after the first date', () => {
			expect(seriesDates(rule({ firstDate: '2027-01-05', sessions: 2 })).held).toEqual([
				'2027-01-18',
				'2027-01-25'
			]);
		});

		it('gives 52 weekly dates at most', () => {
			expect(seriesDates(rule({ sessions: 52 })).held).toHaveLength(52);
			expect(seriesRuleSchema.safeParse(rule({ sessions: 53 })).success).toBe(false);
		});

		it('asks which weeks of the month', () => {
			expect(seriesRuleSchema.safeParse(rule({ frequency: 'monthly', nth: [] })).success).toBe(
				false
			);
		});
	});

	describe('newSeriesSchema', () => {
		const klass = {
			title: 'スマホ入門',
			topic: '',
			venueId: '4d8f7f4e-1f2a-4c1e-9a52-3f0c1b2d3e4f',
			startsAt: '2027-01-04T10:00:00+09:00',
			endsAt: '2027-01-04T12:00:00+09:00',
			capacity: 10
		};
		const session = (n: number, day: string) => ({
			id: `00000000-0000-4000-8000-00000000000${n}`,
			startsAt: `${day}T10:00:00+09:00`,
			endsAt: `${day}T12:00:00+09:00`
		});
		const sessions = [session(1, '2027-01-04'), session(2, '2027-01-18')];

		it('takes a course whose first session is the class', () => {
			expect(newSeriesSchema.safeParse({ kind: 'course', klass, sessions }).success).toBe(true);
		});

		it('refuses unknown fields, sessions out of order, repeated ids and too many dates', () => {
			const parse = (value: unknown) => newSeriesSchema.safeParse(value).success;
			expect(parse({ kind: 'course', klass, sessions, extra: 1 })).toBe(false);
			expect(parse({ kind: 'course', klass, sessions: [...sessions].reverse() })).toBe(false);
			expect(parse({ kind: 'course', klass, sessions: [sessions[0], sessions[0]] })).toBe(false);
			expect(parse({ kind: 'weekly', klass, sessions })).toBe(false);
			const many = Array.from({ length: 53 }, (_, index) => ({
				id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
				startsAt: new Date(Date.UTC(2027, 0, 4 + 7 * index, 1)).toISOString(),
				endsAt: new Date(Date.UTC(2027, 0, 4 + 7 * index, 3)).toISOString()
			}));
			expect(
				parse({
					kind: 'repeat',
					klass: { ...klass, startsAt: many[0]?.startsAt, endsAt: many[0]?.endsAt },
					sessions: many
				})
			).toBe(false);
			expect(
				parse({
					kind: 'repeat',
					klass: { ...klass, startsAt: many[0]?.startsAt, endsAt: many[0]?.endsAt },
					sessions: many.slice(0, 52)
				})
			).toBe(true);
		});

		it('refuses a first session other than the class', () => {
			expect(
				newSeriesSchema.safeParse({
					kind: 'course',
					klass,
					sessions: sessions.slice(1).concat(session(3, '2027-01-25'))
				}).success
			).toBe(false);
		});
	});

	describe('seriesPatchSchema', () => {
		it('needs a change and the versions it was based on', () => {
			const fromClassId = '00000000-0000-4000-8000-000000000001';
			const baseVersions = [{ classId: fromClassId, version: 1 }];
			expect(seriesPatchSchema.safeParse({ fromClassId, baseVersions, changes: {} }).success).toBe(
				false
			);
			expect(
				seriesPatchSchema.safeParse({ fromClassId, baseVersions, changes: { startTime: '25:00' } })
					.success
			).toBe(false);
			expect(
				seriesPatchSchema.safeParse({ fromClassId, baseVersions, changes: { startTime: '13:30' } })
					.success
			).toBe(true);
		});
	});

	describe('repeatRule', () => {
		it('takes the weekday from the first date and reads full-width digits', () => {
			const checked = repeatRule(
				{ ...emptyRepeatForm(), kind: 'course', sessions: '４' },
				'2027-01-12'
			);
			expect(checked).toMatchObject({ ok: true, rule: { weekday: 'tu', sessions: 4 } });
		});

		it('reads the closed days one a line and asks which weeks of a month', () => {
			const form = {
				...emptyRepeatForm(),
				kind: 'repeat' as const,
				closedDates: '2027-01-18\n2027-01-25'
			};
			expect(repeatRule(form, '2027-01-04')).toMatchObject({
				ok: true,
				rule: { closedDates: ['2027-01-18', '2027-01-25'] }
			});
			expect(repeatRule({ ...form, frequency: 'monthly' }, '2027-01-04')).toMatchObject({
				ok: false,
				field: 'nth'
			});
			expect(repeatRule({ ...form, closedDates: '2027-02-30' }, '2027-01-04')).toMatchObject({
				ok: false,
				field: 'closedDates'
			});
		});

		it('refuses more than 52 sessions and needs the first date', () => {
			expect(repeatRule({ ...emptyRepeatForm(), sessions: '53' }, '2027-01-04')).toMatchObject({
				ok: false,
				field: 'sessions',
				code: 'too_long'
			});
			expect(repeatRule(emptyRepeatForm(), '')).toMatchObject({ ok: false, field: 'date' });
		});
	});
});

describe('course-listing', () => {
	describe('oneCardPerCourse', () => {
		const course = (position: number) => ({
			id: `c${position}`,
			series: { id: 'course', kind: 'course', position }
		});
		const repeat = (position: number) => ({
			id: `r${position}`,
			series: { id: 'repeat', kind: 'repeat', position }
		});

		it('lists a course once, at its first session, and repeating classes each', () => {
			type Listed = { id: string; series?: { id: string; kind: string; position: number } };
			const listed = oneCardPerCourse<Listed>([
				course(1),
				repeat(1),
				course(2),
				repeat(2),
				{ id: 'single' }
			]);
			expect(listed.map((klass) => klass.id)).toEqual(['c1', 'r1', 'r2', 'single']);
		});

		it('leaves out a course that has begun', () => {
			expect(oneCardPerCourse([course(2), course(3)])).toEqual([]);
		});
	});
});
