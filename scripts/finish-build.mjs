// Runs after `vite build` (npm run build): puts the app's own server entry (server/index.js)
// in place of adapter-node's, so that `node build` starts it, and writes into the service
// worker which files only the volunteer desk uses (scripts/volunteer-files.mjs).
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { placeholder, readVolunteerOnlyFiles } from './volunteer-files.mjs';

const out = resolve(process.env.YORISOI_OUT ?? 'build');
if (!existsSync(`${out}/handler.js`)) {
	console.error(`finish-build: ${out}/handler.js is missing; did vite build run?`);
	process.exit(1);
}
copyFileSync(resolve('server/index.js'), `${out}/index.js`);
// adapter-node's map described the file this replaces.
rmSync(`${out}/index.js.map`, { force: true });

// The placeholder is a string literal in the worker (in any quotes: the minifier writes
// backticks); it becomes the list, as a string the worker parses. Exactly one: a minifier that folded it away must fail the build.
const worker = `${out}/client/service-worker.js`;
const code = readFileSync(worker, 'utf8');
const literals = [`'${placeholder}'`, `"${placeholder}"`, `\`${placeholder}\``];
const found = literals.flatMap((literal) => code.split(literal).length - 1);
const count = found.reduce((sum, n) => sum + n, 0);
if (count !== 1) {
	console.error(`finish-build: ${worker} holds the volunteer files' placeholder ${count} times`);
	process.exit(1);
}
const files = readVolunteerOnlyFiles();
const filled = literals.reduce(
	(text, literal) => text.replace(literal, JSON.stringify(JSON.stringify(files))),
	code
);
writeFileSync(worker, filled);
// adapter-node precompressed the worker before this change: compress it again.
writeFileSync(`${worker}.gz`, gzipSync(filled, { level: 9 }));
writeFileSync(
	`${worker}.br`,
	brotliCompressSync(filled, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
);
console.log(`finish-build: ${files.length} files stored only with the volunteer desk`);
