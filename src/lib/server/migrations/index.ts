import type { Database } from '../storage/database';
import { sql as initial } from './001-initial';
import { sql as rateLimits } from './002-rate-limits';
import { sql as volunteers } from './003-volunteers';
import { sql as attendanceSync } from './004-attendance-sync';
import { sql as venueRetirement } from './005-venue-retirement';
import { sql as textReadings } from './006-text-readings';
import { postgres as postgresSignUp } from './007-postgres-sign-up';
import { sql as volunteerLogins } from './008-volunteer-logins';
import {
	backfill as hallSeatsBackfill,
	postgres as hallSeatsPostgres,
	sql as hallSeats
} from './009-hall-seats';
import { sql as contactMarks } from './010-contact-marks';
import { backfill as assignShortCodes, sql as shortCodes } from './011-short-codes';
import { sql as classDetails } from './012-class-details';
import { sql as classSeries } from './013-class-series';
import { postgres as consultationsPostgres, sql as consultations } from './014-consultations';
import { postgres as questionnairePostgres, sql as questionnaire } from './015-questionnaire';
import {
	backfill as contactMarksPerSessionBackfill,
	postgres as contactMarksPerSessionPostgres,
	sql as contactMarksPerSession
} from './016-contact-marks-per-session';
import { postgres as signUpSeatsPostgres, sql as signUpSeats } from './017-sign-up-seats';
import { backfill as townsBackfill, postgres as townsPostgres, sql as towns } from './018-towns';
import { sql as operators } from './019-operators';
import { sql as townIcons } from './020-town-icons';
import {
	backfill as volunteerEmailPerTownBackfill,
	postgres as volunteerEmailPerTownPostgres,
	sql as volunteerEmailPerTown
} from './021-volunteer-email-per-town';
import { postgres as signUpTownPostgres } from './022-sign-up-town';

/** Every migration, in order. Never edit one that has shipped: add the next number. */
/**
 * `sql` runs on both databases; `postgres`, where given, runs instead of it on PostgreSQL;
 * `backfill`, where given, runs next in the same transaction and fills old rows with what SQL
 * cannot compute (the app's own rules).
 */
export const migrations: ReadonlyArray<{
	version: number;
	name: string;
	sql: string;
	postgres?: string;
	backfill?: (tx: Database) => Promise<void>;
}> = [
	{ version: 1, name: 'initial', sql: initial },
	{ version: 2, name: 'rate-limits', sql: rateLimits },
	{ version: 3, name: 'volunteers', sql: volunteers },
	{ version: 4, name: 'attendance-sync', sql: attendanceSync },
	{ version: 5, name: 'venue-retirement', sql: venueRetirement },
	{ version: 6, name: 'text-readings', sql: textReadings },
	// SQLite makes a sign-up in its own process: nothing to add there.
	{ version: 7, name: 'postgres-sign-up', sql: '', postgres: postgresSignUp },
	{ version: 8, name: 'volunteer-logins', sql: volunteerLogins },
	{
		version: 9,
		name: 'hall-seats',
		sql: hallSeats,
		postgres: hallSeatsPostgres,
		backfill: hallSeatsBackfill
	},
	{ version: 10, name: 'contact-marks', sql: contactMarks },
	{ version: 11, name: 'short-codes', sql: shortCodes, backfill: assignShortCodes },
	{ version: 12, name: 'class-details', sql: classDetails },
	{ version: 13, name: 'class-series', sql: classSeries },
	{ version: 14, name: 'consultations', sql: consultations, postgres: consultationsPostgres },
	{ version: 15, name: 'questionnaire', sql: questionnaire, postgres: questionnairePostgres },
	{
		version: 16,
		name: 'contact-marks-per-session',
		sql: contactMarksPerSession,
		postgres: contactMarksPerSessionPostgres,
		backfill: contactMarksPerSessionBackfill
	},
	{ version: 17, name: 'sign-up-seats', sql: signUpSeats, postgres: signUpSeatsPostgres },
	{ version: 18, name: 'towns', sql: towns, postgres: townsPostgres, backfill: townsBackfill },
	{ version: 19, name: 'operators', sql: operators },
	{ version: 20, name: 'town-icons', sql: townIcons },
	{
		version: 21,
		name: 'volunteer-email-per-town',
		sql: volunteerEmailPerTown,
		postgres: volunteerEmailPerTownPostgres,
		backfill: volunteerEmailPerTownBackfill
	},
	// SQLite checks the town in `signUpIn`: nothing to add there.
	{ version: 22, name: 'sign-up-town', sql: '', postgres: signUpTownPostgres }
];

/**
 * Applies one migration in the caller's transaction (its SQL for the dialect, then its backfill)
 * and records it as applied at `at`. `migrate` runs it for each migration not yet seen; tests
 * run it to build an older schema.
 */
export async function applyMigration(
	tx: Database,
	migration: (typeof migrations)[number],
	at: Date
): Promise<void> {
	const sql = tx.dialect === 'postgres' ? (migration.postgres ?? migration.sql) : migration.sql;
	if (sql.trim() !== '') await tx.exec(sql);
	await migration.backfill?.(tx);
	await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
		migration.version,
		migration.name,
		at.toISOString()
	]);
}

// Any number, the same in every process: PostgreSQL's advisory lock for migrating.
const migrationLock = 7_421_001;

/**
 * Applies the migrations the database has not seen, each in its own transaction, so several
 * servers starting at once (PostgreSQL) or a crash half-way leave a consistent schema.
 * Returns the versions applied.
 */
export async function migrate(database: Database): Promise<number[]> {
	// Under the lock too: PostgreSQL fails when two servers create the same table at once,
	// even with IF NOT EXISTS.
	await database.transaction(async (tx) => {
		if (tx.dialect === 'postgres')
			await tx.first('SELECT pg_advisory_xact_lock(?)', [migrationLock]);
		await tx.exec(
			'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
		);
	});
	const applied: number[] = [];
	for (const migration of migrations) {
		const done = await database.transaction(async (tx) => {
			if (tx.dialect === 'postgres') {
				await tx.first('SELECT pg_advisory_xact_lock(?)', [migrationLock]);
			}
			const seen = await tx.first('SELECT version FROM schema_migrations WHERE version = ?', [
				migration.version
			]);
			if (seen) return false;
			await applyMigration(tx, migration, new Date());
			return true;
		});
		if (done) applied.push(migration.version);
	}
	return applied;
}
