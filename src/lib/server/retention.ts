import { purgeExpiredRateLimits } from './rate-limit';
import { nextChange } from './changes';
import { errorKind, log } from './log';
import { classesEndedBefore } from './series';
import type { Database } from './storage/database';

const day = 24 * 60 * 60 * 1000;

/** Days after a class ends before its residents' personal data is removed (YORISOI_RETENTION_DAYS). */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
	const days = Number(env.YORISOI_RETENTION_DAYS ?? 90);
	return Number.isInteger(days) && days >= 0 ? days : 90;
}

/**
 * Anonymises the sign-ups of classes that ended more than `days` ago: name, reading, phone,
 * needs and note are removed; the status stays, so attendance figures still add up.
 * Returns how many sign-ups were anonymised.
 */
export async function anonymiseOldSignups(
	database: Database,
	options: { now: Date; days: number }
): Promise<number> {
	const before = new Date(options.now.getTime() - options.days * day).toISOString();
	return database.transaction(async (tx) => {
		const stale = await tx.first<{ n: number }>(
			`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM signups
			WHERE name <> '' AND class_id IN (${classesEndedBefore})`,
			[before]
		);
		if (Number(stale?.n ?? 0) === 0) return 0;
		// Stamped as a change, so volunteers' tablets drop the names from their offline rosters.
		const { changes } = await tx.run(
			`UPDATE signups SET name = '', name_kana = NULL, phone = NULL, needs = '[]', note = NULL, help_topics = NULL,
				name_key = NULL, phone_key = NULL, reading_key = NULL, updated_at = ?, change_seq = ?
			WHERE name <> '' AND class_id IN (${classesEndedBefore})`,
			[options.now.toISOString(), await nextChange(tx), before]
		);
		return changes;
	});
}

/** Forgets the sync answers older than the retention period (a device retries within days). */
export async function purgeOldMutations(
	database: Database,
	options: { now: Date; days: number }
): Promise<number> {
	const before = new Date(options.now.getTime() - options.days * day).toISOString();
	const { changes } = await database.run('DELETE FROM mutations WHERE applied_at < ?', [before]);
	return changes;
}

/** Runs the anonymisation (and clears spent rate-limit counters) now and then daily. */
export function scheduleRetention(options: {
	database: Database;
	days: number;
	clock: () => Date;
}): void {
	const runOnce = () =>
		anonymiseOldSignups(options.database, { now: options.clock(), days: options.days }).then(
			async (count) => {
				log.info({ job: 'retention', anonymised: count }, 'retention ran');
				await purgeExpiredRateLimits(options.database, options.clock());
				await purgeOldMutations(options.database, { now: options.clock(), days: options.days });
			},
			// Logged by kind only; the next day's run tries again.
			(error: unknown) =>
				log.error({ job: 'retention', error: errorKind(error) }, 'retention failed')
		);
	void runOnce();
	setInterval(() => void runOnce(), day).unref();
}
