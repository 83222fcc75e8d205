import { describe, expect, it } from 'vitest';
import {
	checkClassForm,
	classChanges,
	classFormValues,
	emptyClassForm,
	japanDateTime,
	japanInstant,
	type ClassFormValues
} from '$lib/domain/class-form';

const venueId = '0b0c2f9e-5a4d-4c3b-9a1e-abcdefabcdef';

const filled: ClassFormValues = {
	...emptyClassForm(),
	title: 'はじめてのスマホ',
	topic: 'タップとスワイプ',
	venueId,
	date: '2026-12-03',
	startTime: '10:00',
	endTime: '11:30',
	capacity: '12',
	loanerTablets: '６',
	tutors: '3'
};

describe('class-form', () => {
	describe('japanInstant', () => {
		it('reads a day and a time as Japan time, whatever the device says', () => {
			expect(japanInstant({ date: '2026-12-03', time: '10:00' })).toBe('2026-12-03T10:00:00+09:00');
			expect(
				new Date(japanInstant({ date: '2026-12-03', time: '08:30' }) ?? '').toISOString()
			).toBe('2026-12-02T23:30:00.000Z');
		});

		it('gives nothing for a missing or impossible day or time', () => {
			expect(japanInstant({ date: '', time: '10:00' })).toBeUndefined();
			expect(japanInstant({ date: '2026-02-30', time: '10:00' })).toBeUndefined();
			expect(japanInstant({ date: '2026-12-03', time: '25:00' })).toBeUndefined();
		});
	});

	describe('japanDateTime', () => {
		it('shows an instant as the day and time at the hall', () => {
			expect(japanDateTime('2026-12-02T23:30:00.000Z')).toEqual({
				date: '2026-12-03',
				time: '08:30'
			});
		});
	});

	describe('checkClassForm', () => {
		it('gives the class when the form is complete, with full-width digits read', () => {
			const result = checkClassForm(filled);

			expect(result).toEqual({
				ok: true,
				klass: {
					title: 'はじめてのスマホ',
					titleReadings: [],
					topic: 'タップとスワイプ',
					topicReadings: [],
					lessonIds: [],
					venueId,
					startsAt: '2026-12-03T10:00:00+09:00',
					endsAt: '2026-12-03T11:30:00+09:00',
					capacity: 12,
					loanerTablets: 6,
					tutors: 3,
					// 持ち物 left empty, 無料 (the form's default) and no tutors assigned yet.
					bring: '',
					bringReadings: [],
					fee: '',
					tutorIds: []
				}
			});
		});

		it('keeps the readings of the title and topic, and refuses readings that are not kana', () => {
			const good = checkClassForm({
				...filled,
				title: 'スマホ教室',
				titleReadings: [['教室', 'きょうしつ']],
				topic: '写真を送る',
				topicReadings: [
					['写真', 'シャシン'],
					['送', 'おく']
				]
			});
			expect(good.ok && good.klass.titleReadings).toEqual([['教室', 'きょうしつ']]);
			expect(good.ok && good.klass.topicReadings).toEqual([
				['写真', 'シャシン'],
				['送', 'おく']
			]);

			const bad = checkClassForm({
				...filled,
				title: 'スマホ教室',
				titleReadings: [['教室', 'kyoushitsu']],
				topic: '写真',
				topicReadings: [['写真', '写真']]
			});
			expect(bad.ok).toBe(false);
			if (bad.ok) return;
			expect(bad.errors).toEqual({
				titleReadings: { code: 'invalid_kana' },
				topicReadings: { code: 'invalid_kana' }
			});
		});

		it('names each field that needs fixing, where the form shows it', () => {
			const result = checkClassForm({
				...filled,
				title: ' ',
				venueId: '',
				date: '',
				capacity: 'たくさん'
			});

			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.errors).toEqual({
				title: { code: 'required' },
				venueId: { code: 'required' },
				date: { code: 'required' },
				capacity: { code: 'invalid' }
			});
		});

		it('says when the class ends before it starts', () => {
			const result = checkClassForm({ ...filled, endTime: '09:00' });

			expect(result.ok ? null : result.errors).toEqual({ endTime: { code: 'ends_before_start' } });
		});

		it('says the times are the wrong way round together with other problems', () => {
			const result = checkClassForm({ ...filled, venueId: '', endTime: '09:00' });

			expect(result.ok ? null : result.errors).toEqual({
				venueId: { code: 'required' },
				endTime: { code: 'ends_before_start' }
			});
		});

		it('asks for the start time when only it is missing', () => {
			const result = checkClassForm({ ...filled, startTime: '' });

			expect(result.ok ? null : result.errors).toEqual({ startTime: { code: 'required' } });
		});
	});

	describe('classChanges', () => {
		const before = {
			title: 'はじめてのスマホ',
			topic: 'タップ',
			lessonIds: ['first-touch'],
			venueId,
			startsAt: '2026-12-03T01:00:00.000Z',
			endsAt: '2026-12-03T02:30:00.000Z',
			capacity: 12,
			loanerTablets: 6,
			tutors: 3
		};

		it('lists only what changed, comparing times as instants', () => {
			const after = {
				...before,
				startsAt: '2026-12-03T10:00:00+09:00',
				endsAt: '2026-12-03T12:00:00+09:00',
				capacity: 14
			};

			expect(classChanges(before, after)).toEqual({
				endsAt: '2026-12-03T12:00:00+09:00',
				capacity: 14
			});
		});

		it('sees a change in the chosen lessons', () => {
			expect(classChanges(before, { ...before, lessonIds: ['first-touch', 'line'] })).toEqual({
				lessonIds: ['first-touch', 'line']
			});
		});

		it('round-trips through the form without inventing changes', () => {
			const again = checkClassForm(classFormValues(before));

			expect(again.ok && classChanges(before, again.klass)).toEqual({});
		});

		it('sends corrected readings, and none for a class from before readings left as it was', () => {
			const withReadings = {
				...before,
				title: 'スマホ教室',
				titleReadings: [['教室', 'きょうしつ']]
			};
			const corrected = {
				...withReadings,
				titleReadings: [['教室', 'きょうしつ']] as Array<[string, string]>,
				topicReadings: [] as Array<[string, string]>
			};
			expect(classChanges(withReadings as typeof corrected, corrected)).toEqual({});
			expect(
				classChanges(corrected, { ...corrected, titleReadings: [['教室', 'クラス']] })
			).toEqual({ titleReadings: [['教室', 'クラス']] });
		});
	});
});
