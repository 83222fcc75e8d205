// npm run lessons:check — checks every lesson in lessons/ (or the folders given) and prints
// each problem as `file:line: what to fix`. Exits 1 when there is any problem.
// The compiler is the one the build uses (src/lib/server/lessons/compile.ts), loaded through
// Vite so that its TypeScript and `$lib` imports work without a build. Beyond the format it
// checks what keeps a lesson true and readable (upkeep.ts): a source for every lesson, and short
// やさしい日本語 sentences (their figures are printed per lesson). Facts checked more than 12
// months ago, in the lessons and (on a plain run) on the My Number pages, are warnings: they
// name what to check again but do not fail the check.
import { resolve } from 'node:path';
import { createServer } from 'vite';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['lessons'];

const vite = await createServer({
	configFile: false,
	logLevel: 'error',
	appType: 'custom',
	server: { middlewareMode: true, hmr: false, ws: false, watch: null },
	resolve: { alias: { $lib: resolve('src/lib') } },
	optimizeDeps: { noDiscovery: true, include: [] }
});
/** Today as YYYY-MM-DD on this machine's clock. */
function localToday() {
	const now = new Date();
	const pad = (value) => String(value).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The My Number sources whose check is due on `today`, as names to print (oldest first). */
function staleMyNumberSources(module, today) {
	return module.staleSources(today).map((id) => `${module.sources[id].name.ja} (${id})`);
}

/** Prints each lesson's やさしい日本語 sentence figures as a small table. */
function printFigures(files, upkeep) {
	if (files.length === 0) return;
	const { average, longest } = upkeep.easyLimits;
	console.log(
		`やさしい日本語 sentences, in characters without spaces and furigana (at most ${average} on average, ${longest} in one):`
	);
	const width = Math.max(...files.map(({ folder }) => folder.length));
	for (const { folder, figures } of files) {
		const longestLength = figures.longest ? upkeep.sentenceLength(figures.longest) : 0;
		const over = upkeep.isOverEasyLimits(figures) ? '  OVER' : '';
		console.log(
			`  ${folder.padEnd(width)}  average ${figures.average.toFixed(1).padStart(4)}  longest ${String(longestLength).padStart(3)}  (${figures.sentences.length} sentences)${over}`
		);
	}
}

/** Prints a warning and the things it names, one a line. */
function warn(title, names) {
	if (names.length === 0) return;
	console.log(`WARNING: ${title}:`);
	for (const name of names) console.log(`  ${name}`);
}

const today = localToday();
let failed = false;
try {
	const { compileLessons, formatProblem } = await vite.ssrLoadModule(
		'/src/lib/server/lessons/compile.ts'
	);
	const upkeep = await vite.ssrLoadModule('/src/lib/server/lessons/upkeep.ts');
	// The same reading of a lessons folder as the build's (build.ts).
	const { readSources } = await vite.ssrLoadModule('/src/lib/server/lessons/build.ts');
	const dueSince = upkeep.freshSince(today);
	for (const root of roots) {
		const sources = readSources(process.cwd(), root);
		const { lessons, problems: formatProblems } = compileLessons(sources);
		const figures = upkeep.easyFigures(sources);
		const problems = [
			...formatProblems,
			...upkeep.unsourcedProblems(lessons, root),
			...upkeep.easyReadingProblems(figures)
		];
		for (const problem of problems) console.log(formatProblem(problem));
		printFigures(figures, upkeep);
		warn(
			`facts checked before ${dueSince} (over 12 months ago): check them against their sources and update their checked date`,
			upkeep
				.staleLessons(lessons, today)
				.map((lesson) => `${root}/${lesson.folder}: checked ${lesson.checked}`)
		);
		const steps = lessons.reduce((sum, lesson) => sum + lesson.text.ja.steps.length, 0);
		console.log(
			problems.length === 0
				? `${root}: ${lessons.length} lessons, ${steps} steps, no problems`
				: `${root}: ${problems.length} problem(s); ${lessons.length} lessons without format problems`
		);
		if (problems.length > 0) failed = true;
	}
	// The My Number pages' facts belong to the app, not to a lessons folder: checked on a plain run.
	if (process.argv.length <= 2) {
		const myNumber = await vite.ssrLoadModule('/src/lib/components/mynumber/sources.ts');
		warn(
			`My Number sources checked before ${dueSince} (over 12 months ago): check them and update src/lib/components/mynumber/sources.ts`,
			staleMyNumberSources(myNumber, today)
		);
	}
} finally {
	await vite.close();
}
process.exit(failed ? 1 : 0);
