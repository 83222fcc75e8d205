// npm run bench:analyze [-- /route] — where a page's first-visit JavaScript comes from. Builds
// once more with source maps (into .test-out/bench-sourcemap, build/ is left alone) and, for
// every module the route's first visit loads, attributes the minified bytes to the npm package
// or source file they came from (by the source map), with each group's share of the gzip size
// estimated from its share of the bytes. Default route: the first lesson. `--detail <package>`
// lists that package's bytes by its own files (what of it a page pulls in).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileFor, firstLessonId, firstVisit } from './lib/build-bytes.mjs';

const out = '.test-out/bench-sourcemap';
const detailAt = process.argv.indexOf('--detail');
const detail = detailAt >= 0 ? process.argv[detailAt + 1] : undefined;
const args = process.argv
	.slice(2)
	.filter((_, at) => detailAt < 0 || (at !== detailAt - 2 && at !== detailAt - 1));
const route = args[0] ?? `/lessons/${firstLessonId()}`;

if (process.env.BENCH_ANALYZE_REUSE !== '1' || !existsSync(`${out}/index.js`)) {
	console.log(`building with source maps into ${out} …`);
	const build = spawnSync('npx', ['vite', 'build', '--sourcemap'], {
		env: { ...process.env, YORISOI_OUT: out },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map segment (base64 VLQ) into its numbers. */
function decodeSegment(/** @type {string} */ segment) {
	const values = [];
	let value = 0;
	let shift = 0;
	for (const char of segment) {
		const digit = base64.indexOf(char);
		value += (digit & 31) << shift;
		if (digit & 32) shift += 5;
		else {
			values.push(value & 1 ? -(value >> 1) : value >> 1);
			value = 0;
			shift = 0;
		}
	}
	return values;
}

/** Generated characters per original source of one built file (by its .map). */
function bytesBySource(/** @type {string} */ file) {
	const lines = readFileSync(file, 'utf8').split('\n');
	/** @type {{ sources: string[], mappings: string }} */
	const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
	/** @type {Map<string, number>} */
	const counts = new Map();
	let source = 0;
	map.mappings.split(';').forEach((line, index) => {
		let column = 0;
		const segments = (line ? line.split(',') : []).map((segment) => {
			const values = decodeSegment(segment);
			column += values[0] ?? 0;
			if (values.length > 1) source += values[1] ?? 0;
			return { column, source: values.length > 1 ? source : -1 };
		});
		segments.forEach((segment, at) => {
			const end = segments[at + 1]?.column ?? lines[index]?.length ?? 0;
			// Bundler glue with no source, and JSON imported as data, map to no source.
			const name =
				segment.source >= 0 ? (map.sources[segment.source] ?? '?') : '(no source: glue, JSON)';
			counts.set(name, (counts.get(name) ?? 0) + end - segment.column);
		});
	});
	return counts;
}

/** npm packages by name, our own code by file. */
function group(/** @type {string} */ source) {
	const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
	if (npm && npm[1] === detail) return source.replace(/^.*node_modules\//, '');
	return npm ? `npm: ${npm[1]}` : source.replace(/^(\.\.\/)+/, '');
}

const visit = firstVisit(out, route);
/** @type {Map<string, { raw: number, gzip: number }>} */
const groups = new Map();
for (const entry of visit.js.files) {
	const file = fileFor(out, entry.url);
	if (!file || !existsSync(`${file}.map`)) continue;
	const counts = bytesBySource(file);
	const mapped = [...counts.values()].reduce((sum, count) => sum + count, 0) || 1;
	for (const [source, count] of counts) {
		const name = group(source);
		const sum = groups.get(name) ?? { raw: 0, gzip: 0 };
		sum.raw += count;
		sum.gzip += (entry.gzip * count) / mapped;
		groups.set(name, sum);
	}
}

const kB = (/** @type {number} */ bytes) => (bytes / 1024).toFixed(1).padStart(7);
console.log(
	`\n${route}: ${visit.js.files.length} JS files, ${kB(visit.js.raw)} KB raw, ${kB(visit.js.gzip)} KB gzip\n`
);
console.log(`${'raw KB'.padStart(7)} ${'~gzip KB'.padStart(8)}  from`);
for (const [name, sum] of [...groups].sort((a, b) => b[1].raw - a[1].raw)) {
	if (sum.raw < 512) continue;
	console.log(`${kB(sum.raw)} ${kB(sum.gzip).padStart(8)}  ${name}`);
}
