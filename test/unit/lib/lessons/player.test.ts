import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { LearnersManager } from '$lib/client/learners.svelte';
import type { Learner } from '$lib/lessons/progress';
import { StepPlayer } from '$lib/lessons/player.svelte';

let database: YorisoiDatabase;
let learners: LearnersManager;
let storageErrors: unknown[];

const hanako = { name: '花子', colour: 'red', emoji: '🌸', device: 'iphone' } as const;
const taro = { name: '太郎', colour: 'blue', emoji: '🍵', device: null } as const;

/**
 * A player on a page just opened: its own learners, not read yet (`loaded` holds back their
 * first read until it resolves), on the test's database.
 */
function player(loaded: Promise<void> = Promise.resolve()): StepPlayer {
	const device = new LearnersManager(database, () => Date.UTC(2026, 11, 6, 1));
	const held = {
		get current() {
			return device.current;
		},
		load: async () => {
			await loaded;
			await device.load();
		},
		resume: device.resume.bind(device),
		move: device.move.bind(device),
		recordPractice: device.recordPractice.bind(device)
	};
	return new StepPlayer({
		learners: async () => held,
		onStorageError: (error) => storageErrors.push(error)
	});
}

/** The learner has moved through a lesson of `stepCount` steps up to step `to` (0-based). */
async function leaveAt(learner: Learner, lessonId: string, to: number, stepCount: number) {
	for (let from = 0; from < to; from += 1) {
		await learners.move({ learnerId: learner.id, lessonId, from, to: from + 1, stepCount });
	}
}

describe('StepPlayer', () => {
	beforeEach(() => {
		database = new YorisoiDatabase(`test-${crypto.randomUUID()}`);
		learners = new LearnersManager(database, () => Date.UTC(2026, 11, 6, 1));
		storageErrors = [];
	});

	afterEach(async () => {
		await database.delete();
	});

	describe('open', () => {
		it('resumes an unfinished lesson at the step the learner left it', async () => {
			const learner = await learners.add(hanako);
			await leaveAt(learner, 'power-screen', 2, 5);

			const steps = player();
			const opening = steps.open('power-screen', 5);
			// Step 1 until the device has said where the learner was.
			expect(steps.index).toBe(0);
			expect(steps.restored).toBe(false);
			await opening;

			expect(steps.index).toBe(2);
			expect(steps.resumedAt).toBe(2);
			expect(steps.restored).toBe(true);
			expect(steps.progress).toMatchObject({ step: 2, done: [0, 1] });
			expect(steps.learner?.name).toBe('花子');
		});

		it('opens a finished lesson at step 1, with its progress', async () => {
			const learner = await learners.add(hanako);
			await leaveAt(learner, 'power-screen', 5, 5);

			const steps = player();
			await steps.open('power-screen', 5);

			expect(steps.index).toBe(0);
			expect(steps.resumedAt).toBeNull();
			expect(steps.finished).toBe(false);
			expect(steps.progress?.completedAt).not.toBeNull();
		});

		it('opens at step 1 when nobody is practising, and says it has read the device', async () => {
			const steps = player();
			await steps.open('power-screen', 5);
			expect(steps.index).toBe(0);
			expect(steps.learner).toBeNull();
			expect(steps.restored).toBe(true);
		});

		it('starts another lesson afresh: step 1, no progress, no practice, no resumed notice', async () => {
			const learner = await learners.add(hanako);
			await leaveAt(learner, 'power-screen', 2, 5);
			const steps = player();
			await steps.open('power-screen', 5);
			await steps.finish();
			expect(steps.finished).toBe(true);

			// A related lesson, opened from 「できました！」, reuses the page.
			await steps.open('touch', 3);

			expect(steps.index).toBe(0);
			expect(steps.finished).toBe(false);
			expect(steps.progress).toBeNull();
			expect(steps.resumedAt).toBeNull();
			expect(steps.practised).toBe(false);
		});

		it('keeps what is read for a lesson left before the device answered out of the next one', async () => {
			const learner = await learners.add(hanako);
			await leaveAt(learner, 'power-screen', 3, 5);
			let answer = () => {};
			const steps = player(new Promise((resolve) => (answer = resolve)));

			const first = steps.open('power-screen', 5);
			const second = steps.open('touch', 3);
			answer();
			await Promise.all([first, second]);

			expect(steps.index).toBe(0);
			expect(steps.resumedAt).toBeNull();
			expect(steps.progress).toBeNull();
			expect(steps.restored).toBe(true);
		});

		it('reports a device that cannot be read, and still shows the lesson', async () => {
			const steps = new StepPlayer({
				learners: async () => {
					throw new Error('IndexedDB unavailable');
				},
				onStorageError: (error) => storageErrors.push(error)
			});
			await steps.open('power-screen', 5);
			expect(steps.restored).toBe(true);
			expect(storageErrors).toHaveLength(1);
			// A move is shown, and recorded nowhere.
			await steps.next();
			expect(steps.index).toBe(1);
			expect(storageErrors).toHaveLength(1);
		});
	});

	describe('go', () => {
		it('records a move made before the place is read for the learner who opened the lesson', async () => {
			const learner = await learners.add(hanako);
			const other = await learners.add(taro);
			await learners.choose(learner.id);
			await leaveAt(learner, 'power-screen', 3, 5);
			let answer = () => {};
			const steps = player(new Promise((resolve) => (answer = resolve)));

			const opening = steps.open('power-screen', 5);
			// The learner taps 「次へ」 on step 1 before the device has said where she was.
			const moving = steps.next();
			expect(steps.index).toBe(1);
			answer();
			await opening;
			// Someone else is chosen (in another tab) before the move is stored.
			await learners.choose(other.id);
			await moving;

			// Her move wins over the place read, and is hers.
			expect(steps.index).toBe(1);
			expect(steps.resumedAt).toBeNull();
			expect(await learners.progress(learner.id, 'power-screen')).toMatchObject({ step: 1 });
			expect(await learners.progress(other.id, 'power-screen')).toBeUndefined();
		});

		it('records a move for the lesson it was made in, even when another opens meanwhile', async () => {
			const learner = await learners.add(hanako);
			let answer = () => {};
			const steps = player(new Promise((resolve) => (answer = resolve)));

			void steps.open('power-screen', 5);
			const moving = steps.next();
			const opening = steps.open('touch', 3);
			answer();
			await Promise.all([moving, opening]);

			expect(await learners.progress(learner.id, 'power-screen')).toMatchObject({ step: 1 });
			expect(await learners.progress(learner.id, 'touch')).toBeUndefined();
			expect(steps.progress).toBeNull();
		});

		it('keeps within the lesson: back from step 1 stays, next from the summary stays', async () => {
			await learners.add(hanako);
			const steps = player();
			await steps.open('touch', 2);
			await steps.back();
			expect(steps.index).toBe(0);
			await steps.next();
			await steps.next();
			await steps.next();
			expect(steps.index).toBe(2);
			expect(steps.finished).toBe(true);
			expect(steps.progress?.completedAt).not.toBeNull();
		});
	});

	describe('practise', () => {
		it('records the practice of the step on screen and marks it done', async () => {
			const learner = await learners.add(hanako);
			const steps = player();
			await steps.open('touch', 3);
			await steps.next();
			await steps.practise({ attempts: 2, usedAlternative: false });
			expect(steps.practised).toBe(true);
			expect(steps.progress?.practice['1']).toMatchObject({ attempts: 2 });
			expect((await learners.progress(learner.id, 'touch'))?.practice['1']).toMatchObject({
				attempts: 2
			});
			// The next step starts unpractised.
			await steps.next();
			expect(steps.practised).toBe(false);
		});
	});
});
