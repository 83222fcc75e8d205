import type { Transaction } from 'dexie';
import type { MutationKind, QueuedArgs } from '$lib/domain/mutations';
import { syncTables, type MutationAbout, type OutboxRow, type YorisoiDatabase } from './db';

/** What a queued change comes with: words for the waiting list, and its optimistic record. */
export type QueueOptions = {
	about?: MutationAbout;
	/** Changes the device's own records at once, inside the outbox's transaction. */
	record?: (transaction: Transaction) => Promise<void>;
};

/**
 * The device's outbox (DESIGN.md: sync): a change goes in with its optimistic local record in
 * one transaction, and the sync is woken to send it — the callers never have to.
 */
export class Outbox {
	readonly #wake: () => Promise<void> | void;

	/** `wake` is told after each change is stored (the app's sync; tests count the calls). */
	constructor(
		readonly database: YorisoiDatabase,
		wake: () => Promise<void> | void
	) {
		this.#wake = wake;
	}

	/**
	 * Queues a mutation together with its optimistic local change, in one transaction: both are
	 * stored, or neither. The sequence number comes from the same transaction, so mutations are
	 * numbered in the order they were made even across tabs. Then wakes the sync, without
	 * waiting for it: the change is safe on the device, whatever the network does.
	 */
	async queue<K extends MutationKind>(
		kind: K,
		args: QueuedArgs<K>,
		options: QueueOptions = {}
	): Promise<OutboxRow<K>> {
		const { database } = this;
		const row = await database.transaction('rw', syncTables(database), async (transaction) => {
			const next = await database.syncState.get('nextSeq');
			const seq = typeof next?.value === 'number' ? next.value : 1;
			await database.syncState.put({ key: 'nextSeq', value: seq + 1 });
			const queued: OutboxRow<K> = {
				seq,
				id: crypto.randomUUID(),
				kind,
				args,
				createdAt: Date.now(),
				tries: 0,
				...(options.about ? { about: options.about } : {})
			};
			await database.outbox.add(queued);
			if (options.record) await options.record(transaction);
			return queued;
		});
		void this.#wake();
		return row;
	}
}
