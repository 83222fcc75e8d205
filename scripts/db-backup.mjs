// Makes a consistent copy of the SQLite database while the server runs (node:sqlite's online
// backup), then checks the copy. Usage: npm run db:backup [-- destination.sqlite]
// For PostgreSQL use pg_dump (see the README).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';

const source = process.env.DATABASE_URL || 'data/yorisoi.sqlite';
if (/^postgres(ql)?:\/\//.test(source)) {
	console.error('DATABASE_URL is PostgreSQL: use pg_dump instead (see the README).');
	process.exit(2);
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const destination = process.argv[2] ?? `data/backups/yorisoi-${stamp}.sqlite`;
mkdirSync(dirname(destination), { recursive: true });

const live = new DatabaseSync(source, { readOnly: true, timeout: 5_000 });
const pages = await backup(live, destination);
live.close();

const copy = new DatabaseSync(destination, { readOnly: true });
const check = copy.prepare('PRAGMA integrity_check').get();
const signups = copy.prepare('SELECT COUNT(*) AS n FROM signups').get();
copy.close();
if (check?.integrity_check !== 'ok') {
	console.error(`backup ${destination} failed its integrity check:`, check);
	process.exit(1);
}
console.log(`backup: ${destination} (${pages} pages, ${signups?.n ?? 0} sign-ups, integrity ok)`);
