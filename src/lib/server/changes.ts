import type { Database } from './storage/database';

/**
 * Takes the next number of the change clock, inside the caller's writing transaction; every
 * row the transaction writes is stamped with it (`change_seq`), so a pull after cursor N
 * returns exactly the rows written since. The clock's single row is locked until commit
 * (PostgreSQL; SQLite has one writer anyway), so numbers become visible in the order they were
 * taken and a pull never skips a transaction that committed late. A sequence would not lock, but
 * its numbers commit out of order: a pull could read 6 while 5 is still uncommitted, and the
 * next pull, after 6, would never see 5. The lock costs little because sign-ups take one number
 * per batch (`yorisoi_sign_ups`, migration 17), and they wait on their class's lock first anyway.
 */
export async function nextChange(tx: Database): Promise<number> {
	const row = await tx.first<{ value: number }>(
		'UPDATE change_clock SET value = value + 1 WHERE id = 1 RETURNING value'
	);
	if (!row) throw new Error('change_clock is missing its row');
	return Number(row.value);
}

/** The clock's current value: the cursor of a pull that has seen everything so far. */
export async function currentChange(database: Database): Promise<number> {
	const row = await database.first<{ value: number }>(
		'SELECT value FROM change_clock WHERE id = 1'
	);
	return Number(row?.value ?? 0);
}
