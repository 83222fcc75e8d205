/**
 * Each town's home-screen icons as PNG (issue 17; src/lib/domain/town-icons.ts): drawn by an
 * admin's browser from the town's SVG icon, kept as base64 text (the same on SQLite and
 * PostgreSQL), one row per town and size. The statements are the same on both databases.
 */
export const sql = `
CREATE TABLE town_icons (
	town_id TEXT NOT NULL REFERENCES towns (id),
	size INTEGER NOT NULL,
	png TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (town_id, size)
);
`;
