// npm run bench:towns — one server and one database for many towns (issue 17): 50 towns × 40
// classes × 20 sign-ups in one SQLite file against one town alone with the same 40 × 20. For one
// town: the public class list, a resident's sign-up and a volunteer's whole pull may take no more
// than 1.2× their single-town time; the operator's town list answers in under 200 ms; the
// server's memory stays under 200 MB. Against the production server (`node build`, fresh SQLite,
// no demo classes), every request with the town's Host header as a browser on its name sends.
// Writes bench/results-towns.json and the bench:towns section of BENCHMARKS.md. Needs
// `npm run build` first (the npm script runs it).
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { startApp } from './lib/processes.mjs';
import { replaceSection, writeFormatted } from './lib/report.mjs';

const towns = Number(process.env.BENCH_TOWNS ?? 50);
const classesPerTown = 40;
const signupsPerClass = 20;
const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const limits = { ratio: 1.2, operatorListMs: 200, memoryMB: 200 };
const password = () => `${randomBytes(12).toString('hex')}-Aa1`;
const operator = { email: 'operator@bench.example', password: password() };
const defaultAdmin = { email: 'admin@bench.example', password: password() };
const seed = JSON.parse(readFileSync('town.config.json', 'utf8'));
const hour = 60 * 60 * 1000;
const day = 24 * hour;

/**
 * A JSON request with a Host header (fetch would replace it with the address it connects to):
 * answers the status, the parsed body, its size and the cookies set.
 */
function call(app, host, path, { method = 'GET', cookie, json } = {}) {
	const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
	const origin = `http://${host}`;
	return new Promise((done, fail) => {
		const sent = request(
			`${app.url}${path}`,
			{
				method,
				setHost: false,
				headers: {
					host,
					origin,
					...(cookie ? { cookie } : {}),
					...(body ? { 'content-type': 'application/json' } : {})
				}
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('error', fail);
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					const status = response.statusCode ?? 0;
					if (status >= 400) {
						fail(new Error(`${method} ${host}${path} answered ${status}: ${text.slice(0, 300)}`));
						return;
					}
					done({
						status,
						body:
							text && response.headers['content-type']?.includes('json') ? JSON.parse(text) : text,
						bytes: Buffer.byteLength(text),
						cookies: [response.headers['set-cookie'] ?? []].flat()
					});
				});
			}
		);
		sent.on('error', fail);
		sent.end(body);
	});
}

/** Logs in (a volunteer or the operator) on a host; answers the cookie to send. */
async function logIn(app, host, path, cookieName, credentials) {
	const { cookies } = await call(app, host, path, { method: 'POST', json: credentials });
	const cookie = cookies.find((line) => line.startsWith(`${cookieName}=`));
	if (!cookie) throw new Error(`${path} on ${host} set no ${cookieName}`);
	return cookie.split(';')[0];
}

/** One town's schedule: a venue, 40 classes, 20 residents signed up for each by a volunteer. */
async function fillTown(app, host, admin) {
	const cookie = await logIn(app, host, '/api/volunteer/login', 'yorisoi_session', admin);
	const deviceId = randomUUID();
	let seq = 0;
	const push = async (mutations) => {
		const { body } = await call(app, host, '/api/sync/push', {
			method: 'POST',
			cookie,
			json: { deviceId, mutations: mutations.map((m) => ({ id: randomUUID(), seq: ++seq, ...m })) }
		});
		const refused = body.answers.find((answer) => answer.status !== 'applied');
		if (refused) throw new Error(`${host}: ${JSON.stringify(refused)}`);
	};
	const venueId = randomUUID();
	const classIds = Array.from({ length: classesPerTown }, () => randomUUID());
	await push([
		{
			kind: 'venue.create',
			args: { id: venueId, name: '中央公民館', address: '中央1-1（架空の住所）' }
		},
		...classIds.map((id, index) => {
			const startsAt = new Date(Date.now() + (2 + index) * day);
			return {
				kind: 'class.create',
				args: {
					id,
					title: `スマホ教室 ${index + 1}`,
					topic: '電話・LINE・カメラ',
					venueId,
					capacity: signupsPerClass,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString()
				}
			};
		})
	]);
	const signups = classIds.flatMap((classId) =>
		Array.from({ length: signupsPerClass }, (_, n) => ({
			kind: 'signup.createOnBehalf',
			args: {
				id: randomUUID(),
				classId,
				name: `ベンチ 花子${n}`,
				nameKana: `べんち はなこ${'あいうえおかきくけこさしすせそたちつてと'[n]}`,
				phone: `090-${String(seq).padStart(4, '0')}-${String(n).padStart(4, '0')}`,
				device: 'android',
				needsLoaner: false
			}
		}))
	);
	for (let from = 0; from < signups.length; from += 100) {
		await push(signups.slice(from, from + 100));
	}
	return { cookie, classIds };
}

/** A town's details for the operator's form: the seed's, under another id and name. */
function townDetails(id, index) {
	const name = `ベンチ${index}町`;
	return { ...seed, id, name: { ja: name, 'ja-easy': name, en: `Bench Town ${index}` } };
}

/** Median and 95th percentile (ms) of some timings. */
function percentiles(taken) {
	const sorted = [...taken].sort((a, b) => a - b);
	const at = (share) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
	return { p50: Number(at(0.5).toFixed(2)), p95: Number(at(0.95).toFixed(2)) };
}

/** Median and 95th percentile (ms) of `samples` sequential calls. */
async function time(work) {
	const taken = [];
	for (let index = 0; index < samples; index += 1) {
		const started = performance.now();
		await work(index);
		taken.push(performance.now() - started);
	}
	return percentiles(taken);
}

/**
 * The same request to both servers, `samples` times, taking turns (and turns about which goes
 * first): whatever else the machine does meanwhile slows both alike. Measured one server after
 * the other, the ratio of two 30 ms medians moved between 1.13 and 1.41 from run to run.
 */
async function timeBoth(work) {
	const taken = { single: [], many: [] };
	for (let index = 0; index < samples; index += 1) {
		const order = index % 2 === 0 ? ['single', 'many'] : ['many', 'single'];
		for (const side of order) {
			const started = performance.now();
			await work(side, index);
			taken[side].push(performance.now() - started);
		}
	}
	return { single: percentiles(taken.single), many: percentiles(taken.many) };
}

/** The server's resident memory now and its peak (MB), from /proc; null off Linux. */
function memoryMB(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const field = (name) =>
			Math.round(Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024);
		return { now: field('VmRSS'), peak: field('VmHWM') };
	} catch {
		return null;
	}
}

/**
 * The three requests of one town on each server, taking turns: the public list, a sign-up,
 * the volunteer's whole pull; and each server's highest resident memory while they ran,
 * sampled every 100 ms (its lifetime peak also counts the start's scrypt hashes, 128 MiB each
 * for a moment).
 */
async function measureTowns(sides) {
	const underLoad = { single: null, many: null };
	const sample = () => {
		for (const side of ['single', 'many']) {
			const now = memoryMB(sides[side].app.pid)?.now ?? null;
			if (now !== null && (underLoad[side] === null || now > underLoad[side])) {
				underLoad[side] = now;
			}
		}
	};
	sample();
	const sampler = setInterval(sample, 100);
	try {
		const figures = await measureRequests(sides);
		return Object.fromEntries(
			['single', 'many'].map((side) => [
				side,
				{
					list: figures.list[side],
					signup: figures.signup[side],
					pull: figures.pull[side],
					pullBytes: figures.pullBytes[side],
					underLoadMB: underLoad[side]
				}
			])
		);
	} finally {
		clearInterval(sampler);
	}
}

async function measureRequests(sides) {
	const list = await timeBoth((side) => call(sides[side].app, sides[side].host, '/api/classes'));
	const signup = await timeBoth((side, index) => {
		const { app, host, town } = sides[side];
		return call(app, host, '/api/signups', {
			method: 'POST',
			json: {
				id: randomUUID(),
				classId: town.classIds[index % town.classIds.length],
				name: `計測 太郎${index}`,
				nameKana: 'けいそく たろう',
				phone: `080-9999-${String(index).padStart(4, '0')}`,
				device: 'android',
				needsLoaner: false
			}
		});
	});
	const pullBytes = { single: 0, many: 0 };
	const pull = await timeBoth(async (side) => {
		const { app, host, town } = sides[side];
		const answer = await call(app, host, `/api/sync/pull?deviceId=${randomUUID()}&cursor=0`, {
			cookie: town.cookie
		});
		if (answer.body.volunteer.classes.length !== classesPerTown) {
			throw new Error(`${host}: pulled ${answer.body.volunteer.classes.length} classes`);
		}
		pullBytes[side] = answer.bytes;
	});
	return { list, signup, pull, pullBytes };
}

const environment = {
	YORISOI_ADMIN_EMAIL: defaultAdmin.email,
	YORISOI_ADMIN_PASSWORD: defaultAdmin.password,
	YORISOI_OPERATOR_EMAIL: operator.email,
	YORISOI_OPERATOR_PASSWORD: operator.password,
	YORISOI_DEMO: '0',
	YORISOI_RATE_LIMITS: 'off'
};
const started = new Date();
const loadAtStart = loadavg()[0] ?? 0;

// One town alone (the default town, on its own server) and fifty towns on another server (the
// default town and 49 made by the operator, each filled alike), both running while measured.
const singleApp = await startApp('build', environment);
const manyApp = await startApp('build', environment);
let single;
let many;
try {
	const singleHost = new URL(singleApp.url).host;
	const singleTown = await fillTown(singleApp, singleHost, defaultAdmin);

	const port = new URL(manyApp.url).port;
	const defaultHost = new URL(manyApp.url).host;
	const operatorCookie = await logIn(
		manyApp,
		defaultHost,
		'/api/operator/login',
		'yorisoi_operator',
		operator
	);
	const made = [{ host: defaultHost, admin: defaultAdmin }];
	for (let index = 1; index < towns; index += 1) {
		const id = `bench-${String(index).padStart(2, '0')}`;
		const admin = { email: `admin@${id}.example`, name: `管理者 ${index}`, password: password() };
		await call(manyApp, defaultHost, '/api/operator/towns', {
			method: 'POST',
			cookie: operatorCookie,
			json: { id, hosts: [`${id}.localhost`], town: townDetails(id, index), admin }
		});
		made.push({ host: `${id}.localhost:${port}`, admin });
	}
	const filled = [];
	for (const { host, admin } of made) {
		filled.push({
			host,
			...(await fillTown(manyApp, host, { email: admin.email, password: admin.password }))
		});
	}
	// A town in the middle of the list, reached by its own host name.
	const measured = filled[Math.floor(towns / 2)];
	const figures = await measureTowns({
		single: { app: singleApp, host: singleHost, town: singleTown },
		many: { app: manyApp, host: measured.host, town: measured }
	});
	const listed = await time(() =>
		call(manyApp, defaultHost, '/api/operator/towns', { cookie: operatorCookie })
	);
	const { body } = await call(manyApp, defaultHost, '/api/operator/towns', {
		cookie: operatorCookie
	});
	const counted = body.towns.reduce(
		(sum, town) => ({
			classes: sum.classes + town.counts.classes,
			signups: sum.signups + town.counts.signups
		}),
		{ classes: 0, signups: 0 }
	);
	single = { ...figures.single, memory: memoryMB(singleApp.pid) };
	many = {
		...figures.many,
		operatorList: listed,
		towns: body.towns.length,
		counted,
		memory: memoryMB(manyApp.pid)
	};
} finally {
	await singleApp.stop();
	await manyApp.stop();
}
console.log('one town:', JSON.stringify(single));
console.log('fifty towns:', JSON.stringify(many));

const ratio = (name) => Number((many[name].p50 / single[name].p50).toFixed(2));
const ratios = { list: ratio('list'), signup: ratio('signup'), pull: ratio('pull') };
const met = {
	ratios: Object.values(ratios).every((value) => value <= limits.ratio),
	operatorList: many.operatorList.p95 < limits.operatorListMs,
	memory: many.underLoadMB !== null && many.underLoadMB < limits.memoryMB
};
const result = {
	date: started.toISOString(),
	machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
	loadAtStart: Number(loadAtStart.toFixed(1)),
	command: 'npm run bench:towns',
	towns,
	classesPerTown,
	signupsPerClass,
	samples,
	single,
	many,
	ratios,
	limits,
	met
};
await writeFormatted('bench/results-towns.json', JSON.stringify(result));

const row = (name, label) =>
	`| ${label} | ${single[name].p50} / ${single[name].p95} | ${many[name].p50} / ${many[name].p95} | ${ratios[name]} | ≤ ${limits.ratio}: ${ratios[name] <= limits.ratio ? 'met' : '**missed**'} |`;
const section = `<!-- bench:towns -->
## Many towns on one server (\`npm run bench:towns\`)

${result.date.slice(0, 16).replace('T', ' ')} UTC, ${result.machine}, load average ${result.loadAtStart} at the start.
\`node build\` on fresh SQLite, no demo classes. One town alone (40 classes × 20 sign-ups) against
${towns} towns in one database (${many.counted.classes} classes, ${many.counted.signups} sign-ups as the
operator's list counts them, made the same way: the operator's API, then each town's admin pushing a venue, 40
classes and 800 sign-ups on its own host), measured on a town in the middle reached by its Host header.
Both servers run at once and take turns, ${samples} requests to each per figure, milliseconds (median /
95th percentile); the pull
is a volunteer's whole pull (cursor 0, ${(many.pullBytes / 1024).toFixed(0)} KB).

| request | one town | ${towns} towns | ratio of medians | target |
| --- | ---: | ---: | ---: | --- |
${row('list', 'public class list (`GET /api/classes`)')}
${row('signup', 'a sign-up (`POST /api/signups`)')}
${row('pull', 'volunteer pull (`GET /api/sync/pull`)')}

The operator's town list (\`GET /api/operator/towns\`, ${many.towns} towns with their counts):
${many.operatorList.p50} ms median, ${many.operatorList.p95} ms at the 95th percentile (target under
${limits.operatorListMs} ms: ${met.operatorList ? 'met' : '**missed**'}). The server's resident memory while those requests ran: at most
${many.underLoadMB ?? '?'} MB (target under ${limits.memoryMB} MB: ${met.memory ? 'met' : '**missed**'}); one town alone: ${single.underLoadMB ?? '?'} MB. Its peak
over the whole run, the start's and every login's scrypt hash (128 MiB each) included: ${many.memory?.peak ?? '?'} MB
(one town: ${single.memory?.peak ?? '?'} MB).
<!-- /bench:towns -->`;
await writeFormatted(
	'BENCHMARKS.md',
	replaceSection(readFileSync('BENCHMARKS.md', 'utf8'), 'bench:towns', section)
);
console.log(`\n${section}`);
if (!Object.values(met).every(Boolean)) process.exitCode = 1;
