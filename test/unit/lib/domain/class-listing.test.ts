import { describe, expect, it } from 'vitest';
import { availability, mapSearchUrl, upcomingClasses } from '$lib/domain/class-listing';

describe('class-listing', () => {
	describe('availability', () => {
		it('counts the seats left while there are some', () => {
			expect(availability({ status: 'scheduled', seatsLeft: 3, waitlistLength: 0 })).toEqual({
				kind: 'seats',
				seatsLeft: 3
			});
		});

		it('offers the waiting list, with its length, when the class is full', () => {
			expect(availability({ status: 'scheduled', seatsLeft: 0, waitlistLength: 2 })).toEqual({
				kind: 'waitlist',
				waitlistLength: 2
			});
		});

		it('says cancelled whatever the seats', () => {
			expect(availability({ status: 'cancelled', seatsLeft: 5, waitlistLength: 0 })).toEqual({
				kind: 'cancelled'
			});
		});
	});

	describe('upcomingClasses', () => {
		it('keeps the classes not yet over, soonest first', () => {
			const now = new Date('2026-12-03T02:00:00Z');
			const classes = [
				{ id: 'later', startsAt: '2026-12-10T01:00:00Z', endsAt: '2026-12-10T02:00:00Z' },
				{ id: 'over', startsAt: '2026-12-02T01:00:00Z', endsAt: '2026-12-02T02:00:00Z' },
				{ id: 'running', startsAt: '2026-12-03T01:00:00Z', endsAt: '2026-12-03T03:00:00Z' }
			];
			expect(upcomingClasses(classes, now).map((klass) => klass.id)).toEqual(['running', 'later']);
			// The list given is left as it was.
			expect(classes[0]?.id).toBe('later');
		});
	});

	describe('mapSearchUrl', () => {
		it('searches the address, encoded', () => {
			expect(mapSearchUrl('みどり町中央1-2 & 2階')).toBe(
				'https://www.google.com/maps/search/?api=1&query=' +
					encodeURIComponent('みどり町中央1-2 & 2階')
			);
		});
	});
});
