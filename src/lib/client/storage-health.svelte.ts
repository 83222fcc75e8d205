import Dexie from 'dexie';
import { db, type YorisoiDatabase } from './db';

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
	return name === Dexie.errnames.DatabaseClosed || name === 'InvalidStateError';
}

function isQuotaError(error: unknown): boolean {
	const { name, inner } = (error ?? {}) as { name?: string; inner?: { name?: string } };
	return name === Dexie.errnames.QuotaExceeded || inner?.name === 'QuotaExceededError';
}

/**
 * Runs a database operation, reopening the database once if the browser closed it, and
 * reporting a full disk to the user instead of failing silently.
 */
export async function withDatabase<T>(
	operation: (database: YorisoiDatabase) => Promise<T>,
	database: YorisoiDatabase = db
): Promise<T> {
	try {
		const result = await runReopeningOnce(operation, database);
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
export function watchForUpgradeElsewhere(database: YorisoiDatabase = db): void {
	database.on('versionchange', (event) => {
		// Dexie closes this connection for any upgrade; a null newVersion means a deletion.
		if (event.newVersion !== null) {
			storageHealth.report('upgraded-elsewhere');
		}
	});
}
