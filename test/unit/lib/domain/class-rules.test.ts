import { describe, expect, it } from 'vitest';
import {
	loanersNeeded,
	promotions,
	rosterSummary,
	seatFor,
	seatsLeft,
	tutorRatio
} from '$lib/domain/class-rules';

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

	describe('tutorRatio', () => {
		it('needs one tutor even for an empty class', () => {
			expect(tutorRatio({ attendees: 0, tutors: 1 })).toEqual({ needed: 1, short: 0 });
			expect(tutorRatio({ attendees: 0, tutors: 0 })).toEqual({ needed: 1, short: 1 });
		});

		it('adds one helper for every four attendees, a fifth attendee needing another', () => {
			expect(tutorRatio({ attendees: 1, tutors: 2 })).toEqual({ needed: 2, short: 0 });
			expect(tutorRatio({ attendees: 4, tutors: 2 })).toEqual({ needed: 2, short: 0 });
			expect(tutorRatio({ attendees: 5, tutors: 2 })).toEqual({ needed: 3, short: 1 });
			expect(tutorRatio({ attendees: 12, tutors: 4 })).toEqual({ needed: 4, short: 0 });
			expect(tutorRatio({ attendees: 13, tutors: 1 })).toEqual({ needed: 5, short: 4 });
		});

		it('is never short when more volunteers come than needed', () => {
			expect(tutorRatio({ attendees: 3, tutors: 6 })).toEqual({ needed: 2, short: 0 });
		});
	});

	describe('loanersNeeded', () => {
		it('says how many tablets are missing, never a negative number', () => {
			expect(loanersNeeded({ requested: 5, available: 3 })).toEqual({ requested: 5, short: 2 });
			expect(loanersNeeded({ requested: 2, available: 3 })).toEqual({ requested: 2, short: 0 });
		});
	});

	describe('rosterSummary', () => {
		const entry = (status: string, needsLoaner = false) => ({ status, needsLoaner });

		it('counts only confirmed attendees for seats, tablets and tutors', () => {
			const summary = rosterSummary({
				capacity: 6,
				loanerTablets: 1,
				tutors: 2,
				roster: [
					entry('confirmed', true),
					entry('confirmed', true),
					entry('confirmed'),
					entry('confirmed'),
					entry('confirmed'),
					entry('waitlisted', true),
					entry('cancelled', true)
				]
			});

			expect(summary).toEqual({
				confirmed: 5,
				capacity: 6,
				waitlisted: 1,
				loaners: { requested: 2, available: 1, short: 1 },
				tutors: { planned: 2, needed: 3, short: 1 }
			});
		});

		it('takes the tutors assigned by name over the number typed, once there are any', () => {
			const roster = Array.from({ length: 5 }, () => entry('confirmed'));
			const klass = { capacity: 6, loanerTablets: 0, tutors: 1, roster };
			expect(rosterSummary({ ...klass, tutorIds: ['a', 'b'] }).tutors).toEqual({
				planned: 2,
				needed: 3,
				short: 1
			});
			expect(rosterSummary({ ...klass, tutorIds: [] }).tutors).toEqual({
				planned: 1,
				needed: 3,
				short: 2
			});
		});
	});
});
