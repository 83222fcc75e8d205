import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type { MutationKind, QueuedArgs } from '$lib/domain/mutations';

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
 * - `outbox` (v3): mutations waiting to be sent to the server, keyed by the device's sequence
 *   number (so read in the order they were made); written in the same transaction as the
 *   optimistic local record they belong to, deleted once the server has answered them.
 * - `syncState` (v3): the device's id, its next sequence number and its pull cursor.
 * - `classes` (v3): upcoming classes as last pulled (readable offline, with `pulledAt`).
 * - `mySignups` (v3): this device's sign-ups with what the server said of them.
 *
 * - `rosters` (v4): for a logged-in volunteer, the upcoming classes with their versions and
 *   rosters (names, phones, needs, attendance), as pulled; removed at logout (shared tablets).
 * - `venues` (v4): the venues, for a volunteer's class form.
 *   Classes and venues carry the readings of their typed texts (`titleReadings`…, not indexed:
 *   no new version); rows pulled before have none and are shown plain.
 *   The town's volunteers (tutors to choose) are one `syncState` row (`townVolunteersKey`).
 * - `rejections` (v4): volunteer changes the server refused (a conflict carries the class as
 *   it now is), until the volunteer has seen and resolved them. Removed at logout.
 *
 * - `remembered` (v5): the name, reading and phone of this device's last sign-up (one row,
 *   key `person`), offered on the next sign-up form; never sent anywhere, removed when the
 *   resident says to forget it. Validated when read (`remembered-person.ts`).
 *
 * - `answeredQuestionnaires` (v6): the classes whose questionnaire was answered on this phone
 *   (`classId`, `answeredAt`), so it is not answered twice; the server cannot tell (answers are
 *   anonymous). Written with the answer's outbox row; forgotten after `answeredKeptDays`.
 *   Classes a resident signed up for stay in `classes` until a week after they end
 *   (`keptAfterClassDays`), so the questionnaire opens offline.
 */
export class YorisoiDatabase extends Dexie {
	settings!: EntityTable<SettingRow, 'key'>;
	drafts!: EntityTable<DraftRow, 'key'>;
	learners!: EntityTable<LearnerRow, 'id'>;
	progress!: Table<ProgressRow, [string, string]>;
	outbox!: EntityTable<OutboxRow, 'seq'>;
	syncState!: EntityTable<SyncStateRow, 'key'>;
	classes!: EntityTable<ClassRow, 'id'>;
	mySignups!: EntityTable<MySignupRow, 'id'>;
	rosters!: EntityTable<RosterClassRow, 'id'>;
	venues!: EntityTable<VenueRow, 'id'>;
	rejections!: EntityTable<RejectionRow, 'mutationId'>;
	remembered!: EntityTable<RememberedRow, 'key'>;
	answeredQuestionnaires!: EntityTable<AnsweredQuestionnaireRow, 'classId'>;

	/** This connection's transactions that have begun and not yet finished. */
	readonly #unfinished = new Set<IDBTransaction>();

	/**
	 * `options` lets the sync simulator (test/sim) give each simulated device an IndexedDB of its
	 * own (`{ indexedDB, IDBKeyRange }` from fake-indexeddb); the app passes none.
	 */
	constructor(name = 'yorisoi', options?: DexieOptions) {
		super(name, options);
		this.version(1).stores({
			settings: 'key',
			drafts: 'key, updatedAt'
		});
		this.version(2).stores({
			learners: 'id, createdAt',
			progress: '[learnerId+lessonId], learnerId'
		});
		this.version(3).stores({
			outbox: 'seq, id',
			syncState: 'key',
			classes: 'id, startsAt',
			mySignups: 'id, classId, createdAt'
		});
		this.version(4).stores({
			rosters: 'id, startsAt',
			venues: 'id',
			rejections: 'mutationId, classId, at'
		});
		this.version(5).stores({
			remembered: 'key'
		});
		this.version(6).stores({
			answeredQuestionnaires: 'classId, answeredAt'
		});
		// Every transaction Dexie begins passes here (its lowest layer answers the browser's
		// IDBTransaction), so a page being put away can end the ones still open.
		this.use({
			stack: 'dbcore',
			name: 'unfinished-transactions',
			create: (down) => ({
				...down,
				transaction: (stores, mode, transactionOptions) => {
					const transaction = down.transaction(stores, mode, transactionOptions);
					this.#track(transaction as unknown as IDBTransaction);
					return transaction;
				}
			})
		});
	}

	#track(transaction: IDBTransaction): void {
		// (Listeners, not Dexie's own oncomplete/onabort/onerror properties.)
		if (typeof transaction.addEventListener !== 'function') return;
		this.#unfinished.add(transaction);
		const finished = () => this.#unfinished.delete(transaction);
		for (const event of ['complete', 'abort', 'error']) {
			transaction.addEventListener(event, finished);
		}
	}

	/**
	 * Aborts this connection's unfinished transactions: their changes are not kept (what was
	 * being sent or pulled is sent or pulled again; Dexie rejects the writes' promises). For a
	 * page going into the back-forward cache (see `closeWhenLeaving`), where they would stay
	 * open and block the next page's writes.
	 */
	abortUnfinished(): void {
		for (const transaction of this.#unfinished) {
			try {
				transaction.abort();
			} catch {
				// It finished meanwhile.
			}
		}
		this.#unfinished.clear();
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

/** One queued mutation of kind K (`$lib/domain/mutations`), as made on this device. */
type QueuedMutation<K extends MutationKind> = {
	seq: number;
	id: string;
	kind: K;
	args: QueuedArgs<K>;
	createdAt: number;
	/** How many pushes carried it without an answer (network down, server error). */
	tries: number;
	/** What it is about, for the list of what is still waiting (「送信待ち」). */
	about?: MutationAbout;
};

/**
 * One queued mutation of kind K; without K, of any kind (narrowed by `kind`). Rows stored by
 * earlier versions of the app have the same shape.
 */
export type OutboxRow<K extends MutationKind = MutationKind> = {
	[Kind in K]: QueuedMutation<Kind>;
}[K];

/** Words that let a person recognise a waiting change: the class and the person. */
export type MutationAbout = { title?: string; startsAt?: string; name?: string };

/** One value of the sync engine's own state (`deviceId`, `nextSeq`, `cursor`, `pulledAt`). */
export type SyncStateRow = { key: string; value: unknown };

/** A class as last pulled; unknown fields until validated. */
export type ClassRow = { id: string; startsAt: string } & Record<string, unknown>;

/** A sign-up made on this device; unknown fields until validated. */
export type MySignupRow = { id: string; classId: string; createdAt: number } & Record<
	string,
	unknown
>;

/** A class with its roster as a volunteer's pull brought it; unknown fields until validated. */
export type RosterClassRow = { id: string; startsAt: string } & Record<string, unknown>;

/**
 * A venue as pulled. `nameReadings` (the name's furigana, `[written, reading]` lists) came
 * after v4: not indexed, so no new version; rows stored before have none.
 */
export type VenueRow = {
	id: string;
	name: string;
	nameReadings?: string[][];
	address: string;
};

/** A volunteer's change the server refused, kept until the volunteer has dealt with it. */
export type RejectionRow = {
	mutationId: string;
	kind: string;
	args: unknown;
	about?: MutationAbout;
	/** The class it was about, when it was about one. */
	classId: string | null;
	error: { code: string; message: string };
	/** For a conflict: the class as it is now on the server. */
	current?: unknown;
	at: number;
};

/** A class whose questionnaire this phone answered, and when (ms since the epoch). */
export type AnsweredQuestionnaireRow = { classId: string; answeredAt: number };

/** Something this device remembers for its user; `value` is unknown until validated. */
export type RememberedRow = { key: string; value: unknown };

/**
 * The `syncState` row holding the town's volunteers as the last pull listed them (`{ id, name }`
 * each, validated when read), for assigning tutors offline; removed with the rest of a
 * volunteer's data at logout.
 */
export const townVolunteersKey = 'townVolunteers';

/** The tables a sync transaction touches: the outbox, its state and the records it changes. */
export const syncTables = (database: YorisoiDatabase) =>
	[
		database.outbox,
		database.syncState,
		database.classes,
		database.mySignups,
		database.rosters,
		database.venues,
		database.rejections,
		database.answeredQuestionnaires
	] as const;

/** The app's database (opened on first use). */
export const db = new YorisoiDatabase();
