import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';
import { z } from 'zod';
import { devices, needs } from '$lib/domain/signup';
import { publicClassSchema, type PublicClassData } from '$lib/domain/sync';
import { db, type YorisoiDatabase } from './db';
import type { MySignup } from './sync-engine';

/**
 * A sign-up as this device stored it, checked on read (an older app version may have written
 * it). Looser than the request schema: it was valid when it was made.
 */
const mySignupSchema = z.object({
	id: z.string(),
	classId: z.string(),
	name: z.string(),
	nameKana: z.string().optional(),
	phone: z.string().optional(),
	device: z.enum(devices),
	needsLoaner: z.boolean(),
	needs: z.array(z.enum(needs)).optional(),
	note: z.string().optional(),
	createdAt: z.number(),
	status: z.enum(['pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected']),
	waitlistPosition: z.number().nullable(),
	cancelToken: z.string().nullable(),
	error: z.object({ code: z.string(), message: z.string() }).nullable(),
	course: z
		.object({ seriesId: z.string(), sessions: z.number(), attendedThrough: z.number() })
		.optional()
});

/** Any zod schema (classic or mini) of rows of type T. */
type RowSchema<T> = {
	safeParse(row: unknown): { success: true; data: T } | { success: false };
};

function valid<T>(rows: unknown[], schema: RowSchema<T>): T[] {
	return rows.flatMap((row) => {
		const parsed = schema.safeParse(row);
		return parsed.success ? [parsed.data] : [];
	});
}

/** A Dexie query read as a Svelte value: live while a page shows it, stopped when not. */
class LiveRows {
	#rows: unknown[] = [];
	#loaded = false;
	#subscribe: () => void;

	constructor(query: () => Promise<unknown[]>) {
		this.#subscribe = createSubscriber((update) => {
			const subscription = liveQuery(query).subscribe({
				next: (rows) => {
					this.#rows = rows;
					this.#loaded = true;
					update();
				},
				error: () => {
					// Storage failed (storage-health reports it); show what there is.
					this.#loaded = true;
					update();
				}
			});
			return () => subscription.unsubscribe();
		});
	}

	get rows(): unknown[] {
		this.#subscribe();
		return this.#rows;
	}

	get loaded(): boolean {
		this.#subscribe();
		return this.#loaded;
	}
}

/**
 * The classes as last pulled and this device's own sign-ups, read live from IndexedDB so a
 * sync (in this tab, another tab or the service worker) shows at once. Both tables are small.
 */
export class ClassBook {
	#classes: LiveRows;
	#signups: LiveRows;
	readonly classes = $derived(valid<PublicClassData>(this.#classesRows(), publicClassSchema));
	readonly signups = $derived(valid<MySignup>(this.#signupsRows(), mySignupSchema));

	constructor(database: YorisoiDatabase = db) {
		this.#classes = new LiveRows(() => database.classes.orderBy('startsAt').toArray());
		this.#signups = new LiveRows(() => database.mySignups.orderBy('createdAt').reverse().toArray());
	}

	#classesRows(): unknown[] {
		return this.#classes.rows;
	}

	#signupsRows(): unknown[] {
		return this.#signups.rows;
	}

	/** True once both tables have been read. */
	get loaded(): boolean {
		return this.#classes.loaded && this.#signups.loaded;
	}

	/** One class by id, if this device knows it. */
	classById(id: string | null): PublicClassData | undefined {
		return this.classes.find((klass) => klass.id === id);
	}

	/** This device's sign-ups for one class, newest first. */
	signupsFor(classId: string): MySignup[] {
		return this.signups.filter((signup) => signup.classId === classId);
	}
}

/** The app's one view of classes and this device's sign-ups. */
export const classBook = new ClassBook();
