import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { currentLearnerKey, LearnersManager } from '$lib/client/learners.svelte';
import { resumeMirror } from '$lib/client/resume-mirror';

let database: YorisoiDatabase;
let clock: number;

function manager(): LearnersManager {
	return new LearnersManager(database, () => clock);
}

const hanako = { name: '花子', colour: 'red', emoji: '🌸', device: 'iphone' } as const;
const taro = { name: '太郎', colour: 'blue', emoji: '🍵', device: null } as const;

describe('LearnersManager', () => {
	beforeEach(() => {
		database = new YorisoiDatabase(`test-${crypto.randomUUID()}`);
		clock = Date.UTC(2026, 10, 24, 1);
	});

	afterEach(async () => {
		await database.delete();
	});

	describe('add', () => {
		it('stores the learner and makes them the one practising, across a reload', async () => {
			const first = manager();
			await first.load();
			const learner = await first.add(hanako);
			expect(first.current?.name).toBe('花子');

			const again = manager();
			await again.load();
			expect(again.list).toEqual([learner]);
			expect(again.current?.id).toBe(learner.id);
		});

		it('refuses an empty name', async () => {
			await expect(manager().add({ ...hanako, name: '  ' })).rejects.toThrow();
			expect(await database.learners.count()).toBe(0);
		});
	});

	describe('load', () => {
		it('skips rows an older version wrote wrongly, and a chosen learner that is gone', async () => {
			await database.learners.bulkAdd([
				{ id: 'ok', name: '花子', colour: 'red', emoji: '🌸', device: null, createdAt: 1 },
				{ id: 'bad', name: '', colour: 'pink', createdAt: 2 }
			]);
			await database.settings.put({ key: currentLearnerKey, value: 'bad' });
			const learners = manager();
			await learners.load();
			expect(learners.list.map((learner) => learner.id)).toEqual(['ok']);
			expect(learners.current).toBeNull();
		});
	});

	describe('move', () => {
		it('keeps the step to resume at and the steps done, per learner', async () => {
			const learners = manager();
			const a = await learners.add(hanako);
			const b = await learners.add(taro);
			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 0, to: 1, stepCount: 3 });
			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 1, to: 2, stepCount: 3 });
			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 2, to: 1, stepCount: 3 });

			expect(await learners.progress(a.id, 'touch')).toMatchObject({
				step: 1,
				done: [0, 1],
				completedAt: null
			});
			expect(await learners.progress(b.id, 'touch')).toBeUndefined();
		});

		it('completes the lesson when the learner reaches the summary', async () => {
			const learners = manager();
			const a = await learners.add(hanako);
			for (const from of [0, 1]) {
				clock += 60_000;
				await learners.move({
					learnerId: a.id,
					lessonId: 'touch',
					from,
					to: from + 1,
					stepCount: 2
				});
			}
			const progress = await learners.progress(a.id, 'touch');
			expect(progress).toMatchObject({ step: 2, done: [0, 1], completedAt: clock });
			expect(progress?.startedAt).toBe(clock - 60_000);
		});
	});

	describe('resume', () => {
		it('opens an unfinished lesson where it was left, and a finished one at its start', async () => {
			const learners = manager();
			const a = await learners.add(hanako);
			expect(await learners.resume(a.id, 'touch', 3)).toEqual({
				progress: undefined,
				step: null
			});

			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 0, to: 2, stepCount: 3 });
			expect((await learners.resume(a.id, 'touch', 3)).step).toBe(2);

			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 2, to: 3, stepCount: 3 });
			const finished = await learners.resume(a.id, 'touch', 3);
			expect(finished.step).toBeNull();
			expect(finished.progress?.completedAt).toBe(clock);
		});

		it('keeps the mirror that boot.js reads in step with the moves and the learner chosen', async () => {
			const learners = manager();
			const a = await learners.add(hanako);
			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 0, to: 1, stepCount: 3 });
			expect(resumeMirror.expects('touch')).toBe(true);

			// Another learner takes the tablet: their places, not hers.
			await learners.add(taro);
			expect(resumeMirror.expects('touch')).toBe(false);
			await learners.choose(a.id);
			expect(resumeMirror.expects('touch')).toBe(true);

			// Back to the start, or the mirror wrong (storage cleared): reading the place corrects it.
			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 1, to: 0, stepCount: 3 });
			expect(resumeMirror.expects('touch')).toBe(false);
			resumeMirror.place(a.id, 'call', 4);
			await learners.resume(a.id, 'call', 5);
			expect(resumeMirror.expects('call')).toBe(false);

			// Removed: nothing of hers stays in the mirror either.
			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 0, to: 2, stepCount: 3 });
			await learners.remove(a.id);
			expect(localStorage.getItem('yorisoi.resume')).not.toContain(a.id);
			expect(JSON.parse(localStorage.getItem('yorisoi.resume') ?? '{}').current).toBeNull();
		});
	});

	describe('recordPractice', () => {
		it('adds up attempts per step', async () => {
			const learners = manager();
			const a = await learners.add(hanako);
			const options = { learnerId: a.id, lessonId: 'touch', step: 2 };
			await learners.recordPractice({
				...options,
				result: { attempts: 3, usedAlternative: false }
			});
			await learners.recordPractice({ ...options, result: { attempts: 1, usedAlternative: true } });
			expect((await learners.progress(a.id, 'touch'))?.practice['2']).toEqual({
				attempts: 4,
				usedAlternative: true,
				at: clock
			});
		});
	});

	describe('remove', () => {
		it('deletes the learner and their progress only', async () => {
			const learners = manager();
			const a = await learners.add(hanako);
			const b = await learners.add(taro);
			await learners.move({ learnerId: a.id, lessonId: 'touch', from: 0, to: 1, stepCount: 3 });
			await learners.move({ learnerId: b.id, lessonId: 'touch', from: 0, to: 1, stepCount: 3 });

			await learners.remove(b.id);

			expect(learners.list.map((learner) => learner.name)).toEqual(['花子']);
			expect(learners.current).toBeNull();
			expect((await learners.allProgress()).map((row) => row.learnerId)).toEqual([a.id]);
			expect(await database.learners.get(b.id)).toBeUndefined();
		});
	});

	describe('setDevice', () => {
		it('changes the phone kind of one learner', async () => {
			const learners = manager();
			const a = await learners.add(taro);
			await learners.setDevice(a.id, 'android');
			const again = manager();
			await again.load();
			expect(again.current?.device).toBe('android');
		});
	});
});
