/** Rate-limit counters shared by every server process on this database. */
export const sql = `
CREATE TABLE rate_limits (
	key TEXT PRIMARY KEY,
	points INTEGER NOT NULL,
	expire BIGINT
);
CREATE INDEX rate_limits_by_expiry ON rate_limits (expire);
`;
