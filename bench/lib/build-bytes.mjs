// What a device downloads from a production build, read from the build folder alone (so the
// byte budgets are deterministic): the JavaScript and CSS a first visit of a prerendered page
// loads, and the service worker's precache. Sizes are as served: adapter-node precompresses
// text files (.gz and .br beside them) and serves the file itself when there is no such copy.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ raw: number, gzip: number, brotli: number }} Bytes
 * @typedef {{ url: string, file: string } & Bytes} SizedFile
 */

/** Bytes of one file as served: itself, its .gz copy and its .br copy (or itself when none). */
export function servedBytes(/** @type {string} */ file) {
	const raw = statSync(file).size;
	const copy = (/** @type {string} */ suffix) =>
		existsSync(file + suffix) ? statSync(file + suffix).size : raw;
	return { raw, gzip: copy('.gz'), brotli: copy('.br') };
}

/** Adds up the sizes of several files. */
export function total(/** @type {Bytes[]} */ files) {
	return files.reduce(
		(sum, file) => ({
			raw: sum.raw + file.raw,
			gzip: sum.gzip + file.gzip,
			brotli: sum.brotli + file.brotli
		}),
		{ raw: 0, gzip: 0, brotli: 0 }
	);
}

/**
 * The file in the build that answers a URL path: static and hashed files from client/, pages
 * and their data from prerendered/ (as adapter-node serves them), or null.
 */
export function fileFor(/** @type {string} */ buildDir, /** @type {string} */ path) {
	const clean = decodeURIComponent(path.split(/[?#]/)[0] ?? '');
	const candidates = [
		join(buildDir, 'client', clean),
		join(buildDir, 'prerendered', clean),
		join(buildDir, 'prerendered', `${clean}.html`),
		join(buildDir, 'prerendered', clean, 'index.html')
	];
	return candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

function sized(/** @type {string} */ buildDir, /** @type {string} */ url) {
	const file = fileFor(buildDir, url);
	if (!file) throw new Error(`${url} is in the build's lists but no file in ${buildDir} serves it`);
	return { url, file, ...servedBytes(file) };
}

/**
 * Every URL the built service worker precaches. SvelteKit writes its lists (`build`, `files`,
 * `prerendered`) into the worker as arrays of `base + "/path"`; they are read back from there,
 * so this counts what a device really fetches. Throws when the worker's shape is not found.
 */
export function precacheUrls(/** @type {string} */ buildDir) {
	const worker = readFileSync(join(buildDir, 'client', 'service-worker.js'), 'utf8');
	// An array whose every element is `name + "literal"` (any quote): one of the kit's lists.
	const list = /\[((?:\s*[\w$]+\s*\+\s*(["'`])\/[^"'`]*\2\s*,?)+)\]/g;
	const urls = new Set();
	for (const match of worker.matchAll(list)) {
		for (const item of (match[1] ?? '').matchAll(/(["'`])(\/[^"'`]*)\1/g)) urls.add(item[2]);
	}
	const found = [...urls];
	if (!found.some((url) => url.startsWith('/_app/immutable/')) || !found.includes('/')) {
		throw new Error(
			`no precache list found in ${buildDir}/client/service-worker.js: has the worker's shape changed?`
		);
	}
	// The same exclusions as precacheManifest in src/lib/sw/precache.ts.
	return found.filter((url) => !/^\/robots\.txt$/.test(url) && !/\/\.[^/]+$/.test(url));
}

/** The volunteer desk's pages, as isVolunteerPage in src/lib/sw/volunteer-pages.ts. */
const isVolunteerPage = (/** @type {string} */ url) =>
	url === '/volunteer' || url.startsWith('/volunteer/');

/**
 * The build files only the volunteer desk uses, as scripts/finish-build.mjs wrote them into the
 * worker: a string literal holding a JSON list of `/_app/…` paths.
 */
export function deskBuildUrls(/** @type {string} */ buildDir) {
	const worker = readFileSync(join(buildDir, 'client', 'service-worker.js'), 'utf8');
	for (const match of worker.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
		if (!match[1]?.startsWith('[\\"/_app/')) continue;
		return /** @type {string[]} */ (JSON.parse(JSON.parse(`"${match[1]}"`)));
	}
	return [];
}

/**
 * The precache as a resident's device downloads it to be ready offline: the worker script itself
 * and every file it precaches, with their served sizes, and the total.
 */
export function precache(/** @type {string} */ buildDir) {
	const desk = new Set(deskBuildUrls(buildDir));
	const urls = precacheUrls(buildDir).filter((url) => !isVolunteerPage(url) && !desk.has(url));
	const files = ['/service-worker.js', ...urls].map((url) => sized(buildDir, url));
	return { files, ...total(files) };
}

/**
 * The volunteer desk's prerendered pages and the build files only they use, which a device
 * stores apart once a volunteer logs in on it (src/lib/sw/volunteer-pages.ts): what a
 * volunteer's device downloads on top.
 */
export function volunteerPages(/** @type {string} */ buildDir) {
	const desk = new Set(deskBuildUrls(buildDir));
	const files = precacheUrls(buildDir)
		.filter((url) => isVolunteerPage(url) || desk.has(url))
		.map((url) => sized(buildDir, url));
	return { files, ...total(files) };
}

/** Static imports (`import … from "./x.js"`, `import "./x.js"`) of a built module; not import(). */
function staticImports(/** @type {string} */ code) {
	const found = [];
	for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*)(["'`])([^"'`]+\.js)\1/g)) {
		found.push(/** @type {string} */ (match[2]));
	}
	return found;
}

/**
 * The JavaScript and CSS a first visit of a prerendered page loads before it is interactive:
 * the page's scripts, module preloads and stylesheets, the modules SvelteKit's start script
 * imports, and everything those import statically (lazy `import()` chunks are not counted).
 */
/**
 * A lesson's data module (src/lib/server/lessons/vite-plugin.ts): the lesson's text, which the
 * page held inline in its HTML before. It is data, not code, so it is counted apart from the
 * page's JavaScript.
 */
export function isLessonData(/** @type {string} */ url) {
	return /\/_app\/immutable\/chunks\/lesson-[^/]+\.js$/.test(url);
}

/** Scripts the pages load that the server answers at run time, per host. */
const answeredByServer = ['/town.js'];

export function firstVisit(/** @type {string} */ buildDir, /** @type {string} */ route) {
	const page = fileFor(buildDir, route);
	if (!page || !page.endsWith('.html')) {
		throw new Error(`${route} is not a prerendered page in ${buildDir}`);
	}
	const html = readFileSync(page, 'utf8');
	const base = new URL(route, 'http://build.invalid');
	const resolve = (/** @type {string} */ href, /** @type {URL} */ from) =>
		new URL(href, from).pathname;
	const scripts = new Set();
	const styles = new Set();
	for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*>/g)) {
		const href = /\b(?:href|src)="([^"]+)"/.exec(tag)?.[1];
		if (!href) continue;
		if (/rel="(?:modulepreload|preload)"/.test(tag) && href.endsWith('.js'))
			scripts.add(resolve(href, base));
		else if (tag.startsWith('<script')) scripts.add(resolve(href, base));
		else if (/rel="stylesheet"/.test(tag)) styles.add(resolve(href, base));
	}
	// SvelteKit's inline start script: import("./_app/immutable/entry/start.….js") and app.….js.
	for (const match of html.matchAll(/import\((["'`])([^"'`]+\.js)\1\)/g)) {
		scripts.add(resolve(/** @type {string} */ (match[2]), base));
	}
	// The host's town (src/routes/town.js) is answered per host by the server, not a build file:
	// under 2 KB compressed (a town's details as JSON), left out of the build's figures.
	for (const url of answeredByServer) scripts.delete(url);
	const queue = [...scripts];
	while (queue.length > 0) {
		const url = /** @type {string} */ (queue.pop());
		const file = fileFor(buildDir, url);
		if (!file) throw new Error(`${route} loads ${url}, which is not in ${buildDir}`);
		const from = new URL(url, 'http://build.invalid');
		for (const imported of staticImports(readFileSync(file, 'utf8'))) {
			const path = resolve(imported, from);
			if (!scripts.has(path)) {
				scripts.add(path);
				queue.push(path);
			}
		}
	}
	const loaded = [...scripts].sort().map((url) => sized(buildDir, url));
	const js = loaded.filter((file) => !isLessonData(file.url));
	const data = loaded.filter((file) => isLessonData(file.url));
	const css = [...styles].sort().map((url) => sized(buildDir, url));
	return {
		route,
		js: { files: js, ...total(js) },
		data: { files: data, ...total(data) },
		css: { files: css, ...total(css) }
	};
}

/** Ids of every lesson page in the build (`/lessons/<id>`, not the list's own pages). */
export function lessonIds(/** @type {string} */ buildDir) {
	// The lessons part's own pages, which are not lessons (handout: any lesson, on paper).
	const own = ['learners', 'practice', 'progress', 'handout'];
	return precacheUrls(buildDir)
		.map((url) => /^\/lessons\/([a-z0-9-]+)$/.exec(url)?.[1])
		.filter((id) => id !== undefined && !own.includes(id));
}

/** The first lesson's id: lessons/ holds one `NN-id` folder per lesson, in order. */
export function firstLessonId(/** @type {string} */ lessonsDir = 'lessons') {
	const first = readdirSync(lessonsDir)
		.filter((name) => /^\d+-/.test(name))
		.sort()[0];
	if (!first) throw new Error(`no lesson folder in ${lessonsDir}`);
	return first.replace(/^\d+-/, '');
}
