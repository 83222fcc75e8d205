/** Messages between the page and the service worker (the worker imports nothing else of ours). */

/** The worker reports how far precaching has come while it installs. */
export type PrecacheProgressMessage = {
	type: 'PRECACHE_PROGRESS';
	version: string;
	done: number;
	total: number;
};

/** The page asks a waiting worker to take over, after the user agreed to update. */
export type SkipWaitingMessage = { type: 'SKIP_WAITING' };

/**
 * The desk asks the worker to store the volunteer pages on this device (a volunteer is logged
 * in). The worker answers on the message's port with `{ stored }`.
 */
export type KeepVolunteerPagesMessage = { type: 'KEEP_VOLUNTEER_PAGES' };

/** The worker's answer to KEEP_VOLUNTEER_PAGES. */
export type VolunteerPagesStored = { stored: boolean };

/** Any message the worker sends to pages. */
export type WorkerToPageMessage = PrecacheProgressMessage;

/** Any message a page sends to the worker. */
export type PageToWorkerMessage = SkipWaitingMessage | KeepVolunteerPagesMessage;

/** Narrows an unknown `message` event payload to a progress report. */
export function isPrecacheProgress(data: unknown): data is PrecacheProgressMessage {
	const message = data as Partial<PrecacheProgressMessage> | null;
	return (
		message?.type === 'PRECACHE_PROGRESS' &&
		typeof message.done === 'number' &&
		typeof message.total === 'number'
	);
}

/** Background Sync's tag for "the outbox has something to send". */
export const backgroundSyncTag = 'yorisoi-outbox';

/** The worker tells open pages to sync (they do it; the worker syncs only with no page open). */
export const syncRequestedMessage = 'SYNC_REQUESTED';
