import type { Component } from 'svelte';
import type { PracticeKind } from '$lib/domain/practice';
import type { PracticeProps } from './index';

type Loader = () => Promise<{ default: Component<PracticeProps> }>;

/** A widget's loader, typed for any parameters (the lesson compiler checked them per kind). */
const widget = (load: () => Promise<{ default: unknown }>) => load as Loader;

// The lesson player loads a step's widget when that step is shown: most steps have none, and
// a lesson page's first paint should not wait for nine widgets (the practice page, which
// shows them all, imports them directly). The service worker precaches these chunks too.
const loaders: Partial<Record<PracticeKind, Loader>> = {
	tap: widget(() => import('./TapPractice.svelte')),
	'double-tap': widget(() => import('./DoubleTapPractice.svelte')),
	'long-press': widget(() => import('./LongPressPractice.svelte')),
	swipe: widget(() => import('./SwipePractice.svelte')),
	'scroll-find': widget(() => import('./ScrollFindPractice.svelte')),
	'pinch-zoom': widget(() => import('./PinchZoomPractice.svelte')),
	drag: widget(() => import('./DragPractice.svelte')),
	flick: widget(() => import('./FlickPractice.svelte')),
	'find-button': widget(() => import('./FindButtonPractice.svelte'))
};

/** The widget for a kind, once its code has loaded; null for a kind without a widget. */
export async function loadPracticeWidget(
	kind: PracticeKind
): Promise<Component<PracticeProps> | null> {
	const load = loaders[kind];
	return load ? (await load()).default : null;
}
