import type { Device } from '$lib/lessons/lesson';
import type { Learner, Progress } from '$lib/lessons/progress';
import type { PracticeResult } from '$lib/domain/practice';
import type { YorisoiDatabase } from './db';
import { resumeMirror } from './resume-mirror';
import { withDatabase } from './storage-health.svelte';

/** The `settings` row that names the learner now practising on this device. */
export const currentLearnerKey = 'lessons.learnerId';

/**
 * The learners' records' schemas and rules, loaded with the database (every use is once it is
 * open): the schemas bring zod, ~18 KB gzip that a lesson's first paint does not need.
 */
const records = () => import('$lib/lessons/progress');

/** Keeps the rows that are valid (an older app version may have written others). */
function valid<T>(
	rows: unknown[],
	schema: { safeParse: (row: unknown) => { success: boolean; data?: T } }
): T[] {
	return rows.flatMap((row) => {
		const result = schema.safeParse(row);
		return result.success ? [result.data as T] : [];
	});
}

/**
 * The learners of this device (a class tablet is shared: 「だれが練習しますか？」) and their
 * lesson progress, in IndexedDB. No password: anyone at the tablet may pick any name.
 */
export class LearnersManager {
	list = $state<Learner[]>([]);
	currentId = $state<string | null>(null);
	loaded = $state(false);
	readonly current = $derived(this.list.find((learner) => learner.id === this.currentId) ?? null);
	// The app's database (loaded on first use) unless a test gives its own.
	#database: YorisoiDatabase | undefined;
	#now: () => number;

	constructor(database?: YorisoiDatabase, now: () => number = Date.now) {
		this.#database = database;
		this.#now = now;
	}

	/** Reads the learners and who is practising now. */
	async load(): Promise<void> {
		const [{ learnerSchema }, [rows, chosen]] = await Promise.all([
			records(),
			withDatabase(
				(database) =>
					Promise.all([
						database.learners.orderBy('createdAt').toArray(),
						database.settings.get(currentLearnerKey)
					]),
				this.#database
			)
		]);
		this.list = valid<Learner>(rows, learnerSchema);
		const id = typeof chosen?.value === 'string' ? chosen.value : null;
		this.currentId = this.list.some((learner) => learner.id === id) ? id : null;
		resumeMirror.choose(this.currentId);
		this.loaded = true;
	}

	/** Adds a learner and makes them the one practising now. */
	async add(input: {
		name: string;
		colour: Learner['colour'];
		emoji: Learner['emoji'];
		device: Device | null;
	}): Promise<Learner> {
		const { newLearnerSchema } = await records();
		const fields = newLearnerSchema.parse(input);
		const learner: Learner = { ...fields, id: crypto.randomUUID(), createdAt: this.#now() };
		await withDatabase((database) => database.learners.add(learner), this.#database);
		this.list = [...this.list, learner];
		await this.choose(learner.id);
		return learner;
	}

	/** Makes a learner the one practising now (null: nobody chosen). */
	async choose(id: string | null): Promise<void> {
		this.currentId = id;
		resumeMirror.choose(id);
		await withDatabase(async (database) => {
			if (id === null) await database.settings.delete(currentLearnerKey);
			else await database.settings.put({ key: currentLearnerKey, value: id });
		}, this.#database);
	}

	/** Changes the kind of phone a learner uses. */
	async setDevice(id: string, device: Device | null): Promise<void> {
		this.list = this.list.map((learner) => (learner.id === id ? { ...learner, device } : learner));
		await withDatabase((database) => database.learners.update(id, { device }), this.#database);
	}

	/** Deletes a learner and all their progress. */
	async remove(id: string): Promise<void> {
		await withDatabase(
			(database) =>
				database.transaction('rw', database.learners, database.progress, async () => {
					await database.progress.where('learnerId').equals(id).delete();
					await database.learners.delete(id);
				}),
			this.#database
		);
		this.list = this.list.filter((learner) => learner.id !== id);
		resumeMirror.forget(id);
		if (this.currentId === id) await this.choose(null);
	}

	/** A learner's progress in one lesson, if they have started it. */
	async progress(learnerId: string, lessonId: string): Promise<Progress | undefined> {
		const [{ progressSchema }, row] = await Promise.all([
			records(),
			withDatabase((database) => database.progress.get([learnerId, lessonId]), this.#database)
		]);
		const result = progressSchema.safeParse(row);
		return result.success ? result.data : undefined;
	}

	/**
	 * A learner's progress in one lesson and the step they come back to (null: its start), which
	 * is also mirrored for the next time the page opens (see resume-mirror.ts).
	 */
	async resume(
		learnerId: string,
		lessonId: string,
		stepCount: number
	): Promise<{ progress: Progress | undefined; step: number | null }> {
		const [{ resumeStep }, progress] = await Promise.all([
			records(),
			this.progress(learnerId, lessonId)
		]);
		const step = resumeStep(progress, stepCount);
		resumeMirror.place(learnerId, lessonId, step);
		return { progress, step };
	}

	/** Every valid progress row (of one learner, or of everyone for the volunteer view). */
	async allProgress(learnerId?: string): Promise<Progress[]> {
		const [{ progressSchema }, rows] = await Promise.all([
			records(),
			withDatabase(
				(database) =>
					learnerId === undefined
						? database.progress.toArray()
						: database.progress.where('learnerId').equals(learnerId).toArray(),
				this.#database
			)
		]);
		return valid<Progress>(rows, progressSchema);
	}

	/** Records a move between steps (forwards marks the step left as done). */
	async move(options: {
		learnerId: string;
		lessonId: string;
		from: number;
		to: number;
		stepCount: number;
	}): Promise<Progress> {
		const { learnerId, lessonId, ...move } = options;
		const { moveTo, resumeStep } = await records();
		const moved = await this.#update(learnerId, lessonId, (progress, now) =>
			moveTo(progress, { ...move, now })
		);
		resumeMirror.place(learnerId, lessonId, resumeStep(moved, move.stepCount));
		return moved;
	}

	/** Records what a practice widget reported for a step. */
	async recordPractice(options: {
		learnerId: string;
		lessonId: string;
		step: number;
		result: PracticeResult;
	}): Promise<Progress> {
		const { learnerId, lessonId, step, result } = options;
		return this.#update(learnerId, lessonId, (progress, now) => {
			const before = progress.practice[String(step)];
			return {
				...progress,
				updatedAt: now,
				practice: {
					...progress.practice,
					[String(step)]: {
						attempts: (before?.attempts ?? 0) + result.attempts,
						usedAlternative: result.usedAlternative,
						at: now
					}
				}
			};
		});
	}

	async #update(
		learnerId: string,
		lessonId: string,
		change: (progress: Progress, now: number) => Progress
	): Promise<Progress> {
		const { progressSchema, startProgress } = await records();
		return withDatabase(
			(database) =>
				database.transaction('rw', database.progress, async () => {
					const now = this.#now();
					const stored = progressSchema.safeParse(
						await database.progress.get([learnerId, lessonId])
					);
					const next = change(
						stored.success ? stored.data : startProgress(learnerId, lessonId, now),
						now
					);
					await database.progress.put(progressSchema.parse(next));
					return next;
				}),
			this.#database
		);
	}
}

/** The app's one learners state. */
export const learners = new LearnersManager();
