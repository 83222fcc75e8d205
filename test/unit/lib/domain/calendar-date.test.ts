import { describe, expect, it } from 'vitest';
import {
	ageOn,
	isValidDate,
	nextDay,
	parseIsoDate,
	sameDayInYear,
	subtractMonths,
	toIsoDate
} from '$lib/domain/calendar-date';

const day = (year: number, month: number, date: number) => ({ year, month, day: date });

describe('calendar-date', () => {
	describe('parseIsoDate', () => {
		it('reads real days and refuses others', () => {
			expect(parseIsoDate('2024-02-29')).toEqual(day(2024, 2, 29));
			expect(parseIsoDate('2023-02-29')).toBeNull();
			expect(parseIsoDate('1900-02-29')).toBeNull();
			expect(parseIsoDate('2000-02-29')).toEqual(day(2000, 2, 29));
			expect(parseIsoDate('2024-4-1')).toBeNull();
			expect(parseIsoDate('')).toBeNull();
		});
	});

	describe('toIsoDate', () => {
		it('pads', () => expect(toIsoDate(day(2019, 5, 1))).toBe('2019-05-01'));
	});

	describe('isValidDate', () => {
		it('knows month lengths', () => {
			expect(isValidDate(day(2026, 4, 31))).toBe(false);
			expect(isValidDate(day(2026, 12, 31))).toBe(true);
		});
	});

	describe('sameDayInYear', () => {
		it('moves 29 February to 28 February in common years', () => {
			expect(sameDayInYear(day(2000, 2, 29), 2030)).toEqual(day(2030, 2, 28));
			expect(sameDayInYear(day(2000, 2, 29), 2032)).toEqual(day(2032, 2, 29));
		});
	});

	describe('subtractMonths', () => {
		it('stays inside shorter months and crosses years', () => {
			expect(subtractMonths(day(2035, 5, 31), 3)).toEqual(day(2035, 2, 28));
			expect(subtractMonths(day(2036, 5, 31), 3)).toEqual(day(2036, 2, 29));
			expect(subtractMonths(day(2035, 2, 10), 3)).toEqual(day(2034, 11, 10));
		});
	});

	describe('ageOn', () => {
		it('adds a year on the birthday itself', () => {
			expect(ageOn(day(2008, 6, 1), day(2026, 5, 31))).toBe(17);
			expect(ageOn(day(2008, 6, 1), day(2026, 6, 1))).toBe(18);
		});
	});
	describe('nextDay', () => {
		it('moves across month and year ends, and knows leap years', () => {
			expect(nextDay(day(2027, 2, 28))).toEqual(day(2027, 3, 1));
			expect(nextDay(day(2028, 2, 28))).toEqual(day(2028, 2, 29));
			expect(nextDay(day(2026, 4, 30))).toEqual(day(2026, 5, 1));
			expect(nextDay(day(2026, 12, 31))).toEqual(day(2027, 1, 1));
			expect(nextDay(day(2026, 6, 15))).toEqual(day(2026, 6, 16));
		});
	});
});
