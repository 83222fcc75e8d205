import { db, type YorisoiDatabase } from './db';
import { withDatabase } from './storage-health.svelte';

/**
 * Text being typed into one field, saved to IndexedDB on every change so that an update,
 * a crash or a closed tab loses nothing. Bind an input to `value` (every change is saved)
 * and call `restore()` once.
 */
export class Draft {
	#value = $state('');
	/** True once the stored text has been read, so an early save cannot overwrite it. */
	restored = $state(false);
	readonly key: string;
	#database: YorisoiDatabase;
	#writing: Promise<void> = Promise.resolve();

	constructor(key: string, database: YorisoiDatabase = db) {
		this.key = key;
		this.#database = database;
	}

	/** The text; setting it saves it (an input's own handler would run before `bind:value`). */
	get value(): string {
		return this.#value;
	}

	set value(text: string) {
		this.#value = text;
		void this.save();
	}

	/** Loads the saved text, keeping anything typed meanwhile. */
	async restore(): Promise<void> {
		const row = await withDatabase((database) => database.drafts.get(this.key), this.#database);
		if (row && this.#value === '') this.#value = row.value;
		this.restored = true;
	}

	/** Saves the current text; writes are chained so the last keystroke always wins. */
	save(): Promise<void> {
		const value = this.#value;
		this.#writing = this.#writing
			.catch(() => undefined)
			.then(() =>
				withDatabase(async (database) => {
					if (value === '') await database.drafts.delete(this.key);
					else await database.drafts.put({ key: this.key, value, updatedAt: Date.now() });
				}, this.#database)
			);
		return this.#writing;
	}

	/** Resolves when every save so far has reached the database. */
	flushed(): Promise<void> {
		return this.#writing;
	}

	/** Forgets the text (after it was sent or the user cleared it). */
	async clear(): Promise<void> {
		this.value = '';
		await this.flushed();
	}
}
