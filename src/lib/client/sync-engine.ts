import type { MutationKind } from '$lib/domain/mutations';
import type { SignupRequest } from '$lib/domain/signup';
import { suspendedContact, type SuspendedTownContact } from '$lib/domain/town-suspended';
import {
	fullPullCursor,
	maxPushBatch,
	pullAnswerSchema,
	pushAnswerSchema,
	readAnswer,
	type MutationAnswer,
	type VolunteerPull
} from '$lib/domain/sync-answers';
import { answerHandlers, sendForms } from './answers';
import {
	syncTables,
	townVolunteersKey,
	type MutationAbout,
	type OutboxRow,
	type YorisoiDatabase
} from './db';
import type { Outbox } from './outbox';
import { classesKeptAfterStart, forgetOldAnswers } from './questionnaire';

/** What a device stores of one of its sign-ups. */
export type MySignup = SignupRequest & {
	createdAt: number;
	/** `pending` until the server has answered; `rejected` when it refused (see `error`). */
	status: 'pending' | 'confirmed' | 'waitlisted' | 'cancelled' | 'rejected';
	waitlistPosition: number | null;
	cancelToken: string | null;
	/** The server's reason, in the user's language, when it refused a change. */
	error: { code: string; message: string } | null;
	/** A course sign-up: its sessions and the last one attended (「全4回（2回目まで出席）」). */
	course?: { seriesId: string; sessions: number; attendedThrough: number };
};

/** How a flush ended, for the sync status the pages show. */
export type FlushResult =
	| { outcome: 'done'; sent: number }
	| { outcome: 'offline' | 'server-error'; sent: number }
	| { outcome: 'login-required'; sent: number }
	| { outcome: 'rate-limited'; sent: number; retryAfterSeconds: number }
	/** The operator paused this town's service: nothing is lost, it is sent once it resumes. */
	| { outcome: 'town-suspended'; sent: number; contact: SuspendedTownContact }
	| { outcome: 'busy'; sent: 0 };

/** What the engine needs from the page: its database, fetch, and the user's language. */
export type SyncEngineOptions = {
	database: YorisoiDatabase;
	/** The server's origin plus path prefix ('' in the browser: same origin). */
	baseUrl?: string;
	fetch?: typeof fetch;
	locale?: () => string;
	now?: () => Date;
	/** Told how far a push has come (`sent` of `total` mutations answered). */
	onProgress?: (progress: { sent: number; total: number }) => void;
};

async function stateValue<T>(database: YorisoiDatabase, key: string): Promise<T | undefined> {
	return (await database.syncState.get(key))?.value as T | undefined;
}

/** This device's id for the server (made once, kept with the outbox it numbers). */
export async function deviceId(database: YorisoiDatabase): Promise<string> {
	return database.transaction('rw', database.syncState, async () => {
		const known = await stateValue<string>(database, 'deviceId');
		if (known) return known;
		const made = crypto.randomUUID();
		await database.syncState.put({ key: 'deviceId', value: made });
		return made;
	});
}

/** Signs up from this device: the sign-up is kept as 「送信待ち」 until the server answers. */
export async function queueSignup(outbox: Outbox, request: SignupRequest): Promise<MySignup> {
	const { database } = outbox;
	const signup: MySignup = {
		...request,
		createdAt: Date.now(),
		status: 'pending',
		waitlistPosition: null,
		cancelToken: null,
		error: null
	};
	const about = await aboutClass(database, request.classId, request.name);
	await outbox.queue('signup.create', request, {
		about,
		record: async () => {
			await database.mySignups.put(signup);
		}
	});
	return signup;
}

/**
 * Cancels one of this device's sign-ups. A sign-up the server has not answered yet has no
 * cancel token: its creation and cancellation go out in order, and the cancel is sent with the
 * token the creation's answer brings (see `tokenFor` in `flush`).
 */
export async function queueCancel(outbox: Outbox, signupId: string): Promise<void> {
	const { database } = outbox;
	const signup = await database.mySignups.get(signupId);
	const about = signup
		? await aboutClass(database, signup.classId, signup.name as string | undefined)
		: undefined;
	await outbox.queue(
		'signup.cancel',
		{ signupId },
		{
			about,
			record: async () => {
				await database.mySignups.update(signupId, {
					status: 'cancelled',
					waitlistPosition: null,
					error: null
				});
			}
		}
	);
}

/** The class's title and time as last pulled, and the person, for the waiting list. */
export async function aboutClass(
	database: YorisoiDatabase,
	classId: string,
	name?: string
): Promise<MutationAbout> {
	const klass = await database.classes.get(classId);
	const title = typeof klass?.title === 'string' ? klass.title : undefined;
	return { title, startsAt: klass?.startsAt, name };
}

/**
 * The sync engine of one page: pushes the outbox in order and in batches, applies every
 * answer to the local records, then pulls what changed since the cursor. One flush at a time
 * per page; across tabs, the caller holds a Web Lock (`sync.svelte.ts`).
 */
export class SyncEngine {
	readonly #options: Required<Omit<SyncEngineOptions, 'onProgress'>> &
		Pick<SyncEngineOptions, 'onProgress'>;
	#running: Promise<FlushResult> | null = null;

	constructor(options: SyncEngineOptions) {
		this.#options = {
			...options,
			baseUrl: options.baseUrl ?? '',
			fetch: options.fetch ?? ((...args) => fetch(...args)),
			locale: options.locale ?? (() => 'ja'),
			now: options.now ?? (() => new Date())
		};
	}

	/** Sends what is waiting and fetches what changed; a second call joins the running one. */
	flush(): Promise<FlushResult> {
		this.#running ??= this.#flush().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	async #flush(): Promise<FlushResult> {
		const { database } = this.#options;
		const device = await deviceId(database);
		let sent = 0;
		const total = await database.outbox.count();
		for (;;) {
			const waiting = await database.outbox.orderBy('seq').limit(maxPushBatch).toArray();
			if (waiting.length === 0) break;
			const batch = this.#untilTokenNeeded(waiting);
			const mutations = await Promise.all(batch.map((row) => this.#wireForm(row)));
			let response: Response;
			try {
				response = await this.#request('/api/sync/push', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ deviceId: device, mutations })
				});
			} catch {
				await this.#countTry(batch);
				return { outcome: 'offline', sent };
			}
			if (response.status === 401) return { outcome: 'login-required', sent };
			const contact = await suspendedContact(response);
			if (contact) return { outcome: 'town-suspended', sent, contact };
			if (response.status === 429) {
				const retryAfterSeconds = Number(response.headers.get('retry-after') ?? 60);
				return { outcome: 'rate-limited', sent, retryAfterSeconds };
			}
			if (!response.ok) {
				await this.#countTry(batch);
				return { outcome: 'server-error', sent };
			}
			const parsed = pushAnswerSchema.safeParse(await response.json().catch(() => null));
			if (!parsed.success) return { outcome: 'server-error', sent };
			await this.#applyAnswers(batch, parsed.data.answers);
			sent += parsed.data.answers.length;
			this.#options.onProgress?.({ sent, total: Math.max(total, sent) });
		}
		try {
			await this.#pull(device);
		} catch (error) {
			if (error instanceof TownSuspendedError) {
				return { outcome: 'town-suspended', sent, contact: error.contact };
			}
			return { outcome: 'offline', sent };
		}
		return { outcome: 'done', sent };
	}

	#request(path: string, init?: RequestInit): Promise<Response> {
		const url = new URL(this.#options.baseUrl + path, globalThis.location?.href);
		url.searchParams.set('lang', this.#options.locale());
		return this.#options.fetch(url, { ...init, credentials: 'same-origin' });
	}

	/**
	 * The mutations that can go now: a cancel of a sign-up created earlier in the same batch
	 * needs the token that creation's answer brings, so the batch ends before it.
	 */
	#untilTokenNeeded(waiting: OutboxRow[]): OutboxRow[] {
		const creating = new Set<string>();
		for (const [index, row] of waiting.entries()) {
			if (row.kind === 'signup.create') creating.add(row.args.id);
			if (row.kind === 'signup.cancel' && index > 0 && creating.has(row.args.signupId)) {
				return waiting.slice(0, index);
			}
		}
		return waiting;
	}

	/** The mutation as the server reads it, completed where its kind says (`sendForms`). */
	async #wireForm(row: OutboxRow) {
		const { database } = this.#options;
		const args = row.kind === 'signup.cancel' ? await sendForms[row.kind](database, row) : row.args;
		return { id: row.id, seq: row.seq, kind: row.kind, args };
	}

	async #countTry(batch: OutboxRow[]): Promise<void> {
		const { database } = this.#options;
		await database.outbox.bulkUpdate(
			batch.map((row) => ({ key: row.seq, changes: { tries: row.tries + 1 } }))
		);
	}

	/** Applies the answers and forgets the answered mutations, together. */
	async #applyAnswers(batch: OutboxRow[], answers: MutationAnswer[]): Promise<void> {
		const { database } = this.#options;
		const byId = new Map(batch.map((row) => [row.id, row]));
		await database.transaction('rw', syncTables(database), async () => {
			for (const answer of answers) {
				const row = byId.get(answer.id);
				if (!row) continue;
				await answered(database, row.kind, row, answer);
				await database.outbox.delete(row.seq);
			}
		});
	}

	async #pull(device: string, again = true): Promise<void> {
		const { database } = this.#options;
		const cursor = (await stateValue<number>(database, 'cursor')) ?? fullPullCursor;
		const response = await this.#request(
			`/api/sync/pull?deviceId=${encodeURIComponent(device)}&cursor=${cursor}`
		);
		const contact = await suspendedContact(response);
		if (contact) throw new TownSuspendedError(contact);
		if (!response.ok) throw new Error(`pull answered ${response.status}`);
		const pulled = pullAnswerSchema.parse(await response.json());
		const now = this.#options.now();
		const current = await database.transaction('rw', syncTables(database), async () => {
			// The cursor moved while this answer was on its way (a volunteer's login starts the
			// pulls over, for the rosters): the answer is for the old one, and is pulled again.
			if (((await stateValue<number>(database, 'cursor')) ?? fullPullCursor) !== cursor) {
				return false;
			}
			// Classes that have begun are no longer listed; those this device signed up for stay a
			// week after they end (their questionnaire opens offline), their sign-ups for the record.
			// A full answer lists every upcoming class: the rest are gone.
			if (cursor === fullPullCursor) {
				const kept = await classesKeptAfterStart(database, now);
				await database.classes.clear();
				await database.classes.bulkPut(kept);
			}
			await database.classes.bulkPut(pulled.classes);
			const keptIds = new Set(
				(await classesKeptAfterStart(database, now)).map((klass) => klass.id)
			);
			await database.classes
				.where('startsAt')
				.below(now.toISOString())
				.filter((klass) => !keptIds.has(klass.id))
				.delete();
			await forgetOldAnswers(database, now);
			for (const signup of pulled.signups) {
				const mine = await database.mySignups.get(signup.id);
				// A cancel still waiting to be sent wins over what the server said before it.
				if (!mine || mine.status === 'cancelled') continue;
				await database.mySignups.update(signup.id, {
					status: signup.status,
					waitlistPosition: signup.waitlistPosition,
					...(signup.course ? { course: signup.course } : {})
				});
			}
			if (pulled.volunteer) await storeVolunteerPart(database, pulled.volunteer, cursor, now);
			await database.syncState.bulkPut([
				{ key: 'cursor', value: pulled.cursor },
				{ key: 'pulledAt', value: now.getTime() }
			]);
			return true;
		});
		if (!current && again) await this.#pull(device, false);
	}
}

/** A pull the server refused because the operator paused this town's service. */
class TownSuspendedError extends Error {
	constructor(readonly contact: SuspendedTownContact) {
		super('town_suspended');
	}
}

/**
 * A volunteer's rosters and venues from a pull. Kept only for classes not yet a day past their
 * end (attendance can still be finished the day after); `clearVolunteerData` removes them.
 */
async function storeVolunteerPart(
	database: YorisoiDatabase,
	part: VolunteerPull,
	cursor: number,
	now: Date
): Promise<void> {
	if (cursor === fullPullCursor) await database.rosters.clear();
	await database.rosters.bulkPut(part.classes);
	const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
	await database.rosters.filter((row) => String(row.endsAt) < dayAgo).delete();
	await database.venues.clear();
	await database.venues.bulkPut(part.venues);
	// A server from before tutors by name sends none: the list kept stays as it was.
	if (part.volunteers) {
		await database.syncState.put({ key: townVolunteersKey, value: part.volunteers });
	}
}

/**
 * Reads an answer with its kind's schemas and hands it to the kind's handler (`answers.ts`).
 * An answer this app cannot read is left unhandled: the next pull brings the records.
 */
async function answered<K extends MutationKind>(
	database: YorisoiDatabase,
	kind: K,
	row: OutboxRow<K>,
	answer: MutationAnswer
): Promise<void> {
	const read = readAnswer(kind, answer);
	if (read) await answerHandlers[kind](database, row, read);
}
