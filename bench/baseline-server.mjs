// The physical floor for the sign-up benchmark: a bare node:http server that parses the same
// JSON and does the same work in SQLite (same pragmas, BEGIN IMMEDIATE, count the seats, insert
// the row) with nothing else — no framework, no validation, no idempotency, no audit row.
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const database = new DatabaseSync(process.env.DATABASE_URL, { timeout: 5_000 });
database.exec('PRAGMA journal_mode = WAL');
database.exec('PRAGMA synchronous = FULL');
database.exec(`CREATE TABLE IF NOT EXISTS signups (
	id TEXT PRIMARY KEY, class_id TEXT NOT NULL, name TEXT NOT NULL, device TEXT NOT NULL,
	needs_loaner INTEGER NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL)`);
const count = database.prepare(
	"SELECT COUNT(*) AS n FROM signups WHERE class_id = ? AND status = 'confirmed'"
);
const insert = database.prepare(
	'INSERT INTO signups (id, class_id, name, device, needs_loaner, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
);
const capacity = 1_000_000;

createServer((request, response) => {
	if (request.method !== 'POST') return response.end('ready');
	const chunks = [];
	request.on('data', (chunk) => chunks.push(chunk));
	request.on('end', () => {
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		database.exec('BEGIN IMMEDIATE');
		const confirmed = count.get(body.classId).n;
		const status = confirmed < capacity ? 'confirmed' : 'waitlisted';
		insert.run(
			body.id,
			body.classId,
			body.name,
			body.device,
			body.needsLoaner ? 1 : 0,
			status,
			new Date().toISOString()
		);
		database.exec('COMMIT');
		response.writeHead(201, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ id: body.id, status }));
	});
}).listen(Number(process.env.PORT), '127.0.0.1');
