import { randomUUID } from 'node:crypto';
import type { Database } from './storage/database';

/**
 * Records who did what to which record, inside the caller's transaction. Never names, phone
 * numbers or notes: the actor is a volunteer id or 'resident'.
 */
export async function audit(
	tx: Database,
	entry: { actor: string; action: string; recordType: string; recordId: string; at: string }
): Promise<void> {
	await tx.run(
		'INSERT INTO audit_log (id, at, actor, action, record_type, record_id) VALUES (?, ?, ?, ?, ?, ?)',
		[randomUUID(), entry.at, entry.actor, entry.action, entry.recordType, entry.recordId]
	);
}
