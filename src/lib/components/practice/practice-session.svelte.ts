import { hintAfterMisses, type PracticeResult } from '$lib/domain/practice';

/** A message shown to the learner, read in the current language each time it is shown. */
export type Feedback = () => string;

/**
 * One round of one practice widget: what the learner has tried, what to tell them, and
 * whether it is done. Every widget keeps one, so they all count and answer alike: a miss is
 * explained in plain words, a hint appears after `hintAfterMisses` misses, and `oncomplete`
 * is called exactly once.
 */
export class PracticeSession {
	attempts = $state(0);
	misses = $state(0);
	done = $state(false);
	usedAlternative = $state(false);
	feedback = $state<Feedback | null>(null);
	readonly hintDue = $derived(this.misses >= hintAfterMisses);
	#oncomplete: (result: PracticeResult) => void;

	constructor(oncomplete: (result: PracticeResult) => void) {
		this.#oncomplete = oncomplete;
	}

	/** Tells the learner how it is going, without counting a try. */
	say(feedback: Feedback): void {
		if (!this.done) this.feedback = feedback;
	}

	/** Counts a try that was not the gesture asked for, and says what happened. */
	miss(feedback: Feedback): void {
		if (this.done) return;
		this.attempts += 1;
		this.misses += 1;
		this.feedback = feedback;
	}

	/** Counts the successful try, says so, and reports the result once. */
	succeed(options: { usedAlternative: boolean; feedback: Feedback }): void {
		if (this.done) return;
		this.attempts += 1;
		this.done = true;
		this.usedAlternative = options.usedAlternative;
		this.feedback = options.feedback;
		this.#oncomplete({ attempts: this.attempts, usedAlternative: options.usedAlternative });
	}
}
