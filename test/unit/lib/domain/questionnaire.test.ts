import { describe, expect, it } from 'vitest';
import {
	choiceCounts,
	meanRating,
	questionnaireAnswerSchema,
	ratingDistribution
} from '$lib/domain/questionnaire';

const valid = {
	answerId: '6f1c1a52-8f4e-4d7b-9a55-0d7d1c2b3a41',
	classId: '0b7f2d36-4f55-4c1e-8b1d-5a0c9e8f7a62',
	clarity: 5,
	satisfaction: 4,
	canDo: ['01-tap'],
	wantNext: ['02-photo', 'other']
};

describe('questionnaire', () => {
	describe('questionnaireAnswerSchema', () => {
		it('takes an answer with no name, device or sign-up in it', () => {
			expect(questionnaireAnswerSchema.safeParse(valid).success).toBe(true);
		});

		it('refuses any field beyond the questions (a name, a device id)', () => {
			const named = questionnaireAnswerSchema.safeParse({ ...valid, name: '山田' });
			const device = questionnaireAnswerSchema.safeParse({ ...valid, deviceId: 'abc' });
			expect(named.success).toBe(false);
			expect(device.success).toBe(false);
		});

		it('takes ratings 1 to 5 only, as whole numbers', () => {
			for (const clarity of [0, 6, 2.5, '3']) {
				expect(questionnaireAnswerSchema.safeParse({ ...valid, clarity }).success).toBe(false);
			}
			expect(questionnaireAnswerSchema.safeParse({ ...valid, clarity: 1 }).success).toBe(true);
		});

		it('refuses a 個人番号 in the free text, and text over 500 characters', () => {
			const number = questionnaireAnswerSchema.safeParse({ ...valid, comment: '123456789018' });
			expect(number.error?.issues[0]?.message).toBe('individual_number');
			const long = questionnaireAnswerSchema.safeParse({ ...valid, comment: 'あ'.repeat(501) });
			expect(long.error?.issues[0]?.message).toBe('too_long');
		});

		it('refuses a lesson ticked twice and ids that are not lesson ids', () => {
			expect(
				questionnaireAnswerSchema.safeParse({ ...valid, canDo: ['01-tap', '01-tap'] }).success
			).toBe(false);
			expect(questionnaireAnswerSchema.safeParse({ ...valid, canDo: ['../x'] }).success).toBe(
				false
			);
			// 「その他」 is a choice only for what to learn next.
			expect(questionnaireAnswerSchema.safeParse({ ...valid, canDo: ['other'] }).success).toBe(
				true
			);
		});
	});

	describe('ratingDistribution', () => {
		it('counts each level (index 0 is level 1) and the mean to one decimal', () => {
			expect(ratingDistribution([5, 4, 2])).toEqual({ counts: [0, 1, 0, 1, 1], mean: 3.7 });
		});

		it('has no mean, not zero, when nobody answered', () => {
			expect(ratingDistribution([])).toEqual({ counts: [0, 0, 0, 0, 0], mean: null });
			expect(meanRating([])).toBeNull();
		});

		it('leaves out values that are not a level', () => {
			expect(ratingDistribution([3, 0, 6, 2.5]).counts).toEqual([0, 0, 1, 0, 0]);
		});
	});

	describe('choiceCounts', () => {
		it('counts ticks across answers, most first, ties in the given order', () => {
			expect(choiceCounts([['b', 'a'], ['a'], ['c', 'b']], ['c', 'b', 'a'])).toEqual([
				{ id: 'b', count: 2 },
				{ id: 'a', count: 2 },
				{ id: 'c', count: 1 }
			]);
		});
	});
});
