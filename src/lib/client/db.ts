import Dexie, { type EntityTable } from 'dexie';

/**
 * The one IndexedDB database of the app, through Dexie.
 *
 * Tables (add a new `version()` for every change; never edit a published one):
 * - `settings` (v1): one row per user setting (`key` → `value`), validated when read because
 *   an older app version may have written it. Mirrored to localStorage for the first paint.
 * - `drafts` (v1): text being typed, saved on every keystroke (`key` names the field), so an
 *   update, a crash or a closed tab loses nothing. Removed when the form is sent.
 *
 * Planned by later parts, each in its own version: learner profiles and lesson progress
 * (lessons), cached classes and the device's sign-ups (scheduler), and the `outbox` of
 * mutations waiting to be sent to the server (sync).
 */
export class YorisoiDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;
	drafts!: EntityTable<DraftRow, 'key'>;

	constructor(name = 'yorisoi') {
		super(name);
		this.version(1).stores({
			settings: 'key',
			drafts: 'key, updatedAt'
		});
	}
}

/** One stored setting; `value` is unknown until validated. */
export type SettingRow = { key: string; value: unknown };

/** Text a user was typing into one field. */
export type DraftRow = { key: string; value: string; updatedAt: number };

/** The app's database (opened on first use). */
export const db = new YorisoiDatabase();
