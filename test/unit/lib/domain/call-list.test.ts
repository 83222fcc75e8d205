import { describe, expect, it } from 'vitest';
import {
	callList,
	contactMarkSchema,
	startsTomorrow,
	type CallClass,
	type CallPerson
} from '$lib/domain/call-list';

const scheduled: CallClass = { status: 'scheduled', cancelledAt: null, movedAt: null };

const person = (overrides: Partial<CallPerson> & { id: string }): CallPerson => ({
	status: 'confirmed',
	createdAt: '2026-12-01T00:00:00.000Z',
	enteredBy: 'resident',
	promotedAt: null,
	contact: null,
	...overrides
});

const reasonsOf = (klass: CallClass, roster: CallPerson[]) =>
	callList(klass, roster).map((entry) => [entry.person.id, entry.reasons, entry.called]);

describe('call list', () => {
	describe('callList', () => {
		it('leaves out residents who signed up themselves, and cancelled sign-ups', () => {
			expect(
				reasonsOf(scheduled, [
					person({ id: 'own' }),
					person({ id: 'gone', status: 'cancelled', enteredBy: 'volunteer' })
				])
			).toEqual([]);
		});

		it('lists sign-ups a volunteer entered for the day-before reminder, seated ones only', () => {
			expect(
				reasonsOf(scheduled, [
					person({ id: 'phoned', enteredBy: 'volunteer' }),
					person({ id: 'waiting', enteredBy: 'volunteer', status: 'waitlisted' })
				])
			).toEqual([['phoned', ['reminder'], false]]);
		});

		it('needs no reminder for a walk-in, who was seated at the hall', () => {
			expect(
				reasonsOf(scheduled, [person({ id: 'walk-in', enteredBy: 'volunteer', walkIn: true })])
			).toEqual([]);
		});

		it('flags a promoted person, with or without a phone, until the call is ticked', () => {
			const promoted = person({ id: 'up', promotedAt: '2026-12-02T00:00:00.000Z' });
			expect(reasonsOf(scheduled, [promoted])).toEqual([['up', ['promoted'], false]]);
			const ticked = {
				...promoted,
				contact: { done: true, markedAt: '2026-12-02T01:00:00.000Z' }
			};
			expect(reasonsOf(scheduled, [ticked])).toEqual([['up', ['promoted'], true]]);
		});

		it('lists everyone of a moved class who signed up before the move', () => {
			const moved = { ...scheduled, movedAt: '2026-12-02T00:00:00.000Z' };
			expect(
				reasonsOf(moved, [
					person({ id: 'before' }),
					person({ id: 'waiting', status: 'waitlisted' }),
					person({ id: 'after', createdAt: '2026-12-02T05:00:00.000Z' })
				])
			).toEqual([
				['before', ['moved'], false],
				['waiting', ['moved'], false]
			]);
		});

		it('lists everyone of a cancelled class for that reason alone', () => {
			const cancelled: CallClass = {
				status: 'cancelled',
				cancelledAt: '2026-12-02T00:00:00.000Z',
				movedAt: '2026-12-01T12:00:00.000Z'
			};
			expect(
				reasonsOf(cancelled, [
					person({ id: 'own' }),
					person({ id: 'waiting', status: 'waitlisted', enteredBy: 'volunteer' }),
					person({ id: 'gone', status: 'cancelled' })
				])
			).toEqual([
				['own', ['cancelled'], false],
				['waiting', ['cancelled'], false]
			]);
		});

		it('counts a tick only when made after the latest reason, and an untick as not called', () => {
			const moved = { ...scheduled, movedAt: '2026-12-03T00:00:00.000Z' };
			const tickedBefore = person({
				id: 'phoned',
				enteredBy: 'volunteer',
				contact: { done: true, markedAt: '2026-12-02T00:00:00.000Z' }
			});
			expect(reasonsOf(scheduled, [tickedBefore])).toEqual([['phoned', ['reminder'], true]]);
			expect(reasonsOf(moved, [tickedBefore])).toEqual([['phoned', ['moved', 'reminder'], false]]);
			const unticked = {
				...tickedBefore,
				contact: { done: false, markedAt: '2026-12-04T00:00:00.000Z' }
			};
			expect(reasonsOf(moved, [unticked])).toEqual([['phoned', ['moved', 'reminder'], false]]);
		});

		it('reads rows pulled before the call list existed as residents’ own, never ticked', () => {
			const old = { id: 'old', status: 'confirmed' as const, createdAt: '2026-12-01T00:00:00Z' };
			expect(reasonsOf({ status: 'scheduled' }, [old])).toEqual([]);
			expect(reasonsOf({ status: 'cancelled' }, [old])).toEqual([['old', ['cancelled'], false]]);
		});
	});

	describe('startsTomorrow', () => {
		it('uses the day in Japan, whatever the device’s time zone', () => {
			// 23:30 in Japan on 5 Dec (14:30 UTC): a class at 10:00 on 6 Dec in Japan is tomorrow.
			const now = new Date('2026-12-05T14:30:00.000Z');
			expect(startsTomorrow('2026-12-06T01:00:00.000Z', now)).toBe(true);
			// 00:30 on 7 Dec in Japan is the day after tomorrow, though the UTC date is the 6th.
			expect(startsTomorrow('2026-12-06T15:30:00.000Z', now)).toBe(false);
			// 23:00 on 5 Dec in Japan is today.
			expect(startsTomorrow('2026-12-05T14:00:00.000Z', now)).toBe(false);
		});

		it('crosses the end of a month and of a year', () => {
			expect(startsTomorrow('2027-01-01T01:00:00.000Z', new Date('2026-12-31T03:00:00Z'))).toBe(
				true
			);
			expect(startsTomorrow('2027-03-01T01:00:00.000Z', new Date('2027-02-28T03:00:00Z'))).toBe(
				true
			);
		});
	});

	describe('contactMarkSchema', () => {
		const valid = {
			signupId: '7d1f0e0a-2b4c-4e8a-9c1d-3f5a6b7c8d9e',
			done: true,
			markedAt: '2026-12-05T01:00:00.000+09:00'
		};

		it('reads a tick and an untick', () => {
			expect(contactMarkSchema.parse(valid)).toEqual(valid);
			expect(contactMarkSchema.parse({ ...valid, done: false }).done).toBe(false);
		});

		it('refuses extra fields, a non-boolean tick, a bad id and a bad time', () => {
			expect(contactMarkSchema.safeParse({ ...valid, note: '留守電' }).success).toBe(false);
			expect(contactMarkSchema.safeParse({ ...valid, done: 'true' }).success).toBe(false);
			expect(contactMarkSchema.safeParse({ ...valid, signupId: '1' }).success).toBe(false);
			expect(contactMarkSchema.safeParse({ ...valid, markedAt: '明日' }).success).toBe(false);
		});
	});
});
