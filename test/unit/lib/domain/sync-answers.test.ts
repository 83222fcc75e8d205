import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Answer, MutationResult } from '$lib/domain/mutations';
import { readAnswer } from '$lib/domain/sync-answers';

const header = { id: '00000000-0000-4000-8000-000000000001', seq: 3 };

describe('readAnswer', () => {
	it('reads an applied answer with its kind’s result, typed by the kind', () => {
		const answer = readAnswer('attendance.set', {
			...header,
			status: 'applied',
			result: {
				classId: 'c',
				signupId: 's',
				status: 'present',
				markedAt: '2026-06-01T00:00:00.000Z',
				markedBy: 'v',
				extra: 'dropped'
			}
		});
		expectTypeOf(answer).toEqualTypeOf<Answer<'attendance.set'> | null>();
		expect(answer).toEqual({
			...header,
			status: 'applied',
			result: {
				classId: 'c',
				signupId: 's',
				status: 'present',
				markedAt: '2026-06-01T00:00:00.000Z',
				markedBy: 'v'
			}
		});
		if (answer?.status === 'applied') {
			expectTypeOf(answer.result).toEqualTypeOf<MutationResult<'attendance.set'>>();
		}
	});

	it('gives null for an applied answer it cannot read (a newer server)', () => {
		expect(
			readAnswer('signup.create', { ...header, status: 'applied', result: { id: 'x' } })
		).toBeNull();
		expect(readAnswer('contact.mark', { ...header, status: 'rejected' })).toBeNull();
	});

	it('keeps what a refusal carries for the kinds that declare it, and only readable', () => {
		const error = { code: 'conflict', message: '…', fields: {} };
		const conflict = readAnswer('series.patch', {
			...header,
			status: 'rejected',
			error,
			current: { id: 'not a class' }
		});
		expect(conflict).toEqual({ ...header, status: 'rejected', error });
		const seat = readAnswer('signup.create', {
			...header,
			status: 'rejected',
			error: { ...error, code: 'already_signed_up' },
			current: { status: 'waitlisted', waitlistPosition: 2 }
		});
		expect(seat?.status === 'rejected' && seat.current).toEqual({
			status: 'waitlisted',
			waitlistPosition: 2
		});
		// A kind whose refusals carry nothing drops whatever came along.
		const cancel = readAnswer('class.cancel', {
			...header,
			status: 'rejected',
			error,
			current: { id: 'x' }
		});
		expect(cancel).toEqual({ ...header, status: 'rejected', error });
	});
});
