import { describe, expect, it } from 'vitest';
import {
	classifyFlick,
	classifySwipe,
	classifyTapPair,
	clampScale,
	doubleTapInterval,
	isTap,
	longPressDuration,
	longPressProgress,
	pinchScale,
	slowDoubleTapInterval,
	swipeMinDistance,
	tapSlop
} from '$lib/components/practice/gestures';

const origin = { x: 100, y: 100 };

describe('gestures', () => {
	describe('isTap', () => {
		it('accepts a finger that trembles a little', () => {
			expect(isTap(origin, { x: 100 + tapSlop - 1, y: 100 })).toBe(true);
		});

		it('calls a longer move a slide, not a tap', () => {
			expect(isTap(origin, { x: 100, y: 100 + tapSlop + 1 })).toBe(false);
		});
	});

	describe('classifySwipe', () => {
		it.each([
			[{ x: 200, y: 110 }, 'right'],
			[{ x: 20, y: 90 }, 'left'],
			[{ x: 110, y: 10 }, 'up'],
			[{ x: 90, y: 220 }, 'down']
		] as const)('reads a move to %o as %s (screen y grows downwards)', (to, direction) => {
			expect(classifySwipe(origin, to)).toBe(direction);
		});

		it('takes the larger of the two movements when a swipe is diagonal', () => {
			expect(classifySwipe(origin, { x: 160, y: 140 })).toBe('right');
			expect(classifySwipe(origin, { x: 140, y: 30 })).toBe('up');
		});

		it('returns null for a move shorter than a swipe', () => {
			expect(classifySwipe(origin, { x: 100 + swipeMinDistance - 1, y: 100 })).toBeNull();
			expect(classifySwipe(origin, { x: 100 + swipeMinDistance, y: 100 })).toBe('right');
		});
	});

	describe('classifyFlick', () => {
		it('calls a short move on a key a tap (centre)', () => {
			expect(classifyFlick(origin, { x: 110, y: 105 })).toBe('center');
		});

		it('needs less movement than a swipe', () => {
			expect(classifyFlick(origin, { x: 100, y: 70 })).toBe('up');
			expect(classifySwipe(origin, { x: 100, y: 70 })).toBeNull();
		});
	});

	describe('classifyTapPair', () => {
		it('counts taps close together as a double tap', () => {
			expect(classifyTapPair(250)).toBe('double');
			expect(classifyTapPair(doubleTapInterval)).toBe('double');
		});

		it('still counts a slow double tap, as its own kind', () => {
			expect(classifyTapPair(doubleTapInterval + 1)).toBe('slow-double');
			expect(classifyTapPair(slowDoubleTapInterval)).toBe('slow-double');
		});

		it('treats taps far apart as separate taps', () => {
			expect(classifyTapPair(slowDoubleTapInterval + 1)).toBe('separate');
		});

		it('allows seniors much more time than a phone does (about 0.3 s)', () => {
			expect(doubleTapInterval).toBeGreaterThanOrEqual(600);
			expect(slowDoubleTapInterval).toBeGreaterThanOrEqual(1500);
		});
	});

	describe('longPressProgress', () => {
		it('fills from 0 to 1 over the long-press time and stays full', () => {
			expect(longPressProgress(0)).toBe(0);
			expect(longPressProgress(longPressDuration / 2)).toBeCloseTo(0.5);
			expect(longPressProgress(longPressDuration)).toBe(1);
			expect(longPressProgress(longPressDuration * 5)).toBe(1);
		});

		it('asks for about a second, not a hard deadline', () => {
			expect(longPressDuration).toBeGreaterThanOrEqual(800);
			expect(longPressDuration).toBeLessThanOrEqual(1000);
		});
	});

	describe('pinchScale', () => {
		it('grows with the distance between the fingers', () => {
			expect(pinchScale({ startScale: 1, startDistance: 100, currentDistance: 150 })).toBe(1.5);
		});

		it('continues from the scale an earlier pinch left', () => {
			expect(pinchScale({ startScale: 1.5, startDistance: 100, currentDistance: 200 })).toBe(3);
		});

		it('stays within the picture’s range', () => {
			expect(pinchScale({ startScale: 1, startDistance: 100, currentDistance: 40 })).toBe(1);
			expect(pinchScale({ startScale: 3, startDistance: 100, currentDistance: 400 })).toBe(4);
		});

		it('does not divide by zero when both fingers start on one spot', () => {
			expect(pinchScale({ startScale: 2, startDistance: 0, currentDistance: 50 })).toBe(2);
		});
	});

	describe('clampScale', () => {
		it('keeps a scale between 1 and 4', () => {
			expect(clampScale(0.2)).toBe(1);
			expect(clampScale(2.5)).toBe(2.5);
			expect(clampScale(9)).toBe(4);
		});
	});
});
