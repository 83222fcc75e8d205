/**
 * Venues are retired, never deleted: past classes keep their place for the statistics and the
 * printed rosters, while volunteers stop seeing the venue when they publish a class.
 */
export const sql = `
ALTER TABLE venues ADD COLUMN retired_at TEXT;
`;
