/** The one Web Lock all tabs and the service worker take to flush: one syncs at a time. */
export const syncLockName = 'yorisoi-sync';

/**
 * Runs `task` holding the sync lock, or answers null at once when another tab holds it.
 * Browsers without Web Locks run it directly (the engine still joins a running flush).
 * `locks` is the browser's; the sync simulator (test/sim) passes one per simulated device.
 */
export async function withSyncLock<T>(
	task: () => Promise<T>,
	locks: LockManager | undefined = (globalThis.navigator as Navigator | undefined)?.locks
): Promise<T | null> {
	if (!locks) return task();
	return locks.request(syncLockName, { ifAvailable: true }, (lock) => (lock ? task() : null));
}
