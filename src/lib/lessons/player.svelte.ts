import type { PracticeResult } from '$lib/domain/practice';
import type { Learner, Progress } from './progress';

/** What the player needs of the device's learners (`$lib/client/learners.svelte`). */
export type PlayerLearners = {
	readonly current: Learner | null;
	load(): Promise<void>;
	resume(
		learnerId: string,
		lessonId: string,
		stepCount: number
	): Promise<{ progress: Progress | undefined; step: number | null }>;
	move(options: {
		learnerId: string;
		lessonId: string;
		from: number;
		to: number;
		stepCount: number;
	}): Promise<Progress>;
	recordPractice(options: {
		learnerId: string;
		lessonId: string;
		step: number;
		result: PracticeResult;
	}): Promise<Progress>;
};

/**
 * The lesson open in the player: who was practising when it opened (null if the device could
 * not say), and whether the learner has moved since.
 */
type Opened = {
	lessonId: string;
	stepCount: number;
	learner: Promise<Learner | null>;
	moved: boolean;
};

/**
 * The lesson player's state (one per lesson page): the step on screen, the learner's progress
 * and where they were resumed. `open` starts a lesson at step 1 and moves to where the learner
 * left it once the device has said so; a move or a practice before then is recorded for the
 * learner and the lesson of that moment, when the device has answered.
 */
export class StepPlayer {
	/** The step on screen, 0-based; `stepCount` is the summary 「できました！」. */
	index = $state(0);
	progress = $state<Progress | null>(null);
	/** The step the lesson was resumed at (null: it opened at its start, or the learner moved). */
	resumedAt = $state<number | null>(null);
	/** The step's practice is done. */
	practised = $state(false);
	/** The learner and their place in this lesson have been read from the device. */
	restored = $state(false);
	/** Who is practising, once read (null: nobody chosen, or not read yet). */
	learner = $state<Learner | null>(null);
	#stepCount = $state(0);
	#opened: Opened | null = null;
	#learners: () => Promise<PlayerLearners>;
	#onStorageError: (error: unknown) => void;

	/**
	 * `learners` gives the device's learners (loaded on demand); `onStorageError` hears that
	 * the device could not be read or written.
	 */
	constructor(options: {
		learners: () => Promise<PlayerLearners>;
		onStorageError: (error: unknown) => void;
	}) {
		this.#learners = options.learners;
		this.#onStorageError = options.onStorageError;
	}

	/** Whether the summary 「できました！」 is on screen. */
	get finished(): boolean {
		return this.index >= this.#stepCount;
	}

	/**
	 * Opens a lesson at its first step, then moves to where the learner left it (an unfinished
	 * lesson; a finished one stays at its start). Resolves once the place has been read (or could
	 * not be); opening another lesson meanwhile discards what is read for this one.
	 */
	async open(lessonId: string, stepCount: number): Promise<void> {
		this.index = 0;
		this.progress = null;
		this.resumedAt = null;
		this.practised = false;
		this.restored = false;
		this.#stepCount = stepCount;
		const read = this.#readLearner();
		const opened: Opened = {
			lessonId,
			stepCount,
			// Its failure is reported once, below; a move then records nothing.
			learner: read.catch(() => null),
			moved: false
		};
		this.#opened = opened;
		try {
			const learner = await read;
			if (this.#opened !== opened) return;
			this.learner = learner;
			if (!learner) return;
			const place = await (await this.#learners()).resume(learner.id, lessonId, stepCount);
			if (this.#opened !== opened) return;
			this.progress = place.progress ?? null;
			// The learner may have moved on meanwhile: their move wins.
			if (place.step !== null && !opened.moved) {
				this.index = place.step;
				this.resumedAt = place.step;
			}
		} catch (error) {
			if (this.#opened === opened) this.#onStorageError(error);
		} finally {
			if (this.#opened === opened) this.restored = true;
		}
	}

	/** Shows the next step (after the last one, the summary). */
	next(): Promise<void> {
		return this.go(this.index + 1);
	}

	/** Shows the step before. */
	back(): Promise<void> {
		return this.go(this.index - 1);
	}

	/** Shows the summary 「できました！」, marking the step left as done. */
	finish(): Promise<void> {
		return this.go(this.#stepCount);
	}

	/**
	 * Shows another step at once and records the move on the device (forwards marks the step
	 * left as done); resolves once it is recorded.
	 */
	async go(to: number): Promise<void> {
		const opened = this.#opened;
		if (!opened) return;
		const from = this.index;
		const next = Math.max(0, Math.min(to, opened.stepCount));
		this.index = next;
		this.practised = false;
		this.resumedAt = null;
		opened.moved = true;
		await this.#record(opened, (learners, learnerId) =>
			learners.move({
				learnerId,
				lessonId: opened.lessonId,
				from,
				to: next,
				stepCount: opened.stepCount
			})
		);
	}

	/** Records what the practice of the step on screen reported; resolves once it is stored. */
	async practise(result: PracticeResult): Promise<void> {
		const opened = this.#opened;
		if (!opened) return;
		const step = this.index;
		this.practised = true;
		await this.#record(opened, (learners, learnerId) =>
			learners.recordPractice({ learnerId, lessonId: opened.lessonId, step, result })
		);
	}

	/**
	 * Writes a change for the learner who was practising when the lesson opened, once the device
	 * has said who that is (nothing when nobody was or it could not say), and shows the progress
	 * it stored if that lesson is still open; a failure is reported, not thrown.
	 */
	async #record(
		opened: Opened,
		write: (learners: PlayerLearners, learnerId: string) => Promise<Progress>
	): Promise<void> {
		const learner = await opened.learner;
		if (!learner) return;
		try {
			const progress = await write(await this.#learners(), learner.id);
			if (this.#opened === opened) this.progress = progress;
		} catch (error) {
			this.#onStorageError(error);
		}
	}

	/** Who is practising now, read once per lesson opened (null when the device cannot say). */
	async #readLearner(): Promise<Learner | null> {
		const learners = await this.#learners();
		await learners.load();
		return learners.current;
	}
}
