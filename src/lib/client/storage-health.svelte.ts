import type { YorisoiDatabase } from './db';

/** What went wrong with on-device storage, for the notice every page shows. */
export type StorageProblem = 'quota' | 'unavailable' | 'upgraded-elsewhere';

/** The state of on-device storage; pages show a notice while `problem` is set. */
class StorageHealth {
	problem = $state<StorageProblem | null>(null);

	/** Records a problem that the user should know about. */
	report(problem: StorageProblem): void {
		this.problem = problem;
	}

	/** Clears a problem once it has gone away (for example after space was freed). */
	clear(problem: StorageProblem): void {
		if (this.problem === problem) this.problem = null;
	}
}

/** The app's one storage-health state. */
export const storageHealth = new StorageHealth();

function isClosedError(error: unknown): boolean {
	const name = (error as { name?: string } | null)?.name;
	// Safari closes IndexedDB connections of pages in the background; later calls then fail
	// with one of these until the database is opened again.
	// (Dexie's names, as strings: Dexie itself loads with the database, after the first paint.)
	return name === 'DatabaseClosedError' || name === 'InvalidStateError';
}

function isQuotaError(error: unknown): boolean {
	const { name, inner } = (error ?? {}) as { name?: string; inner?: { name?: string } };
	return name === 'QuotaExceededError' || inner?.name === 'QuotaExceededError';
}

/**
 * The app's database. Dexie (30 KB) loads with it, after the page's first scripts: a page shows
 * its text before it reads the device (and the service worker holds this chunk offline too).
 */
export async function appDatabase(): Promise<YorisoiDatabase> {
	const { db } = await import('./db');
	return db;
}

/**
 * Runs a database operation (on the app's database unless told another), reopening the
 * database once if the browser closed it, and reporting a full disk to the user instead of
 * failing silently.
 */
export async function withDatabase<T>(
	operation: (database: YorisoiDatabase) => Promise<T>,
	database?: YorisoiDatabase
): Promise<T> {
	try {
		const result = await runReopeningOnce(operation, database ?? (await appDatabase()));
		storageHealth.clear('quota');
		return result;
	} catch (error) {
		if (isQuotaError(error)) storageHealth.report('quota');
		throw error;
	}
}

async function runReopeningOnce<T>(
	operation: (database: YorisoiDatabase) => Promise<T>,
	database: YorisoiDatabase
): Promise<T> {
	try {
		return await operation(database);
	} catch (error) {
		if (!isClosedError(error)) throw error;
		database.close({ disableAutoOpen: false });
		await database.open();
		return operation(database);
	}
}

/**
 * Listens for a newer app version upgrading the database in another tab: this tab's
 * connection then closes, so it asks the user to reload instead of failing on the next write.
 */
export async function watchForUpgradeElsewhere(database?: YorisoiDatabase): Promise<void> {
	(database ?? (await appDatabase())).on('versionchange', (event) => {
		// Dexie closes this connection for any upgrade; a null newVersion means a deletion.
		if (event.newVersion !== null) {
			storageHealth.report('upgraded-elsewhere');
		}
	});
}

/**
 * Closes this page's connection when the page is left. WebKit keeps a page it leaves in its
 * back-forward cache with the connection open, and a transaction that page had not finished
 * then blocks every write of the next page on the same tables, with no end: a sign-up stayed at
 * 「保存しています…」 (test/engines caught it). Closing alone is not enough: a connection closes
 * only once its transactions end, and a transaction still running when the page was put away
 * never ends there (WebKitGTK 2.50: the next page's write waited 20 s and more; with the
 * transaction aborted at `pagehide` it ran in 76 ms). So a page going into that cache aborts
 * what it had not finished: a pull or a send is done again later, and what the person was
 * saving at that instant fails visibly if the page comes back. If the page comes back, Dexie
 * opens the database again on its next use.
 */
export async function closeWhenLeaving(database?: YorisoiDatabase): Promise<void> {
	const app = database ?? (await appDatabase());
	window.addEventListener('pagehide', (event) => {
		if (event.persisted) app.abortUnfinished();
		app.close({ disableAutoOpen: false });
	});
}
