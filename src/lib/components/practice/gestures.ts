/**
 * The arithmetic of the practice gestures, kept apart from the DOM so it can be tested and
 * tuned in one place. Distances are CSS pixels, times milliseconds. The numbers are generous on
 * purpose: the learners are seniors whose fingers are slower and less steady than the phone's
 * defaults assume, and a practice that rejects a fair try teaches only discouragement.
 */

/** A point on the screen. */
export type Point = { x: number; y: number };

/** Where a finger went. Screen coordinates: `up` is towards the top of the screen. */
export type Direction = 'left' | 'right' | 'up' | 'down';

/** How far a finger may wander during a tap (a trembling finger still taps). */
export const tapSlop = 24;

/** The fewest pixels a swipe must travel; shorter moves are a touch, not a swipe. */
export const swipeMinDistance = 40;

/** How far a finger must slide on a flick-keyboard key before it counts as a flick. */
export const flickMinDistance = 20;

/** Second taps within this time are a double tap, as on a phone (which allows about 0.3 s). */
export const doubleTapInterval = 700;

/** Second taps within this time still count, with a word that phones want them quicker. */
export const slowDoubleTapInterval = 2000;

/** How long a long press holds; phones use about 0.5 s, practice allows a little longer. */
export const longPressDuration = 900;

/** The picture counts as enlarged at this scale. */
export const pinchGoalScale = 2;

/** The picture's smallest and largest scale. */
export const pinchScaleRange = { min: 1, max: 4 } as const;

/** The straight-line distance between two points. */
export function distance(from: Point, to: Point): number {
	return Math.hypot(to.x - from.x, to.y - from.y);
}

/** Whether a finger that went down at `from` and up at `to` tapped (rather than slid). */
export function isTap(from: Point, to: Point): boolean {
	return distance(from, to) <= tapSlop;
}

/** The main direction of a move from `from` to `to`, or null when it was too short. */
export function classifySwipe(
	from: Point,
	to: Point,
	minDistance = swipeMinDistance
): Direction | null {
	if (distance(from, to) < minDistance) return null;
	const dx = to.x - from.x;
	const dy = to.y - from.y;
	if (Math.abs(dx) >= Math.abs(dy)) return dx > 0 ? 'right' : 'left';
	return dy > 0 ? 'down' : 'up';
}

/** Where a flick went on a keyboard key: `center` for a tap. */
export function classifyFlick(from: Point, to: Point): Direction | 'center' {
	return classifySwipe(from, to, flickMinDistance) ?? 'center';
}

/** What two taps in a row were, by the time between them. */
export type TapPair = 'double' | 'slow-double' | 'separate';

/** Classifies a second tap by the time since the first. */
export function classifyTapPair(intervalMs: number): TapPair {
	if (intervalMs <= doubleTapInterval) return 'double';
	if (intervalMs <= slowDoubleTapInterval) return 'slow-double';
	return 'separate';
}

/** How full a long press is (0–1) after holding for `elapsedMs`. */
export function longPressProgress(elapsedMs: number): number {
	return Math.min(1, Math.max(0, elapsedMs / longPressDuration));
}

/**
 * The picture's scale while two fingers move: the scale at the start of the pinch, times how
 * much the fingers' distance has grown, kept within `pinchScaleRange`.
 */
export function pinchScale(options: {
	startScale: number;
	startDistance: number;
	currentDistance: number;
}): number {
	const { startScale, startDistance, currentDistance } = options;
	if (startDistance <= 0) return clampScale(startScale);
	return clampScale(startScale * (currentDistance / startDistance));
}

/** Keeps a scale within the picture's range. */
export function clampScale(scale: number): number {
	return Math.min(pinchScaleRange.max, Math.max(pinchScaleRange.min, scale));
}

/** The arrow key for each direction, for the keyboard alternative to swipes. */
export const arrowKeys: Record<string, Direction> = {
	ArrowLeft: 'left',
	ArrowRight: 'right',
	ArrowUp: 'up',
	ArrowDown: 'down'
};
