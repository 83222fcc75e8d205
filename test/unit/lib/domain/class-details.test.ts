import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classPatchSchema, newClassSchema } from '$lib/domain/class';
import {
	checkClassForm,
	classChanges,
	classFormValues,
	emptyClassForm
} from '$lib/domain/class-form';
import { assignedTutorRatio } from '$lib/domain/class-rules';
import { fieldErrors } from '$lib/domain/signup';

const venueId = randomUUID();
const base = {
	title: 'スマホ教室',
	topic: 'LINE',
	venueId,
	startsAt: '2026-12-10T10:00:00+09:00',
	endsAt: '2026-12-10T12:00:00+09:00',
	capacity: 8
};

/** The field codes the schema answers for a class with these details. */
const codes = (extra: Record<string, unknown>) => {
	const input = { ...base, ...extra };
	const parsed = newClassSchema.safeParse(input);
	return parsed.success ? {} : fieldErrors(parsed.error, input);
};

describe('class details', () => {
	describe('newClassSchema', () => {
		it('takes 持ち物 with its reading, 無料 as an empty fee and tutors, trimmed', () => {
			const tutors = [randomUUID(), randomUUID()];
			const parsed = newClassSchema.parse({
				...base,
				bring: ' 筆記用具 ',
				bringReadings: [['筆記用具', 'ひっきようぐ']],
				fee: '',
				tutorIds: tutors
			});
			expect(parsed).toMatchObject({ bring: '筆記用具', fee: '', tutorIds: tutors });
		});

		it('refuses a 個人番号, control characters and text over the limits', () => {
			expect(codes({ bring: '番号は1234-5678-9018です' }).bring?.code).toBe('individual_number');
			expect(codes({ fee: '１２３４５６７８９０１８' }).fee?.code).toBe('individual_number');
			expect(codes({ bring: 'a\u0000b' }).bring?.code).toBe('invalid');
			expect(codes({ bring: 'あ'.repeat(201) }).bring).toEqual({ code: 'too_long', max: 200 });
			expect(codes({ fee: '円'.repeat(61) }).fee).toEqual({ code: 'too_long', max: 60 });
			expect(codes({ bring: 'あ'.repeat(200), fee: '円'.repeat(60) })).toEqual({});
		});

		it('refuses repeated, malformed or too many tutors, and readings of another text', () => {
			const id = randomUUID();
			expect(codes({ tutorIds: [id, id] }).tutorIds?.code).toBe('invalid');
			expect(codes({ tutorIds: ['佐藤'] }).tutorIds?.code).toBe('invalid');
			const many = Array.from({ length: 21 }, () => randomUUID());
			expect(codes({ tutorIds: many }).tutorIds?.code).toBe('too_long');
			expect(codes({ tutorIds: many.slice(0, 20) })).toEqual({});
			expect(
				codes({ bring: '眼鏡', bringReadings: [['筆記', 'ひっき']] }).bringReadings?.code
			).toBe('invalid');
			expect(codes({ fee: 0 }).fee?.code).toBe('invalid');
		});
	});

	describe('classPatchSchema', () => {
		it('takes the details alone, and guards them as on creation', () => {
			expect(
				classPatchSchema.safeParse({ baseVersion: 2, changes: { tutorIds: [] } }).success
			).toBe(true);
			expect(classPatchSchema.safeParse({ baseVersion: 2, changes: { fee: '' } }).success).toBe(
				true
			);
			expect(
				classPatchSchema.safeParse({ baseVersion: 2, changes: { bring: '123456789018' } }).success
			).toBe(false);
		});
	});

	describe('checkClassForm', () => {
		const filled = () => ({
			...emptyClassForm(),
			title: 'スマホ教室',
			venueId,
			date: '2026-12-10',
			startTime: '10:00',
			endTime: '12:00',
			capacity: '8'
		});

		it('makes 無料 the default: a new class says free without typing', () => {
			const checked = checkClassForm(filled());
			expect(checked.ok && checked.klass.fee).toBe('');
		});

		it('asks how much when 有料 is chosen, and sends the amount as typed', () => {
			const missing = checkClassForm({ ...filled(), feeChoice: 'paid', feeText: ' ' });
			expect(missing).toEqual({ ok: false, errors: { fee: { code: 'required' } } });
			const paid = checkClassForm({ ...filled(), feeChoice: 'paid', feeText: '300円（資料代）' });
			expect(paid.ok && paid.klass.fee).toBe('300円（資料代）');
			const guarded = checkClassForm({ ...filled(), feeChoice: 'paid', feeText: '123456789018' });
			expect(guarded.ok || guarded.errors.fee?.code).toBe('individual_number');
		});

		it('shows a problem of 持ち物 or tutors on its own field', () => {
			const checked = checkClassForm({ ...filled(), bring: '123456789018', tutorIds: ['x'] });
			expect(checked.ok || checked.errors).toEqual({
				bring: { code: 'individual_number' },
				tutorIds: { code: 'invalid' }
			});
		});

		it('leaves the fee out for a class from before it, until one is chosen', () => {
			const stored = {
				...base,
				lessonIds: [],
				loanerTablets: 0,
				tutors: 1
			};
			const values = classFormValues(stored);
			expect(values.feeChoice).toBe('');
			const checked = checkClassForm(values);
			expect(checked.ok && 'fee' in checked.klass).toBe(false);
		});
	});

	describe('classChanges', () => {
		it('sends no change for an old class with no 持ち物 or tutors left empty', () => {
			const before = { ...base, lessonIds: [], loanerTablets: 0, tutors: 1 };
			const after = { ...before, bring: '', bringReadings: [], tutorIds: [] };
			expect(classChanges(before, after)).toEqual({});
			expect(classChanges(before, { ...after, tutorIds: [venueId] })).toEqual({
				tutorIds: [venueId]
			});
		});
	});

	describe('assignedTutorRatio', () => {
		it('needs one tutor and one more for every four attendees, against those assigned', () => {
			expect(assignedTutorRatio({ attendees: 0, assigned: 0 })).toEqual({
				assigned: 0,
				needed: 1,
				short: 1
			});
			expect(assignedTutorRatio({ attendees: 4, assigned: 2 })).toEqual({
				assigned: 2,
				needed: 2,
				short: 0
			});
			expect(assignedTutorRatio({ attendees: 5, assigned: 2 })).toEqual({
				assigned: 2,
				needed: 3,
				short: 1
			});
			expect(assignedTutorRatio({ attendees: 8, assigned: 4 })).toEqual({
				assigned: 4,
				needed: 3,
				short: 0
			});
		});
	});
});
