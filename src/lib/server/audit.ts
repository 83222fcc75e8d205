import { randomUUID } from 'node:crypto';
import type { Database } from './storage/database';

/**
 * Records who did what to which record, inside the caller's transaction. Never names, phone
 * numbers or notes: the actor is a volunteer id or 'resident'.
 */
export async function audit(
	tx: Database,
	entry: {
		actor: string;
		action: string;
		recordType: string;
		recordId: string;
		at: string;
		/**
		 * Given for a line about the town itself, or by a caller that knows the record's town;
		 * without it the database finds the record's town (migration 18).
		 */
		townId?: string;
	}
): Promise<void> {
	const values = [randomUUID(), entry.at, entry.actor, entry.action, entry.recordType];
	// Without a town the line is written as before towns (so on a database not yet at version
	// 18 too), and the database gives it its record's town.
	if (entry.townId === undefined) {
		await tx.run(
			'INSERT INTO audit_log (id, at, actor, action, record_type, record_id) VALUES (?, ?, ?, ?, ?, ?)',
			[...values, entry.recordId]
		);
		return;
	}
	await tx.run(
		`INSERT INTO audit_log (id, at, actor, action, record_type, record_id, town_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		[...values, entry.recordId, entry.townId]
	);
}
