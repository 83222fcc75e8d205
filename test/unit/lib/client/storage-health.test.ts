import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import {
	closeWhenLeaving,
	storageHealth,
	watchForUpgradeElsewhere,
	withDatabase
} from '$lib/client/storage-health.svelte';

let name: string;
let database: YorisoiDatabase;

/** An operation that counts its calls and fails with the given errors before succeeding. */
function flaky(...failures: unknown[]) {
	const operation = {
		calls: 0,
		run: async (db: YorisoiDatabase): Promise<number> => {
			operation.calls += 1;
			const failure = failures[operation.calls - 1];
			if (failure !== undefined) throw failure;
			return db.settings.count();
		}
	};
	return operation;
}

describe('storage-health', () => {
	beforeEach(async () => {
		name = `test-${crypto.randomUUID()}`;
		database = new YorisoiDatabase(name);
		await database.settings.put({ key: 'textSize', value: 150 });
		storageHealth.problem = null;
	});

	afterEach(async () => {
		vi.restoreAllMocks();
		await database.delete();
	});

	describe('storageHealth', () => {
		describe('clear', () => {
			it('clears only the problem it names', () => {
				storageHealth.report('upgraded-elsewhere');
				storageHealth.clear('quota');
				expect(storageHealth.problem).toBe('upgraded-elsewhere');

				storageHealth.clear('upgraded-elsewhere');
				expect(storageHealth.problem).toBeNull();
			});
		});
	});

	describe('withDatabase', () => {
		it('returns what the operation returns, run on the given database', async () => {
			const rows = await withDatabase((db) => db.settings.toArray(), database);

			expect(rows).toEqual([{ key: 'textSize', value: 150 }]);
		});

		it('passes other errors on without retrying', async () => {
			const operation = flaky(new TypeError('bug'));

			await expect(withDatabase(operation.run, database)).rejects.toThrow('bug');
			expect(operation.calls).toBe(1);
			expect(storageHealth.problem).toBeNull();
		});

		describe('when the database was closed', () => {
			it('reopens it and retries an operation that failed with DatabaseClosedError', async () => {
				// close() without options disables Dexie's auto-open, as after a failed connection.
				database.close();
				const operation = flaky();
				const tries: string[] = [];
				const run = async (db: YorisoiDatabase) => {
					try {
						return await operation.run(db);
					} catch (error) {
						tries.push((error as Error).name);
						throw error;
					}
				};

				expect(await withDatabase(run, database)).toBe(1);
				expect(tries).toEqual([Dexie.errnames.DatabaseClosed]);
				expect(operation.calls).toBe(2);
				expect(database.isOpen()).toBe(true);
			});

			it('retries an operation that failed with InvalidStateError', async () => {
				const operation = flaky(
					new DOMException('The connection is closing.', 'InvalidStateError')
				);

				expect(await withDatabase(operation.run, database)).toBe(1);
				expect(operation.calls).toBe(2);
			});

			it('retries only once', async () => {
				const operation = flaky(new Dexie.DatabaseClosedError(), new Dexie.DatabaseClosedError());

				await expect(withDatabase(operation.run, database)).rejects.toMatchObject({
					name: Dexie.errnames.DatabaseClosed
				});
				expect(operation.calls).toBe(2);
			});

			it('works after the browser closed the connection (Dexie reopens it itself)', async () => {
				database.close({ disableAutoOpen: false });
				const operation = flaky();

				expect(await withDatabase(operation.run, database)).toBe(1);
				expect(operation.calls).toBe(1);
			});
		});

		describe('when the disk is full', () => {
			it.each([
				['Dexie.QuotaExceededError', () => new Dexie.QuotaExceededError('full')],
				['a DOMException', () => new DOMException('full', 'QuotaExceededError')],
				[
					'an AbortError caused by a QuotaExceededError',
					() => new Dexie.AbortError(new DOMException('full', 'QuotaExceededError'))
				]
			])('reports quota for %s and passes it on', async (_, makeError) => {
				const error = makeError();
				const operation = flaky(error);

				await expect(withDatabase(operation.run, database)).rejects.toBe(error);
				expect(storageHealth.problem).toBe('quota');
				expect(operation.calls).toBe(1);
			});

			it('clears the quota problem after a later success', async () => {
				await expect(
					withDatabase(flaky(new Dexie.QuotaExceededError()).run, database)
				).rejects.toThrow();
				expect(storageHealth.problem).toBe('quota');

				await withDatabase(flaky().run, database);

				expect(storageHealth.problem).toBeNull();
			});

			it('reports quota when the retry after a reopen fails with it', async () => {
				const full = new Dexie.QuotaExceededError('full');
				const operation = flaky(new Dexie.DatabaseClosedError(), full);

				await expect(withDatabase(operation.run, database)).rejects.toBe(full);
				expect(operation.calls).toBe(2);
				expect(storageHealth.problem).toBe('quota');
			});

			it('clears the quota problem when the retry after a reopen succeeds', async () => {
				storageHealth.report('quota');
				const operation = flaky(new Dexie.DatabaseClosedError());

				await withDatabase(operation.run, database);

				expect(operation.calls).toBe(2);
				expect(storageHealth.problem).toBeNull();
			});

			it('keeps an upgrade notice after a success', async () => {
				storageHealth.report('upgraded-elsewhere');

				await withDatabase(flaky().run, database);

				expect(storageHealth.problem).toBe('upgraded-elsewhere');
			});
		});
	});

	describe('watchForUpgradeElsewhere', () => {
		beforeEach(async () => {
			// Dexie warns when it closes a connection for another one; expected here.
			vi.spyOn(console, 'warn').mockImplementation(() => undefined);
			await database.open();
			await watchForUpgradeElsewhere(database);
		});

		it('reports when another tab opens the database at a higher version', async () => {
			// A later app version: one above whatever this one's schema is.
			const newer = new Dexie(name);
			newer.version(database.verno + 1).stores({ later: '++id' });

			await newer.open();
			newer.close();

			expect(storageHealth.problem).toBe('upgraded-elsewhere');
		});

		it('does not report another tab at the same version', async () => {
			const same = new YorisoiDatabase(name);

			await same.open();
			same.close();

			expect(storageHealth.problem).toBeNull();
		});

		it('does not report the database being deleted', async () => {
			await Dexie.delete(name);

			expect(storageHealth.problem).toBeNull();
		});
	});

	describe('closeWhenLeaving', () => {
		beforeEach(() => {
			// The unit tests run in Node: a window that is only an event target is enough here.
			vi.stubGlobal('window', new EventTarget());
		});

		afterEach(() => {
			vi.unstubAllGlobals();
		});

		it('closes the connection when the page is left, and opens it again on the next use', async () => {
			await database.open();
			await closeWhenLeaving(database);

			window.dispatchEvent(new Event('pagehide'));
			expect(database.isOpen()).toBe(false);

			// Back from the back-forward cache: the next read opens the database again.
			await expect(database.settings.get('textSize')).resolves.toEqual({
				key: 'textSize',
				value: 150
			});
			expect(database.isOpen()).toBe(true);
		});

		it('going into the back-forward cache, aborts the writes still running, and the next page writes', async () => {
			await database.open();
			await closeWhenLeaving(database);
			// A write still running when the page is put away: one request after another.
			let keepGoing = true;
			let begun = () => {};
			const running = database.transaction('rw', database.settings, async () => {
				await database.settings.put({ key: 'fontNote', value: 'half-saved' });
				begun();
				while (keepGoing) await database.settings.get('textSize');
			});
			await new Promise<void>((done) => (begun = done));

			const pagehide = new Event('pagehide');
			Object.defineProperty(pagehide, 'persisted', { value: true });
			window.dispatchEvent(pagehide);
			await expect(running).rejects.toMatchObject({ name: 'AbortError' });

			// The next page's own connection writes at once, though the loop above never ended.
			const nextPage = new YorisoiDatabase(name);
			const wrote = nextPage.transaction('rw', nextPage.settings, () =>
				nextPage.settings.put({ key: 'textSize', value: 200 })
			);
			const waited = new Promise((done) => setTimeout(() => done('blocked for 2 s'), 2000));
			await expect(Promise.race([wrote, waited])).resolves.toBe('textSize');
			await expect(nextPage.settings.get('fontNote')).resolves.toBeUndefined();
			keepGoing = false;
			nextPage.close();
		});
	});
});
