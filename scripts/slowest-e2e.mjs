// Prints the slowest end-to-end tests from Playwright's JSON report (.test-out/playwright.json),
// to see where the suite's time goes: `node scripts/slowest-e2e.mjs [count] [report]`.
import { readFileSync } from 'node:fs';

const count = Number(process.argv[2] ?? 25);
const report = JSON.parse(readFileSync(process.argv[3] ?? '.test-out/playwright.json', 'utf8'));

/** @type {{ title: string, seconds: number, status: string }[]} */
const tests = [];
/** @param {any} suite @param {string[]} path */
function walk(suite, path) {
	const here = suite.title && !suite.title.endsWith('.ts') ? [...path, suite.title] : path;
	for (const spec of suite.specs ?? []) {
		for (const test of spec.tests) {
			for (const result of test.results) {
				tests.push({
					title: `${spec.file} › ${[...here, spec.title].join(' › ')}`,
					seconds: result.duration / 1000,
					status: result.status
				});
			}
		}
	}
	for (const child of suite.suites ?? []) walk(child, here);
}
for (const suite of report.suites) walk(suite, []);

tests.sort((a, b) => b.seconds - a.seconds);
const total = tests.reduce((sum, test) => sum + test.seconds, 0);
for (const test of tests.slice(0, count)) {
	console.log(
		`${test.seconds.toFixed(1).padStart(6)} s  ${test.status === 'passed' ? '' : `[${test.status}] `}${test.title}`
	);
}
console.log(
	`${tests.length} tests, ${total.toFixed(0)} s of test time, ${(report.stats.duration / 1000).toFixed(0)} s wall clock`
);
