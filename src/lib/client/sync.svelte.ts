import { liveQuery, type Subscription } from 'dexie';
import { i18n } from '$lib/i18n/i18n.svelte';
import { syncRequestedMessage, backgroundSyncTag } from '$lib/sw/messages';
import { db, type OutboxRow } from './db';
import { Outbox } from './outbox';
import type { SuspendedTownContact } from '$lib/domain/town-suspended';
import type { FlushResult, SyncEngine } from './sync-engine';
import { withSyncLock } from './sync-lock';
import { nextSyncDelay, syncSchedule } from './sync-schedule';

/**
 * Where syncing stands, for the status every page shows:
 * - `idle`: nothing failed (「すべて送信済み」 when nothing waits);
 * - `syncing`: a flush is running (「送信中…」 with progress);
 * - `offline` / `server-error`: the last try failed; it is tried again by itself;
 * - `login-required`: the server wants a volunteer to log in again (the queue is kept);
 * - `rate-limited`: the server asked to wait;
 * - `town-suspended`: the operator paused this town's service (`suspendedContact`: whom to call).
 */
export type SyncPhase =
	| 'idle'
	| 'syncing'
	| 'offline'
	| 'server-error'
	| 'login-required'
	| 'rate-limited'
	| 'town-suspended';

/**
 * The page's side of sync: what waits in the outbox (live, also when another tab changes it),
 * what the last flush said, and the triggers that flush — on start, when the network comes back,
 * when the page becomes visible again, on a timer with backoff, and through the service
 * worker's Background Sync where the browser has it (Chromium), and whenever `outbox` (below)
 * stores a change.
 */
class SyncState {
	phase = $state<SyncPhase>('idle');
	/** How far the running flush has come, or null. */
	progress = $state<{ sent: number; total: number } | null>(null);
	/** The mutations still waiting, oldest first (also those another tab is sending). */
	waiting = $state<OutboxRow[]>([]);
	/** When this device last heard from the server (epoch ms), or null if never. */
	pulledAt = $state<number | null>(null);
	/** The town office to call, while `town-suspended`. */
	suspendedContact = $state<SuspendedTownContact | null>(null);
	/** Seconds the server asked to wait, while `rate-limited`. */
	retryAfterSeconds = $state(0);
	/** True once this device has ever queued a change (the status is shown from then on). */
	everQueued = $state(false);
	/** False until the outbox has been read once (so nothing flickers at start). */
	loaded = $state(false);

	#started = false;
	/** Loaded on the first sync: a visitor who only reads lessons never downloads it. */
	#engine: Promise<SyncEngine> | null = null;
	#failures = 0;
	#inUse = false;
	/** Asked to sync while a flush ran: one more follows it (a login's fresh start, say). */
	#again = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#subscriptions: Subscription[] = [];

	/** Starts watching and syncing (once per page; the layout calls it). */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		this.#subscriptions.push(
			liveQuery(() => db.outbox.orderBy('seq').toArray()).subscribe({
				next: (rows) => {
					this.waiting = rows;
					this.loaded = true;
				},
				error: () => (this.loaded = true)
			}),
			liveQuery(() => db.syncState.bulkGet(['pulledAt', 'nextSeq'])).subscribe({
				next: ([pulledAt, nextSeq]) => {
					this.pulledAt = typeof pulledAt?.value === 'number' ? pulledAt.value : null;
					this.everQueued = nextSeq !== undefined;
				}
			})
		);
		window.addEventListener('online', () => void this.#syncIfInUse());
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void this.#syncIfInUse();
		});
		navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
			if ((event.data as { type?: string } | null)?.type === syncRequestedMessage) {
				void this.syncNow();
			}
		});
		void this.#syncIfInUse();
	}

	/**
	 * Syncs if this device has ever synced or queued anything. A visitor who only reads
	 * lessons makes no request; the class pages call `syncNow()` themselves.
	 */
	async #syncIfInUse(): Promise<void> {
		if (!this.#inUse) {
			const known = await db.syncState.bulkGet(['nextSeq', 'cursor']).catch(() => []);
			this.#inUse = known.some((row) => row !== undefined);
		}
		if (this.#inUse) await this.syncNow();
	}

	/**
	 * Flushes now (unless this page is already flushing). Another tab holding the lock is
	 * left to it: the outbox list follows its work, and this page looks again shortly.
	 */
	async syncNow(): Promise<FlushResult | null> {
		// A page's onMount runs before the layout's: start here if the layout has not yet.
		this.start();
		if (this.phase === 'syncing') {
			this.#again = true;
			return null;
		}
		this.#inUse = true;
		this.#again = false;
		clearTimeout(this.#timer);
		const previous = this.phase;
		this.phase = 'syncing';
		this.progress = null;
		let result: FlushResult | null;
		try {
			const engine = await this.#loadEngine();
			result = await withSyncLock(() => engine.flush());
		} catch {
			// The database itself failed (storage-health reports it); try again later.
			result = { outcome: 'server-error', sent: 0 };
		}
		this.progress = null;
		if (result === null || result.outcome === 'busy') {
			// Another tab or the service worker is sending: look again in a moment.
			this.phase = previous;
			this.#schedule(syncSchedule.lockBusyRetryMs);
			return result;
		}
		this.#settle(result);
		if (this.#again && result.outcome === 'done') return this.syncNow();
		return result;
	}

	/**
	 * Called by the outbox after it stored a change: it is sent now if the network allows, and
	 * Background Sync is asked to send it even if the page is closed first.
	 */
	async queued(): Promise<void> {
		await requestBackgroundSync();
		if (this.phase === 'login-required') return;
		await this.syncNow();
	}

	#loadEngine(): Promise<SyncEngine> {
		this.#engine ??= import('./sync-engine').then(
			({ SyncEngine }) =>
				new SyncEngine({
					database: db,
					locale: () => i18n.locale,
					onProgress: (progress) => (this.progress = progress)
				})
		);
		// A failed download (offline before the app was cached) is tried again next time.
		this.#engine.catch(() => (this.#engine = null));
		return this.#engine;
	}

	#settle(result: Exclude<FlushResult, { outcome: 'busy' }>): void {
		if (result.outcome !== 'town-suspended') this.suspendedContact = null;
		switch (result.outcome) {
			case 'done':
				this.#failures = 0;
				this.phase = 'idle';
				this.#schedule(nextSyncDelay(0));
				return;
			case 'offline':
			case 'server-error':
				this.#failures += 1;
				this.phase = result.outcome;
				this.#schedule(nextSyncDelay(this.#failures));
				return;
			case 'rate-limited':
				this.phase = 'rate-limited';
				this.retryAfterSeconds = result.retryAfterSeconds;
				this.#schedule(result.retryAfterSeconds * 1000);
				return;
			case 'town-suspended':
				// Asked again now and then: the page works again as soon as the town resumes.
				this.#failures += 1;
				this.phase = 'town-suspended';
				this.suspendedContact = result.contact;
				this.#schedule(nextSyncDelay(this.#failures));
				return;
			case 'login-required':
				// Nothing to retry until the volunteer has logged in (a new page load).
				this.phase = 'login-required';
				return;
		}
	}

	/** The next try, while the page is visible (becoming visible again tries at once). */
	#schedule(delayMs: number): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			if (document.visibilityState === 'visible') void this.syncNow();
			else this.#schedule(delayMs);
		}, delayMs);
	}
}

/** Asks the service worker to sync when the network is back, where Background Sync exists. */
async function requestBackgroundSync(): Promise<void> {
	try {
		const registration = await navigator.serviceWorker?.getRegistration();
		const sync = (registration as { sync?: { register(tag: string): Promise<void> } } | undefined)
			?.sync;
		await sync?.register(backgroundSyncTag);
	} catch {
		// Not allowed or not supported: the page's own triggers still send it.
	}
}

/** The app's one sync state. */
export const sync = new SyncState();

/** The app's outbox: every change queued there wakes the sync (`queued`). */
export const outbox = new Outbox(db, () => sync.queued());
