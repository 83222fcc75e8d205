// npm run bench:course — the volunteer pull (/api/sync/pull, everything) for a course of 12
// sessions against that for 12 separate classes (issue 16: no larger than 1.5×). Each town has
// the same residents: 10 signed up for the course, or 10 for each separate class, and every
// session's attendance marked. Against the production server (`node build`, fresh SQLite, no
// demo classes). Writes bench/results-course.json and the bench:course section of
// BENCHMARKS.md. Needs `npm run build` first (npm run bench does it).
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { startApp } from './lib/processes.mjs';
import { replaceSection, writeFormatted } from './lib/report.mjs';

const sessions = 12;
const residents = 10;
const limit = 1.5;
const admin = { email: 'bench@course.example', password: `${randomBytes(12).toString('hex')}-Aa1` };
const hour = 60 * 60 * 1000;
const day = 24 * hour;

/** A JSON request to the app, with the volunteer's cookie; answers the parsed body. */
async function call(app, path, { method = 'GET', cookie, json } = {}) {
	const response = await fetch(`${app.url}${path}`, {
		method,
		headers: {
			origin: app.url,
			...(cookie ? { cookie } : {}),
			...(json ? { 'content-type': 'application/json' } : {})
		},
		body: json ? JSON.stringify(json) : undefined
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
	return { body: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

async function logIn(app) {
	const response = await fetch(`${app.url}/api/volunteer/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url },
		body: JSON.stringify(admin)
	});
	const cookie = response.headers
		.getSetCookie()
		.find((line) => line.startsWith('yorisoi_session='));
	if (!cookie) throw new Error(`login answered ${response.status}`);
	return cookie.split(';')[0];
}

/** One town: the classes made as a course or separately, sign-ups, marks; the pull's size. */
async function town(kind) {
	const app = await startApp('build', {
		YORISOI_ADMIN_EMAIL: admin.email,
		YORISOI_ADMIN_PASSWORD: admin.password,
		YORISOI_DEMO: '0',
		YORISOI_RATE_LIMITS: 'off'
	});
	try {
		const cookie = await logIn(app);
		const deviceId = randomUUID();
		let seq = 0;
		const push = async (mutations) => {
			const { body } = await call(app, '/api/sync/push', {
				method: 'POST',
				cookie,
				json: {
					deviceId,
					mutations: mutations.map((m) => ({ id: randomUUID(), seq: ++seq, ...m }))
				}
			});
			for (const answer of body.answers) {
				if (answer.status !== 'applied') throw new Error(JSON.stringify(answer));
			}
		};
		const venue = await call(app, '/api/volunteer/venues', {
			method: 'POST',
			cookie,
			json: { name: '中央公民館', address: 'みどり県みどり町中央1-1（架空の住所）' }
		});
		const dates = Array.from({ length: sessions }, (_, index) => {
			const startsAt = new Date(Date.now() + (7 + 7 * index) * day);
			return {
				id: randomUUID(),
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString()
			};
		});
		const klass = {
			title: 'スマホ入門',
			topic: '電話・LINE・カメラ・地図',
			venueId: venue.body.id,
			capacity: 20
		};
		if (kind === 'course') {
			await push([
				{
					kind: 'series.create',
					args: {
						id: randomUUID(),
						kind: 'course',
						klass: { ...klass, startsAt: dates[0].startsAt, endsAt: dates[0].endsAt },
						sessions: dates
					}
				}
			]);
		} else {
			await push(
				dates.map((date) => ({
					kind: 'class.create',
					args: { id: date.id, ...klass, startsAt: date.startsAt, endsAt: date.endsAt }
				}))
			);
		}
		// The same residents: once for the course, or once for each separate class.
		const signups = [];
		for (const [index, date] of dates.entries()) {
			if (kind === 'course' && index > 0) break;
			for (let n = 0; n < residents; n += 1) {
				const id = randomUUID();
				await call(app, '/api/signups', {
					method: 'POST',
					json: {
						id,
						classId: date.id,
						name: `ベンチ 花子${n}`,
						nameKana: `べんち はなこ${'あいうえおかきくけこ'[n]}`,
						phone: `090-0000-${String(n).padStart(4, '0')}`,
						device: 'android',
						needsLoaner: false
					}
				});
				signups.push({ id, classId: date.id });
			}
		}
		// Every session's attendance, marked at the hall.
		const marks = dates.flatMap((date) =>
			signups
				.filter((signup) => kind === 'course' || signup.classId === date.id)
				.map((signup) => ({
					kind: 'attendance.set',
					args: {
						classId: date.id,
						signupId: signup.id,
						status: 'present',
						markedAt: new Date().toISOString()
					}
				}))
		);
		for (let from = 0; from < marks.length; from += 100) {
			await push(marks.slice(from, from + 100));
		}
		const pull = await call(app, `/api/sync/pull?deviceId=${randomUUID()}&cursor=0`, { cookie });
		const volunteerClasses = pull.body.volunteer.classes.length;
		if (volunteerClasses !== sessions) throw new Error(`pulled ${volunteerClasses} classes`);
		return { bytes: pull.bytes, classes: pull.body.classes.length, volunteerClasses };
	} finally {
		await app.stop();
	}
}

const separate = await town('separate');
const course = await town('course');
const ratio = course.bytes / separate.bytes;
const result = {
	date: new Date().toISOString(),
	machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
	command: 'npm run bench:course',
	sessions,
	residents,
	separate,
	course,
	ratio: Number(ratio.toFixed(3)),
	limit,
	met: ratio <= limit
};
await writeFormatted('bench/results-course.json', JSON.stringify(result));
const kB = (bytes) => (bytes / 1024).toFixed(1);
const section = `<!-- bench:course -->
## Volunteer pull of a course (\`npm run bench:course\`, also run by \`npm run bench\`)

${result.date.slice(0, 10)}, ${result.machine}. The whole volunteer pull (\`GET /api/sync/pull\`,
cursor 0) of a town with one course of ${sessions} sessions (${residents} residents signed up once)
against a town with ${sessions} separate classes (${residents} residents signed up for each); every
session's attendance marked; \`node build\` on fresh SQLite, no demo classes.

| town | pull (bytes) | classes listed | rosters sent | course ÷ separate | target |
| --- | ---: | ---: | ---: | ---: | --- |
| ${sessions} separate classes | ${separate.bytes} (${kB(separate.bytes)} KB) | ${separate.classes} | ${separate.volunteerClasses} | | |
| course of ${sessions} sessions | ${course.bytes} (${kB(course.bytes)} KB) | ${course.classes} | ${course.volunteerClasses} | ${result.ratio} | ≤ ${limit}: ${result.met ? 'met' : '**missed**'} |
<!-- /bench:course -->`;
await writeFormatted(
	'BENCHMARKS.md',
	replaceSection(readFileSync('BENCHMARKS.md', 'utf8'), 'bench:course', section)
);
console.log(`\n${section}`);
if (!result.met) process.exitCode = 1;
