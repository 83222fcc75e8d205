import { randomUUID } from 'node:crypto';
import type { NewTown, TownCounts, TownListing } from '$lib/domain/operator';
import { parseTown } from '$lib/domain/town';
import { AuthError } from './auth';
import { assertStrongPassword, type Operator } from './operators';
import { hashPassword } from './passwords';
import type { Database } from './storage/database';

/** A town the operator's request cannot make or change, answered with its code. */
export class OperatorError extends Error {
	constructor(
		readonly status: 400 | 404 | 409,
		readonly code:
			'town_taken' | 'host_taken' | 'weak_password' | 'common_password' | 'town_not_found'
	) {
		super(code);
	}
}

/**
 * Writes an operator's action in the audit log, in the caller's transaction, as the town's
 * (`town_id` given: the database cannot find a town from a town's id, only from its records).
 */
async function auditOperator(
	tx: Database,
	entry: { operator: Operator; action: string; townId: string; at: string }
): Promise<void> {
	await tx.run(
		`INSERT INTO audit_log (id, at, actor, action, record_type, record_id, town_id)
		VALUES (?, ?, ?, ?, 'town', ?, ?)`,
		[
			randomUUID(),
			entry.at,
			`operator:${entry.operator.id}`,
			entry.action,
			entry.townId,
			entry.townId
		]
	);
}

/**
 * Makes a town, its hosts and its first admin in one transaction: all of them, or none when
 * the id, a host or the admin's e-mail is taken (each insert says so by changing nothing, so
 * two operators making the same town at once get one town and one 409). The password is
 * checked by the volunteers' rules and hashed before the transaction (scrypt is slow).
 */
export async function createTown(
	database: Database,
	options: { request: NewTown; operator: Operator; now: Date }
): Promise<{ id: string; hosts: string[]; adminId: string }> {
	const { request, operator } = options;
	const details = parseTown(request.town, `town ${request.id}`);
	try {
		await assertStrongPassword(request.admin.password);
	} catch (error) {
		if (error instanceof AuthError) {
			throw new OperatorError(400, error.code as 'weak_password' | 'common_password');
		}
		throw error;
	}
	const passwordHash = await hashPassword(request.admin.password);
	const at = options.now.toISOString();
	const adminId = randomUUID();
	await database.transaction(async (tx) => {
		const town = await tx.run(
			`INSERT INTO towns (id, details, suspended, created_at) VALUES (?, ?, 0, ?)
			ON CONFLICT (id) DO NOTHING`,
			[request.id, JSON.stringify(details), at]
		);
		if (town.changes === 0) throw new OperatorError(409, 'town_taken');
		for (const host of request.hosts) {
			const added = await tx.run(
				'INSERT INTO town_hosts (host, town_id) VALUES (?, ?) ON CONFLICT (host) DO NOTHING',
				[host, request.id]
			);
			if (added.changes === 0) throw new OperatorError(409, 'host_taken');
		}
		// A new town has no volunteers yet: its first admin's e-mail cannot be taken in it
		// (e-mails are unique per town, migration 21; the same person may help another town).
		await tx.run(
			`INSERT INTO volunteers (id, email, name, role, password_hash, disabled, created_at,
				updated_at, town_id)
			VALUES (?, ?, ?, 'admin', ?, 0, ?, ?, ?)`,
			[adminId, request.admin.email, request.admin.name, passwordHash, at, at, request.id]
		);
		await auditOperator(tx, { operator, action: 'town.create', townId: request.id, at });
	});
	return { id: request.id, hosts: request.hosts, adminId };
}

/**
 * Every town with its hosts and what it holds: classes not cancelled, sign-ups not cancelled
 * and active volunteers. Each count is one grouped query over all towns, so the list costs
 * five queries however many towns there are.
 */
export async function listTownsWithCounts(database: Database): Promise<TownListing[]> {
	const [towns, hosts, classes, signups, volunteers] = await Promise.all([
		database.all<{ id: string; details: string; suspended: number; created_at: string }>(
			'SELECT id, details, suspended, created_at FROM towns ORDER BY created_at, id'
		),
		database.all<{ host: string; town_id: string }>(
			'SELECT host, town_id FROM town_hosts ORDER BY host'
		),
		countsBy(database, "SELECT town_id, COUNT(*) AS n FROM classes WHERE status <> 'cancelled'"),
		countsBy(database, "SELECT town_id, COUNT(*) AS n FROM signups WHERE status <> 'cancelled'"),
		countsBy(database, 'SELECT town_id, COUNT(*) AS n FROM volunteers WHERE disabled = 0')
	]);
	const hostsOf = new Map<string, string[]>();
	for (const row of hosts)
		hostsOf.set(row.town_id, [...(hostsOf.get(row.town_id) ?? []), row.host]);
	return towns.map((row) => {
		const counts: TownCounts = {
			classes: classes.get(row.id) ?? 0,
			signups: signups.get(row.id) ?? 0,
			volunteers: volunteers.get(row.id) ?? 0
		};
		return {
			id: row.id,
			hosts: hostsOf.get(row.id) ?? [],
			suspended: Number(row.suspended) === 1,
			createdAt: row.created_at,
			town: parseTown(JSON.parse(row.details), `town ${row.id}`),
			counts
		};
	});
}

/** One grouped count (`select` ends before its GROUP BY), by town. */
async function countsBy(database: Database, select: string): Promise<Map<string, number>> {
	const rows = await database.all<{ town_id: string | null; n: number | string }>(
		`${select} GROUP BY town_id`
	);
	// PostgreSQL returns COUNT(*) as BIGINT text.
	return new Map(rows.map((row) => [row.town_id ?? '', Number(row.n)]));
}

/**
 * Suspends or resumes a town. Nothing of its data is touched: its hosts answer `town_suspended`
 * meanwhile (`town-suspension.ts`), and everything is there again on resuming.
 */
export async function setTownSuspended(
	database: Database,
	options: { townId: string; suspended: boolean; operator: Operator; now: Date }
): Promise<{ id: string; suspended: boolean }> {
	const at = options.now.toISOString();
	await database.transaction(async (tx) => {
		const { changes } = await tx.run('UPDATE towns SET suspended = ? WHERE id = ?', [
			options.suspended ? 1 : 0,
			options.townId
		]);
		if (changes === 0) throw new OperatorError(404, 'town_not_found');
		await auditOperator(tx, {
			operator: options.operator,
			action: options.suspended ? 'town.suspend' : 'town.resume',
			townId: options.townId,
			at
		});
	});
	return { id: options.townId, suspended: options.suspended };
}
