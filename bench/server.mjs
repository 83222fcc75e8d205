// npm run bench:server — sign-ups per second and latency of POST /api/signups at 64 concurrent
// connections (autocannon), on SQLite and on PostgreSQL, beside a bare node:http + node:sqlite
// server doing the same insert (bench/baseline-server.mjs). Writes bench/results-server.json
// and the server section of BENCHMARKS.md. Needs `npm run build` first (the script runs it).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import autocannon from 'autocannon';
import pg from 'pg';

const connections = 64;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const postgresAdmin = 'postgres://postgres@127.0.0.1:5432/postgres';
const folder = mkdtempSync(join(tmpdir(), 'yorisoi-bench-'));

// The server is started as documented (`node build`, no flags): its entry applies its own V8
// heap sizes (server/index.js), and this measures that it does.

function start(script, env, flags = []) {
	const child = spawn(process.execPath, [...flags, script], {
		env: { ...process.env, HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	return child;
}

async function waitFor(url) {
	for (let i = 0; i < 150; i += 1) {
		try {
			await fetch(url);
			return;
		} catch {
			await new Promise((done) => setTimeout(done, 100));
		}
	}
	throw new Error(`${url} did not answer`);
}

/** A figure of the process's /proc status in MB (VmRSS now, VmHWM its peak); null off Linux. */
function memoryMB(child, field) {
	try {
		const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
		const kB = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
		return Number.isFinite(kB) ? Math.round(kB / 1024) : null;
	} catch {
		// Not Linux, or the process is gone: no figure rather than a wrong one.
		return null;
	}
}

/**
 * Samples the resident memory every 100 ms while the load runs; `stop()` gives the highest.
 * (VmHWM alone would also count the start, where hashing the demo password with scrypt takes
 * 128 MB for a moment.)
 */
function sampleRss(child) {
	let peak = memoryMB(child, 'VmRSS');
	const timer = setInterval(() => {
		const now = memoryMB(child, 'VmRSS');
		if (now !== null && (peak === null || now > peak)) peak = now;
	}, 100);
	return () => {
		clearInterval(timer);
		return peak;
	};
}

/**
 * Waits (at most 5 s) until the server's resident memory has held still for half a second after
 * its start: the demo's two logins are scrypt hashes of 128 MiB each, made side by side while
 * the server already answers, and their memory goes back about a second later. The peak under
 * load is then the load's, not theirs ("since start" keeps them).
 */
async function settle(child) {
	let last = memoryMB(child, 'VmRSS');
	for (let steady = 0, waited = 0; steady < 5 && waited < 50; waited += 1) {
		await new Promise((done) => setTimeout(done, 100));
		const now = memoryMB(child, 'VmRSS');
		if (now === null || last === null) return;
		steady = Math.abs(now - last) <= 2 ? steady + 1 : 0;
		last = now;
	}
}

async function stop(child) {
	const exited = new Promise((done) => child.once('exit', done));
	child.kill('SIGTERM');
	await exited;
}

/** One class with room for every sign-up the run makes, created through the app's own API. */
async function benchClass(base) {
	const { classes } = await (await fetch(`${base}/api/classes`)).json();
	return classes[0].id;
}

function load(base, classId) {
	let people = 0;
	return new Promise((resolve, reject) => {
		autocannon(
			{
				url: base,
				connections,
				duration,
				requests: [
					{
						method: 'POST',
						path: '/api/signups',
						headers: { 'content-type': 'application/json' },
						// Each request another resident: the same person twice is refused (409).
						setupRequest: (request) => ({
							...request,
							body: JSON.stringify({
								id: randomUUID(),
								classId,
								name: `ベンチ 太郎${(people += 1)}`,
								nameKana: 'べんち たろう',
								device: 'android',
								needsLoaner: false,
								needs: ['sight']
							})
						})
					}
				]
			},
			(error, result) => (error ? reject(error) : resolve(result))
		);
	});
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(name, begin) {
	const samples = [];
	for (let run = 1; run <= runs; run += 1) {
		const { child, base, classId } = await begin(run);
		await settle(child);
		const stopSampling = sampleRss(child);
		const result = await load(base, classId);
		const peakRss = stopSampling();
		// Read before stopping: the peak over the server's whole life, its start included.
		const lifetimePeakRss = memoryMB(child, 'VmHWM');
		await stop(child);
		const ok = result['2xx'];
		samples.push({
			perSecond: ok / duration,
			p50: result.latency.p50,
			p99: result.latency.p99,
			errors: result.errors + result.non2xx,
			peakRss,
			lifetimePeakRss
		});
		console.log(
			`${name} run ${run}: ${(ok / duration).toFixed(0)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx`
		);
	}
	return {
		name,
		perSecond: Math.round(median(samples.map((s) => s.perSecond))),
		p50: median(samples.map((s) => s.p50)),
		p99: median(samples.map((s) => s.p99)),
		errors: samples.reduce((sum, s) => sum + s.errors, 0),
		// The highest of the runs (MB), for the memory target: at most 200 MB under load.
		peakRssMB: samples.some((s) => s.peakRss === null)
			? null
			: Math.max(...samples.map((s) => s.peakRss)),
		lifetimePeakRssMB: samples.some((s) => s.lifetimePeakRss === null)
			? null
			: Math.max(...samples.map((s) => s.lifetimePeakRss))
	};
}

/** Our production server on a fresh database with one class of very large capacity. */
async function app(databaseUrl, port) {
	const child = start('build/index.js', {
		PORT: String(port),
		DATABASE_URL: databaseUrl,
		YORISOI_DEMO: '1',
		// Limits would refuse a load test from one address; they are off for benchmarks only.
		YORISOI_RATE_LIMITS: 'off'
	});
	const base = `http://127.0.0.1:${port}`;
	await waitFor(`${base}/api/classes`);
	const classId = await benchClass(base);
	return { child, base, classId, databaseUrl };
}

async function raiseCapacity(databaseUrl) {
	// Every sign-up gets a seat, as in the baseline (the waiting-list path costs the same).
	if (databaseUrl.startsWith('postgres')) {
		const client = new pg.Client(databaseUrl);
		await client.connect();
		await client.query('UPDATE classes SET capacity = 1000000');
		await client.end();
	} else {
		const database = new DatabaseSync(databaseUrl);
		database.exec('UPDATE classes SET capacity = 1000000');
		database.close();
	}
}

async function appRun(makeUrl, port) {
	return async (run) => {
		const url = await makeUrl(run);
		// First start migrates and seeds; raise the capacity, then start the measured server.
		const first = await app(url, port);
		await stop(first.child);
		await raiseCapacity(url);
		return app(url, port);
	};
}

const results = [];
results.push(
	await measure('baseline: node:http + node:sqlite', async (run) => {
		const port = 4601;
		const child = start('bench/baseline-server.mjs', {
			PORT: String(port),
			DATABASE_URL: join(folder, `baseline-${run}.sqlite`)
		});
		const base = `http://127.0.0.1:${port}`;
		await waitFor(base);
		return { child, base, classId: randomUUID() };
	})
);
results.push(
	await measure('yorisoi on SQLite', await appRun((run) => join(folder, `app-${run}.sqlite`), 4602))
);

let postgresDatabases = [];
try {
	const admin = new pg.Client({ connectionString: postgresAdmin, connectionTimeoutMillis: 2_000 });
	await admin.connect();
	await admin.end();
	results.push(
		await measure(
			'yorisoi on PostgreSQL',
			await appRun(async (run) => {
				const name = `yorisoi_bench_${Date.now()}_${run}`;
				const client = new pg.Client(postgresAdmin);
				await client.connect();
				await client.query(`CREATE DATABASE ${name}`);
				await client.end();
				postgresDatabases.push(name);
				return `postgres://postgres@127.0.0.1:5432/${name}`;
			}, 4603)
		)
	);
} catch (error) {
	console.log(`PostgreSQL skipped: ${error.message}`);
}
for (const name of postgresDatabases) {
	const client = new pg.Client(postgresAdmin);
	await client.connect();
	await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
	await client.end();
}
rmSync(folder, { recursive: true, force: true });

const baseline = results[0].perSecond;
const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
const rows = results.map(
	(r) =>
		`| ${r.name} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r === results[0] ? '—' : `${Math.round((r.perSecond / baseline) * 100)}%`} | ${r.errors} | ${r.peakRssMB ?? '—'} | ${r.lifetimePeakRssMB ?? '—'} |`
);
const section = `<!-- bench:server -->
## Sign-up endpoint (\`npm run bench:server\`)

${date}, ${machine}. \`POST /api/signups\` at ${connections} concurrent connections for ${duration} s
(autocannon, on the same machine), median of ${runs} runs, each on a fresh database; every
sign-up gets a seat. The baseline is \`bench/baseline-server.mjs\`: bare node:http + node:sqlite
doing the same transaction (count seats, insert) with no validation, idempotency or audit.
Targets: SQLite at least 50% of the baseline's throughput, p99 under 50 ms; the server's peak
resident memory during the load (VmRSS sampled every 100 ms, the highest of the runs) at most
200 MB; "since start" is VmHWM, which also counts starting up.

| server | sign-ups/s | p50 ms | p99 ms | of baseline | errors | peak RSS MB under load | since start |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
<!-- /bench:server -->`;

let document =
	'# Benchmarks\n\nFigures measured by scripts in this repository; each section names its command.\n';
try {
	document = readFileSync('BENCHMARKS.md', 'utf8');
} catch {
	// First run: start the file.
}
document = document.includes('<!-- bench:server -->')
	? document.replace(/<!-- bench:server -->[\s\S]*<!-- \/bench:server -->/, section)
	: `${document.trimEnd()}\n\n${section}\n`;
writeFileSync('BENCHMARKS.md', document);
writeFileSync(
	'bench/results-server.json',
	JSON.stringify({ date, machine, connections, duration, runs, results }, null, '\t') + '\n'
);
console.log(`\n${section}`);
