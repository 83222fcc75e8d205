// What the storage suites start from: a migrated database of one backend, a venue of the
// fictional town and a volunteer who can be named as the one who made a change.
import { randomBytes, randomUUID } from 'node:crypto';
import { createVolunteer } from '$lib/server/auth';
import { createVenue } from '$lib/server/classes';
import { applyMigration, migrate, migrations } from '$lib/server/migrations';
import { openDatabase, type Database } from '$lib/server/storage/database';
import type { Backend } from './backends';

/**
 * A fresh database of the backend with every migration applied, where it is (for a second
 * connection), and `remove`, which closes and drops it.
 */
export async function migratedDatabase(
	backend: Backend
): Promise<{ database: Database; url: string; remove(): Promise<void> }> {
	const made = await backend.create();
	const database = await openDatabase(made.url);
	await migrate(database);
	return {
		database,
		url: made.url,
		remove: async () => {
			await database.close().catch(() => undefined);
			await made.drop();
		}
	};
}

/**
 * Gives a database made without migrations an older schema, to write rows as that version did
 * before `migrate` brings it up to date: the migrations `which` keeps (by version), each applied
 * as `migrate` applies it and recorded at `at`.
 */
export async function migrateOnly(
	database: Database,
	which: (version: number) => boolean,
	at: Date
): Promise<void> {
	await database.exec(
		'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)'
	);
	for (const migration of migrations.filter((entry) => which(entry.version))) {
		await database.transaction((tx) => applyMigration(tx, migration, at));
	}
}

/** A venue of the fictional town (the address says it is not real); answers its id. */
export function testVenue(
	database: Database,
	now: Date,
	venue = { name: 'テスト公民館', address: 'みどり県みどり町テスト1-1（架空の住所）' }
): Promise<string> {
	return createVenue(database, venue, now);
}

/** A volunteer with a unique e-mail and a strong random password; answers their id. */
export function testVolunteer(
	database: Database,
	now: Date,
	name = '佐藤 まもる'
): Promise<string> {
	return createVolunteer(
		database,
		{
			email: `volunteer-${randomUUID()}@test.example`,
			name,
			role: 'volunteer',
			password: `${randomBytes(12).toString('base64url')}-Zz9`
		},
		now
	);
}
