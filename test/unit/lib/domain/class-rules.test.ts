import { describe, expect, it } from 'vitest';
import { promotions, seatFor, seatsLeft } from '$lib/domain/class-rules';

describe('class-rules', () => {
	describe('seatFor', () => {
		it('gives a seat while confirmed sign-ups are below capacity', () => {
			expect(seatFor({ capacity: 2, confirmed: 1 })).toBe('confirmed');
			expect(seatFor({ capacity: 2, confirmed: 2 })).toBe('waitlisted');
			expect(seatFor({ capacity: 0, confirmed: 0 })).toBe('waitlisted');
		});
	});

	describe('promotions', () => {
		it('moves up as many waiting sign-ups as there are free seats, in order', () => {
			expect(promotions({ capacity: 5, confirmed: 3, waitlist: ['a', 'b', 'c'] })).toEqual([
				'a',
				'b'
			]);
		});

		it('moves nobody when the class is full or over-full', () => {
			expect(promotions({ capacity: 3, confirmed: 3, waitlist: ['a'] })).toEqual([]);
			expect(promotions({ capacity: 2, confirmed: 3, waitlist: ['a'] })).toEqual([]);
		});
	});

	describe('seatsLeft', () => {
		it('is never negative', () => {
			expect(seatsLeft({ capacity: 10, confirmed: 4 })).toBe(6);
			expect(seatsLeft({ capacity: 2, confirmed: 3 })).toBe(0);
		});
	});
});
