// The app section of BENCHMARKS.md, written from bench/results.json's figures.
import { writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

/** The targets of issue 7. */
export const targets = {
	performance: 95,
	accessibility: 100,
	bestPractices: 100,
	lessonJsGzip: 60 * 1024,
	lessonCssGzip: 20 * 1024,
	precacheRaw: 3 * 1024 * 1024,
	offlineRatio: 1.5,
	serverPeakRssMB: 200,
	lessonHeapMB: 20
};

const kB = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)}`;
const mark = (/** @type {boolean} */ met) => (met ? 'met' : '**missed**');

/** Replaces `<!-- name -->…<!-- /name -->` in a document, or adds the section at the end. */
export function replaceSection(
	/** @type {string} */ document,
	/** @type {string} */ name,
	/** @type {string} */ section
) {
	const start = `<!-- ${name} -->`;
	const end = `<!-- /${name} -->`;
	const from = document.indexOf(start);
	const to = document.indexOf(end);
	if (from >= 0 && to > from) {
		return document.slice(0, from) + section + document.slice(to + end.length);
	}
	return `${document.trimEnd()}\n\n${section}\n`;
}

/** The markdown between the `bench:app` markers. */
export function renderSection(/** @type {any} */ r) {
	const lines = [];
	lines.push('<!-- bench:app -->');
	lines.push('');
	lines.push('## The app on a phone (`npm run bench`)');
	lines.push('');
	lines.push(
		`${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.machine}; load average ${r.loadAverageAtStart} at the start. ` +
			`\`${r.command}\`: medians of ${r.runs} run${r.runs === 1 ? '' : 's'}. ` +
			`Lighthouse ${r.lighthouseVersion} with its mobile preset (simulated slow 4G, 4× CPU), each run in a fresh profile.`
	);
	if (r.missingRoutes.length > 0) {
		lines.push('');
		lines.push(`Not in this build, so not measured: ${r.missingRoutes.join(', ')}.`);
	}
	lines.push('');
	lines.push('### Lighthouse');
	lines.push('');
	lines.push('| route | performance | accessibility | best practices | LCP ms | TBT ms | CLS |');
	lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
	for (const [route, l] of Object.entries(r.lighthouse)) {
		if (l.error) lines.push(`| \`${route}\` | failed: ${l.error} | | | | | |`);
		else
			lines.push(
				`| \`${route}\` | ${l.performance} | ${l.accessibility} | ${l.bestPractices} | ${l.lcpMs} | ${l.tbtMs} | ${l.cls} |`
			);
	}
	lines.push('');
	lines.push(
		'### First visit: JavaScript and CSS (KB; gzip / brotli as served, precompressed by the build)'
	);
	lines.push('');
	lines.push(
		'"From the build" is what the page\'s HTML and the static imports of its modules load (what `npm test` budgets); "in the browser" is what Chromium requested until the network was idle (lazy chunks included).'
	);
	lines.push('');
	lines.push(
		'| route | JS gzip | JS brotli | CSS gzip | CSS brotli | JS files | in the browser: JS gzip | CSS gzip |'
	);
	lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
	for (const [route, b] of Object.entries(r.bytes)) {
		const seen = r.browserBytes[route];
		const live = seen && !seen.error ? `${kB(seen.js.gzip)} | ${kB(seen.css.gzip)}` : '— | —';
		const built = b
			? `${kB(b.js.gzip)} | ${kB(b.js.brotli)} | ${kB(b.css.gzip)} | ${kB(b.css.brotli)} | ${b.js.count}`
			: 'not prerendered | | | |';
		lines.push(`| \`${route}\` | ${built} | ${live} |`);
	}
	lines.push('');
	lines.push('### Offline');
	lines.push('');
	const p = r.precache;
	lines.push(
		`Precache (the worker and every file it stores for a resident's device to be ready offline): ${p.files} files, ` +
			`${kB(p.raw)} KB uncompressed, ${kB(p.gzip)} KB gzip, ${kB(p.brotli)} KB brotli.` +
			(p.stored
				? ` Stored by the worker in Chromium: ${p.stored.entries} entries, ${kB(p.stored.bytes)} KB.`
				: '') +
			(p.volunteerPages
				? ` A volunteer's device stores the desk's ${p.volunteerPages.files} prerendered pages on top, ` +
					`after the login: ${kB(p.volunteerPages.raw)} KB uncompressed.`
				: '')
	);
	lines.push('');
	const o = r.offline;
	if (o && !o.error) {
		lines.push(
			'Offline start, server stopped, worker installed, 4× CPU throttling (CDP): from navigation to the lesson text visible.'
		);
		lines.push('');
		lines.push('| page | text visible ms | app started ms |');
		lines.push('| --- | ---: | ---: |');
		lines.push(`| \`/lessons/…\` (the app) | ${o.lessonTextMs} | ${o.lessonReadyMs} |`);
		lines.push(`| the same text as plain HTML, same cache (floor) | ${o.floorTextMs} | — |`);
		lines.push(`| ratio | ${o.ratio}× | |`);
	} else {
		lines.push(`Offline start: failed (${o?.error ?? 'not run'}).`);
	}
	lines.push('');
	lines.push('### Memory and server');
	lines.push('');
	const heap = r.memory.lessonHeap;
	lines.push(
		`- Server peak RSS during the sign-up load (bench:server, SQLite, VmRSS sampled every 100 ms): ${r.memory.serverPeakRssMB ?? '—'} MB; since its start (VmHWM, start-up included): ${r.memory.serverLifetimePeakRssMB ?? '—'} MB.`
	);
	lines.push(
		`- JS heap of a lesson page after completing the lesson: ${heap ? `${heap.jsHeapUsedMB} MB${heap.lessonCompleted ? '' : ' (the lesson did not reach 「できました！」)'}` : '—'}.`
	);
	const sqlite = r.server?.results?.find((/** @type {any} */ s) => s.name === 'yorisoi on SQLite');
	lines.push(
		`- Sign-ups in the same run (bench/server.mjs): ${sqlite ? `${sqlite.perSecond}/s, p99 ${sqlite.p99} ms on SQLite (${r.server.date})` : '—'}.`,
		`- Sync flush (bench/sync.mjs): ${r.sync ? `${r.sync.mutations} queued changes sent in ${(r.sync.medianMs / 1000).toFixed(2)} s with ${r.sync.pushes} pushes and ${r.sync.pulls} pull (${r.sync.perSecond}/s; its own section below)` : '—'}.`
	);
	lines.push('');
	lines.push('### Targets');
	lines.push('');
	lines.push('| target | figure | |');
	lines.push('| --- | --- | --- |');
	const scores = Object.entries(r.lighthouse).filter(([, l]) => !l.error);
	for (const [key, name, goal] of [
		['performance', 'Lighthouse performance', targets.performance],
		['accessibility', 'Lighthouse accessibility', targets.accessibility],
		['bestPractices', 'Lighthouse best practices', targets.bestPractices]
	]) {
		const low = scores.filter(([, l]) => l[key] < goal);
		lines.push(
			`| ${name} ≥ ${goal} on every route | lowest ${Math.min(...scores.map(([, l]) => l[key]))}${low.length ? ` (${low.map(([route]) => `\`${route}\``).join(', ')})` : ''} | ${mark(scores.length > 0 && low.length === 0)} |`
		);
	}
	const [lessonRoute, lesson] =
		Object.entries(r.bytes).find(([route, b]) => route.startsWith('/lessons/') && b !== null) ?? [];
	if (lessonRoute && lesson) {
		// Judged by what the browser loaded when it was measured (lazy chunks included): the
		// build's static figure, which `npm test` budgets, leaves those out.
		const measured = r.browserBytes[lessonRoute];
		const seen = measured && !measured.error ? measured : undefined;
		const js = Math.max(lesson.js.gzip, seen?.js.gzip ?? 0);
		const css = Math.max(lesson.css.gzip, seen?.css.gzip ?? 0);
		const both = (/** @type {number} */ built, /** @type {number | undefined} */ loaded) =>
			loaded === undefined
				? `${kB(built)} KB`
				: `${kB(loaded)} KB (${kB(built)} KB from the build)`;
		lines.push(
			`| lesson page JS ≤ 60 KB gzip | ${both(lesson.js.gzip, seen?.js.gzip)} | ${mark(js <= targets.lessonJsGzip)} |`
		);
		if (lesson.data?.count)
			lines.push(
				`| lesson data (its text, counted apart from JS) | ${kB(lesson.data.gzip)} KB | — |`
			);
		lines.push(
			`| lesson page CSS ≤ 20 KB gzip | ${both(lesson.css.gzip, seen?.css.gzip)} | ${mark(css <= targets.lessonCssGzip)} |`
		);
	}
	lines.push(
		`| precache ≤ 3 MB | ${kB(p.raw)} KB uncompressed | ${mark(p.raw <= targets.precacheRaw)} |`
	);
	if (o && !o.error)
		lines.push(
			`| offline start ≤ 1.5× the floor | ${o.ratio}× | ${mark(o.ratio <= targets.offlineRatio)} |`
		);
	if (r.memory.serverPeakRssMB !== null)
		lines.push(
			`| server peak RSS ≤ 200 MB | ${r.memory.serverPeakRssMB} MB | ${mark(r.memory.serverPeakRssMB <= targets.serverPeakRssMB)} |`
		);
	if (heap)
		lines.push(
			`| lesson page JS heap ≤ 20 MB | ${heap.jsHeapUsedMB} MB | ${mark(heap.jsHeapUsedMB <= targets.lessonHeapMB)} |`
		);
	lines.push('');
	lines.push('<!-- /bench:app -->');
	return lines.join('\n');
}

/** Writes a file as Prettier formats it, so that `npm test`'s format check stays green. */
export async function writeFormatted(/** @type {string} */ file, /** @type {string} */ text) {
	const options = (await prettier.resolveConfig(file)) ?? {};
	writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}
