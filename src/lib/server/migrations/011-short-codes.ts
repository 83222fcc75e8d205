import { assignMissingShortCodes } from '../short-codes';
import type { Database } from '../storage/database';

/**
 * Every class gets a short link (`/c/ab12`) for its poster and QR code: a code unique among
 * classes (NULL allowed while a class has none, which both databases let a unique index hold).
 */
export const sql = `
ALTER TABLE classes ADD COLUMN short_code TEXT;
CREATE UNIQUE INDEX classes_by_short_code ON classes (short_code);
`;

/** Classes made before this version get their code here, drawn like a new class's. */
export async function backfill(tx: Database): Promise<void> {
	await assignMissingShortCodes(tx);
}
