import Dexie, { type EntityTable, type Table } from 'dexie';

/**
 * The one IndexedDB database of the app, through Dexie.
 *
 * Tables (add a new `version()` for every change; never edit a published one):
 * - `settings` (v1): one row per user setting (`key` → `value`), validated when read because
 *   an older app version may have written it. Mirrored to localStorage for the first paint.
 * - `drafts` (v1): text being typed, saved on every keystroke (`key` names the field), so an
 *   update, a crash or a closed tab loses nothing. Removed when the form is sent.
 *
 * - `learners` (v2): the people who practise on this device (a class tablet is shared): name,
 *   colour, emoji and phone kind; no password. Validated when read (`$lib/lessons/progress`).
 * - `progress` (v2): one row per learner and lesson (`[learnerId+lessonId]`): the step to resume
 *   at, the steps done, practice attempts and dates. Deleted with its learner.
 *   The learner now practising is the `settings` row `lessons.learnerId`.
 *
 * Planned by later parts, each in its own version: cached classes and the device's sign-ups (scheduler), and the `outbox` of
 * mutations waiting to be sent to the server (sync).
 */
export class YorisoiDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;
	drafts!: EntityTable<DraftRow, 'key'>;
	learners!: EntityTable<LearnerRow, 'id'>;
	progress!: Table<ProgressRow, [string, string]>;

	constructor(name = 'yorisoi') {
		super(name);
		this.version(1).stores({
			settings: 'key',
			drafts: 'key, updatedAt'
		});
		this.version(2).stores({
			learners: 'id, createdAt',
			progress: '[learnerId+lessonId], learnerId'
		});
	}
}

/** One stored setting; `value` is unknown until validated. */
export type SettingRow = { key: string; value: unknown };

/** Text a user was typing into one field. */
export type DraftRow = { key: string; value: string; updatedAt: number };

/** A learner as stored; unknown fields until validated with `learnerSchema`. */
export type LearnerRow = { id: string } & Record<string, unknown>;

/** A learner's progress in one lesson as stored; validated with `progressSchema` on read. */
export type ProgressRow = { learnerId: string; lessonId: string } & Record<string, unknown>;

/** The app's database (opened on first use). */
export const db = new YorisoiDatabase();
