import * as z from 'zod/mini';
import { devices } from './lesson';

/**
 * Learner profiles and their lesson progress, as kept on the device (IndexedDB). Pure schemas
 * and rules; `$lib/client/learners.svelte.ts` stores them. Rows are validated when read,
 * because an older version of the app may have written them.
 */

/** Colours a learner can pick to find their name quickly (each with 7:1 contrast on white). */
export const learnerColours = ['green', 'blue', 'red', 'purple', 'brown', 'black'] as const;

/** Pictures a learner can pick beside their name. */
export const learnerEmojis = ['🌸', '🍵', '🐟', '🌻', '🍎', '🐱', '🐶', '⛰️'] as const;

/**
 * A new learner's colour or mark before they choose: the first that nobody on the device has
 * yet, so two names never look alike by default; when all are taken, the one fewest have.
 */
export function leastUsed<T>(choices: readonly [T, ...T[]], used: readonly T[]): T {
	const count = (choice: T) => used.filter((taken) => taken === choice).length;
	return choices.reduce((best, choice) => (count(choice) < count(best) ? choice : best));
}

/** Zod schema of a learner profile. */
export const learnerSchema = z.object({
	id: z.string().check(z.minLength(1)),
	name: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
	colour: z.enum(learnerColours),
	emoji: z.enum(learnerEmojis),
	// null: not chosen yet; the player then shows both phones' instructions.
	device: z.nullable(z.enum(devices)),
	createdAt: z.number()
});

/** A person who practises on this device. */
export type Learner = z.infer<typeof learnerSchema>;

/** What a new learner gives: the rest is filled in. */
export const newLearnerSchema = z.pick(learnerSchema, {
	name: true,
	colour: true,
	emoji: true,
	device: true
});

/** A practice widget's outcome in one step. */
export const practiceRecordSchema = z.object({
	attempts: z.int().check(z.minimum(0)),
	usedAlternative: z.boolean(),
	at: z.number()
});

/** Zod schema of a learner's progress in one lesson. */
export const progressSchema = z.object({
	learnerId: z.string(),
	lessonId: z.string(),
	// The step to open when the learner comes back (0-based; the step count means the summary).
	step: z.int().check(z.minimum(0)),
	// Steps the learner has been through (pressed 次へ on), 0-based, sorted.
	done: z.array(z.int().check(z.minimum(0))),
	// Practice results by step index.
	practice: z.record(z.string(), practiceRecordSchema),
	startedAt: z.number(),
	updatedAt: z.number(),
	// When the learner last reached 「できました！」.
	completedAt: z.nullable(z.number())
});

/** A learner's progress in one lesson. */
export type Progress = z.infer<typeof progressSchema>;

/** Fresh progress for a learner starting a lesson. */
export function startProgress(learnerId: string, lessonId: string, now: number): Progress {
	return {
		learnerId,
		lessonId,
		step: 0,
		done: [],
		practice: {},
		startedAt: now,
		updatedAt: now,
		completedAt: null
	};
}

/** Progress after the learner moved from one step to another (forwards marks a step done). */
export function moveTo(
	progress: Progress,
	options: { from: number; to: number; stepCount: number; now: number }
): Progress {
	const { from, to, stepCount, now } = options;
	const step = Math.max(0, Math.min(to, stepCount));
	const done =
		to > from && from < stepCount
			? [...new Set([...progress.done, from])].sort((a, b) => a - b)
			: progress.done;
	// Reaching 「できました！」 completes the lesson (every step before it was passed with 次へ).
	const completed = step === stepCount;
	return {
		...progress,
		step,
		done,
		updatedAt: now,
		completedAt: completed ? now : progress.completedAt
	};
}

/**
 * The step (0-based) a learner comes back to in a lesson: where they left it unfinished; a
 * lesson not started, at its start, or finished (at 「できました！」) opens at its start (null).
 */
export function resumeStep(progress: Progress | undefined, stepCount: number): number | null {
	return progress && progress.step > 0 && progress.step < stepCount ? progress.step : null;
}

/** How far a learner is in a lesson, for the list: not started, started (n of m) or done. */
export type LessonStatus =
	| { state: 'new' }
	| { state: 'started'; done: number; total: number }
	| { state: 'done'; completedAt: number };

/** A lesson's status for a learner. */
export function lessonStatus(progress: Progress | undefined, stepCount: number): LessonStatus {
	if (!progress) return { state: 'new' };
	if (progress.completedAt !== null) return { state: 'done', completedAt: progress.completedAt };
	return { state: 'started', done: Math.min(progress.done.length, stepCount), total: stepCount };
}
