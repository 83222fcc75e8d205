/**
 * When each volunteer last logged in, for the admins' list of volunteers (NULL: never, or not
 * since this version). Whether a volunteer is active is the `disabled` flag of version 3,
 * which logins and sessions already honour; admins now set it from the volunteers page.
 * The statement is the same on SQLite and PostgreSQL.
 */
export const sql = `
ALTER TABLE volunteers ADD COLUMN last_login_at TEXT;
`;
