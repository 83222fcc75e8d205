/**
 * When the page tries to sync again: pure, so the backoff can be tested without timers.
 *
 * After a failure the wait doubles (5 s, 10 s, 20 s… up to 5 minutes) with up to a fifth of
 * random spread, so that the tablets of one hall do not all knock at once when the Wi-Fi
 * returns. With nothing failing, a page left open pulls now and then to learn of seats freed
 * and classes changed.
 */
export const syncSchedule = {
	firstRetryMs: 5_000,
	maxRetryMs: 5 * 60_000,
	/** When another tab (or the service worker) holds the sync lock, it is sending now. */
	lockBusyRetryMs: 1_000,
	/** How often an open, visible page pulls when nothing is waiting and nothing failed. */
	idlePullMs: 2 * 60_000
} as const;

/**
 * Milliseconds until the next attempt. `failures` counts the flushes that failed in a row
 * (0 after a success); `random` is `Math.random` or a fixed value in tests.
 */
export function nextSyncDelay(failures: number, random: () => number = Math.random): number {
	if (failures <= 0) return syncSchedule.idlePullMs;
	const base = Math.min(
		syncSchedule.firstRetryMs * 2 ** Math.min(failures - 1, 16),
		syncSchedule.maxRetryMs
	);
	return Math.round(base * (1 + random() * 0.2));
}
