// Runs every test of the project and ends with one line "N passed, N failed" over all
// runners (CI reads it). Each step runs even when an earlier one failed, except that the
// end-to-end tests need the build.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';

const out = '.test-out';
mkdirSync(out, { recursive: true });
const results = [];

/** Runs a command, streaming its output; returns whether it succeeded. */
function run(title, command, args, env = {}) {
	console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
	const started = Date.now();
	const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	console.log(
		`=== ${title}: ${child.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
	return child.status === 0;
}

/**
 * Runs a command beside the others, its output kept in a file and printed when it ends (so
 * that two steps' lines never mix); resolves to whether it succeeded. The output goes straight
 * to the file and the time is taken by the shell: while a step runs in the foreground
 * (spawnSync), this process reads no pipe and hears no exit.
 */
function runBeside(title, command, args, env = {}) {
	const log = `${out}/${title.replace(/[^a-z0-9]+/gi, '-')}.log`;
	console.log(
		`\n=== ${title}: ${command} ${args.join(' ')} (beside the next steps; output in ${log})`
	);
	const file = openSync(log, 'w');
	const child = spawn(
		'bash',
		[
			'-c',
			'SECONDS=0; "$@"; status=$?; echo "took ${SECONDS} s"; exit $status',
			'beside',
			command,
			...args
		],
		{ stdio: ['ignore', file, file], env: { ...process.env, ...env } }
	);
	closeSync(file);
	return new Promise((resolve) => {
		child.on('close', (status) => {
			const ok = status === 0;
			const output = readFileSync(log, 'utf8');
			const took = /took (\d+) s\s*$/.exec(output)?.[1] ?? '?';
			console.log(`\n=== ${title} (ran beside the others):\n${output}`);
			console.log(`=== ${title}: ${ok ? 'ok' : 'FAILED'} in ${took} s`);
			resolve(ok);
		});
	});
}

/** A step that is one check (lint, type check, build). */
function check(title, command, args, env) {
	const ok = run(title, command, args, env);
	results.push({ title, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
	return ok;
}

function readJson(path) {
	try {
		return JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return null;
	}
}

/** A one-check step run beside the next steps; resolves once its result is recorded. */
async function checkBeside(title, command, args, env) {
	const ok = await runBeside(title, command, args, env);
	results.push({ title, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

// Generates .svelte-kit/tsconfig.json, which the linter's type information needs.
run('sync', 'npx', ['svelte-kit', 'sync']);

/** Runs one Vitest project and records its counts (`beside`: while the next steps run). */
async function vitest(project, title, { beside = false } = {}) {
	const report = `${out}/vitest-${project}.json`;
	rmSync(report, { force: true });
	const ok = await (beside ? runBeside : run)(title, 'npx', [
		'vitest',
		'run',
		'--project',
		project,
		'--reporter=default',
		'--reporter=json',
		`--outputFile.json=${report}`
	]);
	const counts = readJson(report);
	results.push({
		title: `vitest ${project}`,
		passed: counts?.numPassedTests ?? 0,
		failed: (counts?.numFailedTests ?? 0) + (ok || counts?.numFailedTests ? 0 : 1),
		skipped: (counts?.numPendingTests ?? 0) + (counts?.numTodoTests ?? 0)
	});
}

// The format, type and lesson checks (about 45 s, mostly one core) beside the unit tests; all
// of them before the build, which replaces .svelte-kit's generated files under the type check.
const early = [
	checkBeside('format', 'npx', ['prettier', '--check', '.']),
	checkBeside('type check', 'npm', ['run', '--silent', 'check']),
	checkBeside('lessons', 'npm', ['run', '--silent', 'lessons:check'])
];
await vitest('unit', 'unit tests (vitest)');
await Promise.all(early);

/**
 * The same app in WebKit and Firefox ESR: a few checks each (test/engines), beside the steps
 * that run then; records their counts.
 */
async function engines() {
	const tap = `${out}/engines.tap`;
	rmSync(tap, { force: true });
	const enginesOk = await runBeside(
		'cross-engine tests (node --test, WebKit and Firefox ESR)',
		'node',
		[
			'--test',
			'--test-reporter=spec',
			'--test-reporter-destination=stdout',
			'--test-reporter=tap',
			`--test-reporter-destination=${tap}`,
			'test/engines/engines.test.ts'
		]
	);
	const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
	const count = (/** @type {string} */ name) =>
		Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(summary)?.[1] ?? 0);
	const enginesFailed = count('fail') + count('cancelled');
	results.push({
		title: 'cross-engine (webkit, firefox)',
		passed: count('pass'),
		failed: enginesFailed + (enginesOk || enginesFailed ? 0 : 1),
		skipped: count('skipped') + count('todo')
	});
}

// The lesson player's tests walk through two small test lessons (test/fixtures/lessons/player),
// built in beside the real ones.
const lessonFixtures = { YORISOI_FIXTURE_LESSONS: '1' };

// The end-to-end tests serve the production build, and a second build of the same code as
// "the next deployment" for the update test.
const built =
	check('production build', 'npm', ['run', '--silent', 'build'], lessonFixtures) &&
	check('second build (next deployment)', 'npm', ['run', '--silent', 'build'], {
		...lessonFixtures,
		YORISOI_OUT: `${out}/build-next`
	});

if (built) {
	// What a first visit and the offline precache download, against the budgets of issue 7.
	await vitest('budgets', 'byte budgets (vitest, build/)');
	// Three long steps at once, each mostly on one core: the linter (type-aware, about 100 s),
	// the sync simulator's seeds (minutes of one core) and the server tests (much of their time
	// is spent waiting for PostgreSQL and for servers they start). One after the other they took
	// about ten minutes of a CI run on two cores. The cross-engine tests follow the simulator
	// there: the server tests outlast it by about two minutes, and the engines' one (mostly
	// waiting for a browser) fits in them; after the end-to-end tests it was 52–55 s of its own.
	const lint = runBeside('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
	const simulatorThenEngines = vitest('sim', 'sync simulator (vitest, seeded runs)', {
		beside: true
	}).then(engines);
	// Storage on SQLite and PostgreSQL, and the built server over HTTP.
	await vitest('server', 'server tests (vitest, SQLite and PostgreSQL)');
	await simulatorThenEngines;
	const lintOk = await lint;
	results.push({ title: 'lint', passed: lintOk ? 1 : 0, failed: lintOk ? 0 : 1, skipped: 0 });

	rmSync(`${out}/playwright.json`, { force: true });
	const playwrightOk = run('end-to-end tests (playwright, Debian chromium)', 'npx', [
		'playwright',
		'test'
	]);
	const stats = readJson(`${out}/playwright.json`)?.stats;
	results.push({
		title: 'playwright',
		passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
		failed: (stats?.unexpected ?? 0) + (playwrightOk || stats?.unexpected ? 0 : 1),
		skipped: stats?.skipped ?? 0
	});
} else {
	check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
	console.log('\n=== server and end-to-end tests skipped: the build failed');
	results.push({ title: 'server and playwright', passed: 0, failed: 1, skipped: 0 });
}

console.log('\n=== summary');
for (const { title, passed, failed, skipped } of results) {
	console.log(
		`${title.padEnd(32)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`
	);
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
const skipped = results.reduce((sum, result) => sum + result.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && existsSync('build') ? 0 : 1);
