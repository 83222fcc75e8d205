import { z } from 'zod';
import type { YorisoiDatabase } from './db';
import { withDatabase } from './storage-health.svelte';

// A synchronous copy of each draft in localStorage: an IndexedDB write still in flight when
// the page reloads or the tab closes can be lost, a localStorage write cannot.
const mirrorPrefix = 'yorisoi.draft.';
const mirrorSchema = z.object({ value: z.string(), updatedAt: z.number() });

function readMirror(key: string): z.infer<typeof mirrorSchema> | null {
	try {
		const parsed = mirrorSchema.safeParse(
			JSON.parse(localStorage.getItem(mirrorPrefix + key) ?? 'null')
		);
		return parsed.success ? parsed.data : null;
	} catch {
		// No storage (private mode) or a broken value: the database copy is all there is.
		return null;
	}
}

function writeMirror(key: string, value: string, updatedAt: number): void {
	try {
		if (value === '') localStorage.removeItem(mirrorPrefix + key);
		else localStorage.setItem(mirrorPrefix + key, JSON.stringify({ value, updatedAt }));
	} catch {
		// Full or blocked: the database write below still runs.
	}
}

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
	// The app's database (loaded on first use) unless a test gives its own.
	#database: YorisoiDatabase | undefined;
	#writing: Promise<void> | null = null;
	#pending: { value: string; typedAt: number } | null = null;
	// When the text was last changed (0: not since it was restored).
	#typedAt = 0;

	constructor(key: string, database?: YorisoiDatabase) {
		this.key = key;
		this.#database = database;
	}

	/** The text; setting it saves it (an input's own handler would run before `bind:value`). */
	get value(): string {
		return this.#value;
	}

	set value(text: string) {
		this.#value = text;
		this.#typedAt = Date.now();
		writeMirror(this.key, text, this.#typedAt);
		void this.save();
	}

	/** Loads the saved text, keeping anything typed meanwhile. */
	async restore(): Promise<void> {
		const row = await withDatabase((database) => database.drafts.get(this.key), this.#database);
		const mirror = readMirror(this.key);
		// The newer copy wins: the mirror when the last database write was cut short. On a tie
		// (two keys in the same millisecond) the mirror, which is written first, has the later.
		const newest = mirror && (!row || mirror.updatedAt >= row.updatedAt) ? mirror : row;
		if (newest && this.#value === '') this.#value = newest.value;
		this.restored = true;
	}

	/**
	 * Saves the current text. Writes are coalesced: one in flight and, behind it, only the
	 * latest text, so a slow device never builds a queue that a reload could cut short.
	 * Resolves once the latest text has been written.
	 */
	save(): Promise<void> {
		// Stamped with when the text was typed, as its mirror is, not when the database gets to
		// it: a write the database held back (while it opens) would otherwise look newer than the
		// mirror of what was typed after it, and win over it after a reload that cut the last write.
		this.#pending = { value: this.#value, typedAt: this.#typedAt || Date.now() };
		this.#writing ??= this.#drain().finally(() => (this.#writing = null));
		return this.#writing;
	}

	async #drain(): Promise<void> {
		let failure: unknown = null;
		while (this.#pending !== null) {
			const { value, typedAt } = this.#pending;
			this.#pending = null;
			try {
				await withDatabase(async (database) => {
					if (value === '') await database.drafts.delete(this.key);
					else await database.drafts.put({ key: this.key, value, updatedAt: typedAt });
				}, this.#database);
				failure = null;
			} catch (error) {
				// Reported by withDatabase (a full disk shows a notice); a later write may succeed.
				failure = error;
			}
		}
		if (failure) throw failure;
	}

	/** Resolves when the latest text has reached the database. */
	async flushed(): Promise<void> {
		await this.#writing?.catch(() => undefined);
	}

	/** Forgets the text (after it was sent or the user cleared it). */
	async clear(): Promise<void> {
		this.value = '';
		await this.flushed();
	}
}
