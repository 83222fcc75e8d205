import * as z from 'zod/mini';

/**
 * The practice widgets a lesson step may embed (`::: practice <kind> key=value`), and the
 * parameters each accepts. The lesson compiler checks authors' directives against these
 * schemas; the player hands the parsed parameters to the widget of the same kind.
 */
export const practiceParamSchemas = {
	tap: z.strictObject({}),
	'double-tap': z.strictObject({}),
	'long-press': z.strictObject({}),
	swipe: z.strictObject({ direction: z.enum(['left', 'right', 'up', 'down']) }),
	'scroll-find': z.strictObject({}),
	'pinch-zoom': z.strictObject({}),
	drag: z.strictObject({}),
	// The word to type, in hiragana (the flick keyboard's own letters), 1–10 characters.
	flick: z.strictObject({
		word: z.string().check(z.regex(/^[\u3041-\u3096\u30fc]{1,10}$/u, 'hiragana, 1–10 letters'))
	}),
	'find-button': z.strictObject({
		target: z.enum(['phone', 'camera', 'photos', 'settings', 'messages', 'browser', 'maps'])
	})
} as const;

/** One of the practice widgets' names, such as `swipe`. */
export type PracticeKind = keyof typeof practiceParamSchemas;

/** Every practice widget's name, in the order the practice page lists them. */
export const practiceKinds = Object.keys(practiceParamSchemas) as PracticeKind[];

/** The parameters of one kind of widget, after validation. */
export type PracticeParams<K extends PracticeKind> = z.infer<(typeof practiceParamSchemas)[K]>;

/** Whether a name is one of the practice widgets. */
export function isPracticeKind(name: string): name is PracticeKind {
	return Object.hasOwn(practiceParamSchemas, name);
}

/** What a widget reports once the learner has done the gesture. */
export type PracticeResult = {
	/** Tries including the successful one (a miss is a gesture that was not the one asked). */
	attempts: number;
	/** Whether the learner used the button or key alternative instead of the gesture. */
	usedAlternative: boolean;
};

/** How many misses before a widget offers its hint (calmly, never a failure screen). */
export const hintAfterMisses = 3;
