// npm run lessons:check — checks every lesson in lessons/ (or the folders given) and prints
// each problem as `file:line: what to fix`. Exits 1 when there is any problem.
// The compiler is the one the build uses (src/lib/server/lessons/compile.ts), loaded through
// Vite so that its TypeScript and `$lib` imports work without a build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['lessons'];

/** Reads a lessons folder's Markdown files and pictures, keyed like the build keys them. */
function readSources(root) {
	const sources = { root, markdown: {}, pictures: {} };
	for (const folder of readdirSync(root)) {
		const dir = join(root, folder);
		if (!statSync(dir).isDirectory()) continue;
		for (const name of readdirSync(dir)) {
			const text = () => readFileSync(join(dir, name), 'utf8');
			if (name.endsWith('.md')) sources.markdown[`${folder}/${name}`] = text();
			else if (name.endsWith('.svg')) sources.pictures[`${folder}/${name}`] = text();
		}
	}
	return sources;
}

const vite = await createServer({
	configFile: false,
	logLevel: 'error',
	appType: 'custom',
	server: { middlewareMode: true, hmr: false, watch: null },
	resolve: { alias: { $lib: resolve('src/lib') } },
	optimizeDeps: { noDiscovery: true, include: [] }
});
let failed = false;
try {
	const { compileLessons, formatProblem } = await vite.ssrLoadModule(
		'/src/lib/server/lessons/compile.ts'
	);
	for (const root of roots) {
		const { lessons, problems } = compileLessons(readSources(root));
		for (const problem of problems) console.log(formatProblem(problem));
		const steps = lessons.reduce((sum, lesson) => sum + lesson.text.ja.steps.length, 0);
		console.log(
			problems.length === 0
				? `${root}: ${lessons.length} lessons, ${steps} steps, no problems`
				: `${root}: ${problems.length} problem(s); ${lessons.length} lessons without problems`
		);
		if (problems.length > 0) failed = true;
	}
} finally {
	await vite.close();
}
process.exit(failed ? 1 : 0);
