import type { Component } from 'svelte';
import type { PracticeKind, PracticeParams, PracticeResult } from '$lib/domain/practice';
import DoubleTapPractice from './DoubleTapPractice.svelte';
import DragPractice from './DragPractice.svelte';
import FindButtonPractice from './FindButtonPractice.svelte';
import FlickPractice from './FlickPractice.svelte';
import LongPressPractice from './LongPressPractice.svelte';
import PinchZoomPractice from './PinchZoomPractice.svelte';
import ScrollFindPractice from './ScrollFindPractice.svelte';
import SwipePractice from './SwipePractice.svelte';
import TapPractice from './TapPractice.svelte';

/** What the lesson player (and the practice page) passes to every practice widget. */
export type PracticeProps<K extends PracticeKind = PracticeKind> = {
	/** The directive's parameters, already validated by the lesson compiler. */
	params: PracticeParams<K>;
	/** The id of the element holding the step's instruction, for aria-describedby. */
	describedBy?: string;
	/** Called once, when the learner has done what was asked. */
	oncomplete: (result: PracticeResult) => void;
};

/**
 * The widget for each kind. Kinds without a widget yet are missing here; the player then shows
 * the step's text alone.
 */
export const practiceWidgets: Partial<{ [K in PracticeKind]: Component<PracticeProps<K>> }> = {
	tap: TapPractice,
	'double-tap': DoubleTapPractice,
	'long-press': LongPressPractice,
	swipe: SwipePractice,
	'scroll-find': ScrollFindPractice,
	'pinch-zoom': PinchZoomPractice,
	drag: DragPractice,
	flick: FlickPractice,
	'find-button': FindButtonPractice
};
