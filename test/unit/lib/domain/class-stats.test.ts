import { describe, expect, it } from 'vitest';
import { attendanceRate, niceAxis, scaleLength, signupCount } from '$lib/domain/class-stats';

describe('class-stats', () => {
	describe('attendanceRate', () => {
		it('is present out of those marked', () => {
			expect(attendanceRate({ present: 3, absent: 1 })).toBe(0.75);
		});

		it('is null, not zero, while nobody has been marked', () => {
			expect(attendanceRate({ present: 0, absent: 0 })).toBeNull();
		});

		it('is zero when everyone marked stayed away', () => {
			expect(attendanceRate({ present: 0, absent: 2 })).toBe(0);
		});
	});

	describe('signupCount', () => {
		it('counts seats and the waiting list', () => {
			expect(signupCount({ confirmed: 12, waitlisted: 3 })).toBe(15);
		});
	});

	describe('niceAxis', () => {
		it('rounds up to a plain number with whole-number ticks', () => {
			expect(niceAxis(13)).toEqual({ max: 15, ticks: [0, 5, 10, 15] });
			expect(niceAxis(7)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
			expect(niceAxis(20)).toEqual({ max: 20, ticks: [0, 5, 10, 15, 20] });
		});

		it('never steps by less than one person', () => {
			expect(niceAxis(2)).toEqual({ max: 2, ticks: [0, 1, 2] });
		});

		it('has an axis even with no data', () => {
			expect(niceAxis(0)).toEqual({ max: 1, ticks: [0, 1] });
		});
	});

	describe('scaleLength', () => {
		it('maps values onto the length and clamps', () => {
			expect(scaleLength(5, { max: 10 }, 300)).toBe(150);
			expect(scaleLength(20, { max: 10 }, 300)).toBe(300);
			expect(scaleLength(-1, { max: 10 }, 300)).toBe(0);
		});
	});
});
