// npm run bench:stats — the desk's figures for the town (issue 16) over two years of a town's
// classes: ≈ 500 classes, 10,000 sign-ups (most of them present), 5,000 questionnaire answers.
// Times `townStatistics` (the server's own code, loaded through Vite as the tests do) on SQLite
// and, when one answers on 127.0.0.1:5432, on PostgreSQL; and the whole answer of
// `GET /api/volunteer/stats/town` from the production server (`node build`) on the same
// SQLite file, logged in. Writes bench/results-stats.json and the bench:stats section of
// BENCHMARKS.md. Needs `npm run build` first (npm run bench does it).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createServer } from 'vite';
import { startApp } from './lib/processes.mjs';
import { replaceSection, writeFormatted } from './lib/report.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const loadAtStart = Number((loadavg()[0] ?? 0).toFixed(1));
// Timings per backend: the first call warms the statements and caches, then these are timed.
const timedCalls = 9;
const target = 300;
const town = { classes: 500, signups: 10_000, answers: 5_000, people: 1_500 };
const admin = { email: 'bench@stats.example', password: `${randomBytes(12).toString('hex')}-Aa1` };
const now = new Date('2026-12-01T00:00:00Z');
const period = { from: '2024-12-01', to: '2026-11-30' };
const lessons = ['power-screen', 'touch', 'camera-photos', 'messages-line', 'maps', 'search'];
const devices = ['android', 'iphone', 'android', 'iphone', 'other', 'none'];

const vite = await createServer({
	server: { middlewareMode: true, hmr: false, ws: false },
	appType: 'custom',
	logLevel: 'error'
});
const { openDatabase } = await vite.ssrLoadModule('/src/lib/server/storage/database.ts');
const { migrate } = await vite.ssrLoadModule('/src/lib/server/migrations/index.ts');
const { townStatistics } = await vite.ssrLoadModule('/src/lib/server/town-stats.ts');
const { personKeys } = await vite.ssrLoadModule('/src/lib/domain/person-match.ts');

/** A deterministic pseudo-random sequence, so every run seeds the same town. */
function random(seed) {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/**
 * Two years of classes, two or three a week, each with about 20 sign-ups (a pool of 1,500
 * residents, many coming back), 85% marked present, and 10 answers. Sign-ups of classes over
 * 90 days old are anonymised, as retention leaves them. One transaction, plain INSERTs.
 */
async function seed(database) {
	const next = random(16);
	const at = now.toISOString();
	await database.transaction(async (tx) => {
		const venues = [randomUUID(), randomUUID(), randomUUID()];
		for (const [index, id] of venues.entries()) {
			await tx.run(
				'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
				[id, `みどり町 第${index + 1}公民館`, 'みどり県みどり町（架空の住所）', at, at]
			);
		}
		const first = new Date('2024-12-02T01:00:00Z').getTime();
		const spacing = (2 * 365 * 24 * 60 * 60 * 1000) / town.classes;
		const retentionEdge = now.getTime() - 90 * 24 * 60 * 60 * 1000;
		let signups = 0;
		let answers = 0;
		for (let n = 0; n < town.classes; n += 1) {
			const classId = randomUUID();
			const starts = new Date(first + n * spacing);
			const ends = new Date(starts.getTime() + 90 * 60 * 1000);
			const classLessons = [lessons[n % lessons.length], lessons[(n + 2) % lessons.length]];
			await tx.run(
				`INSERT INTO classes (id, title, topic, lesson_ids, venue_id, starts_at, ends_at, capacity,
					loaner_tablets, tutors, status, version, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
				[
					classId,
					`スマホ教室 ${n + 1}`,
					'写真を送る',
					JSON.stringify(classLessons),
					venues[n % venues.length],
					starts.toISOString(),
					ends.toISOString(),
					24,
					4,
					3,
					n % 50 === 49 ? 'cancelled' : 'scheduled',
					at,
					at
				]
			);
			const anonymised = ends.getTime() < retentionEdge;
			const perClass = Math.round((town.signups - signups) / (town.classes - n));
			for (let s = 0; s < perClass; s += 1) {
				const person = Math.floor(next() * town.people);
				const name = `住民 ${person}`;
				const phone = `090-0000-${String(person).padStart(4, '0')}`;
				const keys = personKeys({ name, phone });
				const signupId = randomUUID();
				const status = s < 22 ? 'confirmed' : 'waitlisted';
				await tx.run(
					`INSERT INTO signups (id, class_id, name, phone, device, needs_loaner, needs, status,
						cancel_token_hash, request_hash, created_at, updated_at, name_key, phone_key)
					VALUES (?, ?, ?, ?, ?, 0, '[]', ?, 'x', 'x', ?, ?, ?, ?)`,
					[
						signupId,
						classId,
						anonymised ? '' : name,
						anonymised ? null : phone,
						devices[person % devices.length],
						status,
						at,
						at,
						anonymised ? null : keys.name,
						anonymised ? null : keys.phone
					]
				);
				if (status === 'confirmed') {
					await tx.run(
						`INSERT INTO attendance (class_id, signup_id, status, marked_at, marked_by, updated_at)
						VALUES (?, ?, ?, ?, 'bench', ?)`,
						[classId, signupId, next() < 0.85 ? 'present' : 'absent', at, at]
					);
				}
				signups += 1;
			}
			const answersHere = Math.round((town.answers - answers) / (town.classes - n));
			for (let a = 0; a < answersHere; a += 1) {
				await tx.run(
					`INSERT INTO questionnaire_answers
						(class_id, answer_id, clarity, satisfaction, can_do, want_next, comment)
					VALUES (?, ?, ?, ?, ?, ?, ?)`,
					[
						classId,
						randomUUID(),
						1 + Math.floor(next() * 5),
						1 + Math.floor(next() * 5),
						JSON.stringify(next() < 0.7 ? classLessons.slice(0, 1) : classLessons),
						JSON.stringify(next() < 0.5 ? ['maps'] : ['search', 'other']),
						next() < 0.1 ? 'ゆっくり教えてもらえてよかった' : null
					]
				);
				answers += 1;
			}
		}
	});
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Times the figures on one database: median and slowest of the timed calls. */
async function timeStatistics(database) {
	const figures = await townStatistics(database, { period, now });
	const times = [];
	for (let call = 0; call < timedCalls; call += 1) {
		const started = performance.now();
		await townStatistics(database, { period, now });
		times.push(performance.now() - started);
	}
	return { figures, medianMs: median(times), maxMs: Math.max(...times) };
}

async function postgresUrl() {
	const client = new pg.Client({
		connectionString: 'postgres://postgres@127.0.0.1:5432/postgres',
		connectionTimeoutMillis: 2_000
	});
	client.on('error', () => undefined);
	try {
		await client.connect();
		const name = `yorisoi_bench_stats_${randomBytes(4).toString('hex')}`;
		await client.query(`CREATE DATABASE ${name}`);
		return {
			url: `postgres://postgres@127.0.0.1:5432/${name}`,
			drop: async () => {
				await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
				await client.end();
			}
		};
	} catch (error) {
		await client.end().catch(() => undefined);
		console.log(`PostgreSQL not measured: ${error instanceof Error ? error.message : error}`);
		return null;
	}
}

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

const samples = [];
for (let index = 1; index <= runs; index += 1) {
	const sample = {};
	const folder = mkdtempSync(join(tmpdir(), 'yorisoi-bench-stats-'));
	const file = join(folder, 'yorisoi.sqlite');
	try {
		const sqlite = await openDatabase(file);
		await migrate(sqlite);
		let started = performance.now();
		await seed(sqlite);
		sample.seedMs = Math.round(performance.now() - started);
		const measured = await timeStatistics(sqlite);
		sample.sqlite = { medianMs: measured.medianMs, maxMs: measured.maxMs };
		sample.figures = {
			classesHeld: measured.figures.classesHeld,
			visits: measured.figures.visits,
			people: measured.figures.people,
			unidentifiedVisits: measured.figures.unidentifiedVisits,
			answers: measured.figures.answers
		};
		await sqlite.close();

		// The same file behind the production server: the whole answer, over HTTP, logged in.
		const app = await startApp('build', {
			DATABASE_URL: file,
			YORISOI_ADMIN_EMAIL: admin.email,
			YORISOI_ADMIN_PASSWORD: admin.password,
			YORISOI_RATE_LIMITS: 'off'
		});
		try {
			const cookie = await logIn(app.url);
			const address = `${app.url}/api/volunteer/stats/town?from=${period.from}&to=${period.to}`;
			const times = [];
			let bytes = 0;
			for (let call = 0; call <= timedCalls; call += 1) {
				started = performance.now();
				const response = await fetch(address, { headers: { cookie } });
				const body = await response.arrayBuffer();
				if (!response.ok) throw new Error(`stats answered ${response.status}`);
				// The first call warms the server (its modules and statements).
				if (call > 0) times.push(performance.now() - started);
				bytes = body.byteLength;
			}
			sample.http = { medianMs: median(times), maxMs: Math.max(...times), kB: bytes / 1024 };
		} finally {
			await app.stop();
		}

		const postgres = await postgresUrl();
		if (postgres) {
			const database = await openDatabase(postgres.url);
			try {
				await migrate(database);
				await seed(database);
				const timed = await timeStatistics(database);
				sample.postgres = { medianMs: timed.medianMs, maxMs: timed.maxMs };
			} finally {
				await database.close();
				await postgres.drop();
			}
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
	console.log(`run ${index}: ${JSON.stringify(sample)}`);
	samples.push(sample);
}
await vite.close();

const figure = (pick) => {
	const values = samples.map(pick).filter((value) => value !== undefined);
	return values.length === 0 ? null : Math.round(median(values));
};
const result = {
	date: new Date().toISOString(),
	machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
	loadAverageAtStart: loadAtStart,
	command: `BENCH_RUNS=${runs} npm run bench:stats`,
	town,
	period,
	runs,
	targetMs: target,
	sqliteMs: figure((s) => s.sqlite?.medianMs),
	sqliteMaxMs: figure((s) => s.sqlite?.maxMs),
	postgresMs: figure((s) => s.postgres?.medianMs),
	postgresMaxMs: figure((s) => s.postgres?.maxMs),
	httpMs: figure((s) => s.http?.medianMs),
	httpKB: figure((s) => s.http?.kB),
	figures: samples[0]?.figures ?? null,
	samples
};
await writeFormatted('bench/results-stats.json', JSON.stringify(result));

const ms = (value) => (value === null ? 'not measured' : `${value} ms`);
const met = (value) => (value === null ? '' : value < target ? 'met' : '**missed**');
const f = result.figures;
const section = `<!-- bench:stats -->
## The town's figures (\`npm run bench:stats\`)

${result.date.slice(0, 10)}, ${result.machine}; load average ${loadAtStart} at the start. \`${result.command}\`. Two years of a town's
classes seeded in one transaction: ${town.classes} classes (every 50th cancelled), ${town.signups.toLocaleString('en')} sign-ups
from ${town.people.toLocaleString('en')} residents (most marked present; those of classes over 90 days old anonymised, as
retention leaves them), ${town.answers.toLocaleString('en')} questionnaire answers. The desk's figures for the whole two years
(${period.from} – ${period.to}): ${f?.classesHeld} classes held, ${f?.visits} visits, ${f?.people} people told apart, ${f?.unidentifiedVisits} visits
anonymised, ${f?.answers} answers. \`townStatistics\` is the server's own code, called ${timedCalls} times after one
warming call (median and slowest; median over ${runs} runs); over HTTP is the whole answer of
\`GET /api/volunteer/stats/town\` from \`node build\` on the same SQLite file (${result.httpKB} KB of JSON).

| database | median | slowest | target < ${target} ms |
| --- | ---: | ---: | --- |
| SQLite (\`townStatistics\`) | ${ms(result.sqliteMs)} | ${ms(result.sqliteMaxMs)} | ${met(result.sqliteMs)} |
| PostgreSQL (\`townStatistics\`) | ${ms(result.postgresMs)} | ${ms(result.postgresMaxMs)} | ${met(result.postgresMs)} |
| SQLite over HTTP (\`node build\`) | ${ms(result.httpMs)} | | ${met(result.httpMs)} |
<!-- /bench:stats -->`;
await writeFormatted(
	'BENCHMARKS.md',
	replaceSection(readFileSync('BENCHMARKS.md', 'utf8'), 'bench:stats', section)
);
console.log(`\n${section}`);
