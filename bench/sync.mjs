// npm run bench:sync — a volunteer's tablet comes back to the hall's Wi-Fi with 1,000 changes
// queued (sign-ups taken by phone and attendance marks): how long the outbox takes to empty,
// and how many requests it needs. The device is the app's own sync engine and Dexie database
// (loaded through Vite, as the tests do) over fake-indexeddb in Node, against the production
// server (`node build`, fresh SQLite, rate limits on). Writes bench/results-sync.json and the
// bench:sync section of BENCHMARKS.md. Needs `npm run build` first (npm run bench does it).
import 'fake-indexeddb/auto';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { createServer } from 'vite';
import { startApp } from './lib/processes.mjs';
import { replaceSection, writeFormatted } from './lib/report.mjs';

const total = 1000;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const admin = { email: 'bench@sync.example', password: `${randomBytes(12).toString('hex')}-Aa1` };

const vite = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error'
});
const { YorisoiDatabase } = await vite.ssrLoadModule('/src/lib/client/db.ts');
const { SyncEngine } = await vite.ssrLoadModule('/src/lib/client/sync-engine.ts');
const { Outbox } = await vite.ssrLoadModule('/src/lib/client/outbox.ts');

async function logIn(url) {
	const response = await fetch(`${url}/api/volunteer/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify(admin)
	});
	const cookie = response.headers
		.getSetCookie()
		.find((line) => line.startsWith('yorisoi_session='));
	if (!cookie) throw new Error(`login answered ${response.status}`);
	return cookie.split(';')[0];
}

/** One run: a fresh server and device, 1,000 queued changes, one flush. */
async function run(index) {
	const app = await startApp('build', {
		YORISOI_ADMIN_EMAIL: admin.email,
		YORISOI_ADMIN_PASSWORD: admin.password
	});
	const database = new YorisoiDatabase(`bench-sync-${index}-${randomUUID()}`);
	// Nothing to wake: the changes are flushed at once below, and timed.
	const outbox = new Outbox(database, () => {});
	try {
		const cookie = await logIn(app.url);
		const { classes } = await (await fetch(`${app.url}/api/classes`)).json();
		// Half the changes are residents signed up by phone, half mark them present.
		const people = [];
		for (let n = 0; n < total / 2; n += 1) {
			const klass = classes[n % classes.length];
			const id = randomUUID();
			people.push({ id, classId: klass.id });
			await outbox.queue(
				'signup.createOnBehalf',
				{
					id,
					classId: klass.id,
					name: `ベンチ ${n}`,
					nameKana: 'べんち',
					device: 'none',
					needsLoaner: true,
					needs: []
				},
				{ about: { title: klass.title, name: `ベンチ ${n}` } }
			);
		}
		for (const person of people) {
			await outbox.queue('attendance.set', {
				classId: person.classId,
				signupId: person.id,
				status: 'present',
				markedAt: new Date().toISOString()
			});
		}
		let pushes = 0;
		let pulls = 0;
		let bytesSent = 0;
		const counting = (input, init) => {
			const url = String(input);
			if (url.includes('/api/sync/push')) {
				pushes += 1;
				bytesSent += String(init?.body ?? '').length;
			}
			if (url.includes('/api/sync/pull')) pulls += 1;
			return fetch(input, { ...init, headers: { ...init?.headers, cookie } });
		};
		const engine = new SyncEngine({ database, baseUrl: app.url, fetch: counting });
		const started = performance.now();
		const result = await engine.flush();
		const ms = performance.now() - started;
		if (result.outcome !== 'done' || result.sent !== total) {
			throw new Error(`flush ended ${JSON.stringify(result)}`);
		}
		const left = await database.outbox.count();
		const refused = await database.rejections.count();
		return { ms: Math.round(ms), pushes, pulls, bytesSent, left, refused };
	} finally {
		await database.delete();
		await app.stop();
	}
}

const samples = [];
for (let index = 1; index <= runs; index += 1) {
	const sample = await run(index);
	console.log(`run ${index}: ${JSON.stringify(sample)}`);
	samples.push(sample);
}
await vite.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = median(samples.map((s) => s.ms));
const result = {
	date: new Date().toISOString(),
	machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
	command: `BENCH_RUNS=${runs} npm run bench:sync`,
	mutations: total,
	runs,
	medianMs: ms,
	perSecond: Math.round((total / ms) * 1000),
	pushes: samples[0].pushes,
	pulls: samples[0].pulls,
	kBSent: Math.round(samples[0].bytesSent / 1024),
	leftInOutbox: Math.max(...samples.map((s) => s.left)),
	refused: Math.max(...samples.map((s) => s.refused)),
	samples
};
await writeFormatted('bench/results-sync.json', JSON.stringify(result));
const section = `<!-- bench:sync -->
## Sync flush (\`npm run bench:sync\`)

${result.date.slice(0, 10)}, ${result.machine}. A volunteer's tablet with ${total} changes queued
offline (${total / 2} residents signed up by phone, ${total / 2} attendance marks for them, over the demo
classes) flushes once against \`node build\` on a fresh SQLite database; median of ${runs} runs.
The device is the app's sync engine and Dexie over fake-indexeddb in Node (not a browser's
IndexedDB), so the time is the protocol and the server more than a tablet's storage.

| changes | time (median) | changes/s | push requests | pull requests | sent | left in outbox | refused |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| ${total} | ${(ms / 1000).toFixed(2)} s | ${result.perSecond} | ${result.pushes} | ${result.pulls} | ${result.kBSent} KB | ${result.leftInOutbox} | ${result.refused} |
<!-- /bench:sync -->`;
await writeFormatted(
	'BENCHMARKS.md',
	replaceSection(readFileSync('BENCHMARKS.md', 'utf8'), 'bench:sync', section)
);
console.log(`\n${section}`);
