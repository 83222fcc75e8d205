/** The one Web Lock all tabs and the service worker take to flush: one syncs at a time. */
export const syncLockName = 'yorisoi-sync';

/**
 * Runs `task` holding the sync lock, or answers null at once when another tab holds it.
 * Browsers without Web Locks run it directly (the engine still joins a running flush).
 */
export async function withSyncLock<T>(task: () => Promise<T>): Promise<T | null> {
	const locks = (globalThis.navigator as Navigator | undefined)?.locks;
	if (!locks) return task();
	return locks.request(syncLockName, { ifAvailable: true }, (lock) => (lock ? task() : null));
}
