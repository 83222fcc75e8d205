import { z } from 'zod';
import { containsIndividualNumber } from './mynumber-guard';

/**
 * The after-class questionnaire (アンケート) of the national デジタル活用支援 programme: how clear
 * the class was (わかりやすさ), how satisfied the person is (満足度), what they can now do (the
 * class's lessons), what they want to learn next (any lesson, or 「その他」) and, optionally, a
 * few words. Anonymous: an answer carries no name, no device and no sign-up, only the class and
 * an answer id the device made up for it (so a resend is recognised, and nothing else is).
 */

/** The five levels of a rating, 1 (worst) to 5 (best); each has words as well as its number. */
export const ratingLevels = [5, 4, 3, 2, 1] as const;

/** One rating, 1–5. */
export type Rating = (typeof ratingLevels)[number];

/** The rated questions, as the answer's fields name them. */
export const ratedQuestions = ['clarity', 'satisfaction'] as const;

/** 「その他」 among what a person wants to learn next. */
export const otherWish = 'other';

/** Longest free text (the sign-up's note has the same). */
export const commentLimit = 500;

// Lesson ids are folder names (`01-tap`): lower-case letters, digits and hyphens.
const lessonId = z
	.string({ error: 'invalid' })
	.regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { error: 'invalid_choice' });

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const rating = z
	.number({ error: 'required' })
	.int({ error: 'invalid_choice' })
	.min(1, { error: 'invalid_choice' })
	.max(5, { error: 'invalid_choice' });

const distinctList = <T extends z.ZodType>(item: T, max: number) =>
	z
		.array(item, { error: 'invalid' })
		.max(max, { error: 'invalid' })
		.refine((list) => new Set(list).size === list.length, { error: 'invalid' });

/** One person's answer as a device sends it (`questionnaire.answer`). */
export const questionnaireAnswerSchema = z.strictObject(
	{
		/** The device's UUID for this answer: accepted once per class. */
		answerId: z.uuid({ error: 'invalid' }),
		classId: z.uuid({ error: 'invalid' }),
		clarity: rating,
		satisfaction: rating,
		/** The class's lessons the person can now do. */
		canDo: distinctList(lessonId, 30),
		/** Lessons they want to learn next, and `other`. */
		wantNext: distinctList(z.union([z.literal(otherWish), lessonId]), 31),
		comment: z
			.string({ error: 'invalid' })
			.trim()
			.max(commentLimit, { error: 'too_long' })
			.refine((text) => !controlCharacters.test(text), { error: 'invalid' })
			.refine((text) => !containsIndividualNumber(text), { error: 'individual_number' })
			.optional()
	},
	{ error: 'unknown_field' }
);

/** A validated answer. */
export type QuestionnaireAnswer = z.infer<typeof questionnaireAnswerSchema>;

/** How many answers gave each level (index 0 is level 1), and their mean (null with none). */
export type RatingDistribution = {
	counts: [number, number, number, number, number];
	mean: number | null;
};

/** Counts each level of a list of ratings and their mean, rounded to one decimal. */
export function ratingDistribution(ratings: readonly number[]): RatingDistribution {
	const counts: RatingDistribution['counts'] = [0, 0, 0, 0, 0];
	let sum = 0;
	let n = 0;
	for (const value of ratings) {
		if (!Number.isInteger(value) || value < 1 || value > 5) continue;
		counts[value - 1]! += 1;
		sum += value;
		n += 1;
	}
	return { counts, mean: n === 0 ? null : Math.round((sum / n) * 10) / 10 };
}

/** The mean of ratings rounded to one decimal, or null when nobody answered. */
export function meanRating(ratings: readonly number[]): number | null {
	return ratingDistribution(ratings).mean;
}

/**
 * How often each choice was ticked across answers, most ticked first (ties in the order of
 * `order`, then by id), so a chart reads from the top.
 */
export function choiceCounts(
	lists: ReadonlyArray<readonly string[]>,
	order: readonly string[] = []
): Array<{ id: string; count: number }> {
	const counts = new Map<string, number>();
	for (const list of lists) for (const id of list) counts.set(id, (counts.get(id) ?? 0) + 1);
	const position = (id: string) => {
		const index = order.indexOf(id);
		return index === -1 ? order.length : index;
	};
	return [...counts]
		.map(([id, count]) => ({ id, count }))
		.sort(
			(a, b) => b.count - a.count || position(a.id) - position(b.id) || a.id.localeCompare(b.id)
		);
}
