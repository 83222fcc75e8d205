import { randomInt } from 'node:crypto';
import { makeShortCode, readShortCode } from '$lib/domain/short-code';
import type { Database } from './storage/database';
import { defaultTownId } from './towns';

/** Tries before giving up on finding a free code (each try fails once in ~3 million). */
const maxTries = 20;

/**
 * A short code no class has yet, for a class being created or migrated. Checked before use
 * rather than caught on insert: a failed statement would end a PostgreSQL transaction. Two
 * servers drawing the same code at the same instant would still meet the unique index.
 */
export async function freeShortCode(tx: Database): Promise<string> {
	for (let tries = 0; tries < maxTries; tries += 1) {
		const code = makeShortCode(randomInt);
		const taken = await tx.first('SELECT id FROM classes WHERE short_code = ?', [code]);
		if (!taken) return code;
	}
	throw new Error('no free short code found');
}

/** Gives every class without a short code one (migration 11: classes made before codes). */
export async function assignMissingShortCodes(tx: Database): Promise<number> {
	const rows = await tx.all<{ id: string }>(
		'SELECT id FROM classes WHERE short_code IS NULL ORDER BY created_at, id'
	);
	for (const row of rows) {
		await tx.run('UPDATE classes SET short_code = ? WHERE id = ?', [
			await freeShortCode(tx),
			row.id
		]);
	}
	return rows.length;
}

/**
 * The class a short link names, as typed or scanned (capitals and full-width letters are
 * read as the code), or null when no class has it. Cancelled and past classes are found too:
 * their page says so, which is kinder than "not found".
 */
export async function classIdByShortCode(
	database: Database,
	typed: string,
	townId: string = defaultTownId
): Promise<string | null> {
	const code = readShortCode(typed);
	if (!code) return null;
	// Codes are unique across towns; another town's is unknown here.
	const row = await database.first<{ id: string }>(
		'SELECT id FROM classes WHERE short_code = ? AND town_id = ?',
		[code, townId]
	);
	return row?.id ?? null;
}
