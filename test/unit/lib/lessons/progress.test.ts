import { describe, expect, it } from 'vitest';
import {
	learnerColours,
	leastUsed,
	lessonStatus,
	moveTo,
	startProgress
} from '$lib/lessons/progress';

describe('progress rules', () => {
	describe('moveTo', () => {
		it('marks the step left behind as done only when moving forwards', () => {
			const start = startProgress('a', 'touch', 1);
			const forwards = moveTo(start, { from: 0, to: 1, stepCount: 3, now: 2 });
			expect(forwards).toMatchObject({ step: 1, done: [0], updatedAt: 2 });
			const back = moveTo(forwards, { from: 1, to: 0, stepCount: 3, now: 3 });
			expect(back).toMatchObject({ step: 0, done: [0] });
		});

		it('never goes outside the lesson', () => {
			const start = startProgress('a', 'touch', 1);
			expect(moveTo(start, { from: 0, to: -1, stepCount: 3, now: 2 }).step).toBe(0);
			expect(moveTo(start, { from: 2, to: 9, stepCount: 3, now: 2 }).step).toBe(3);
		});
	});

	describe('lessonStatus', () => {
		it('tells new, started and done apart', () => {
			const start = startProgress('a', 'touch', 1);
			expect(lessonStatus(undefined, 3)).toEqual({ state: 'new' });
			expect(lessonStatus(moveTo(start, { from: 0, to: 1, stepCount: 3, now: 2 }), 3)).toEqual({
				state: 'started',
				done: 1,
				total: 3
			});
			expect(lessonStatus({ ...start, completedAt: 5 }, 3)).toEqual({
				state: 'done',
				completedAt: 5
			});
		});
	});
});

describe('leastUsed', () => {
	it('gives the first colour when nobody is on the device yet', () => {
		expect(leastUsed(learnerColours, [])).toBe('green');
	});

	it('gives the first colour nobody has, whatever order they were taken in', () => {
		expect(leastUsed(learnerColours, ['green'])).toBe('blue');
		expect(leastUsed(learnerColours, ['blue', 'green', 'purple'])).toBe('red');
	});

	it('when every colour is taken, gives the one fewest have', () => {
		const twice = [...learnerColours, ...learnerColours.filter((colour) => colour !== 'brown')];
		expect(leastUsed(learnerColours, twice)).toBe('brown');
		expect(leastUsed(learnerColours, [...learnerColours])).toBe('green');
	});
});
