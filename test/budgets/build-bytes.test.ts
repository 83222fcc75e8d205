// The byte counting itself, on a tiny build made in a temporary folder: a budget test that
// counted nothing would always pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	firstVisit,
	precache,
	precacheUrls,
	volunteerPages
} from '../../bench/lib/build-bytes.mjs';

const buildDir = mkdtempSync(join(tmpdir(), 'yorisoi-build-bytes-'));
afterAll(() => rmSync(buildDir, { recursive: true, force: true }));

function file(path: string, text: string): void {
	mkdirSync(dirname(join(buildDir, path)), { recursive: true });
	writeFileSync(join(buildDir, path), text);
}

// A worker as SvelteKit writes it (minified): its lists are arrays of `base + "/path"`.
file(
	'client/service-worker.js',
	'var e=location.pathname,t=[e+`/_app/immutable/entry/start.js`,e+`/_app/immutable/chunks/a.js`],' +
		'n=[e+"/boot.js",e+"/robots.txt"],r=[e+`/`,e+`/lessons/touch`,e+`/volunteer`];console.log(`/not-a-list`)'
);
file(
	'client/_app/immutable/entry/start.js',
	'import{a}from"../chunks/a.js";import("../chunks/lazy.js")'
);
file('client/_app/immutable/chunks/a.js', 'import"./b.js";export const a=1;'.padEnd(1000, ' '));
file('client/_app/immutable/chunks/a.js.gz', 'x'.repeat(100));
file('client/_app/immutable/chunks/a.js.br', 'x'.repeat(80));
file('client/_app/immutable/chunks/b.js', 'export const b=2;');
file('client/_app/immutable/chunks/lazy.js', 'export const lazy=3;'.padEnd(5000, ' '));
file('client/_app/immutable/chunks/lesson-touch.Ab12.js', 'export const lesson=JSON.parse("{}");');
file('client/_app/immutable/assets/page.css', 'p{color:red}');
file('client/boot.js', 'var boot;');
file('client/robots.txt', 'User-agent: *');
file('prerendered/index.html', '<!doctype html><p>home</p>');
file('prerendered/volunteer.html', '<!doctype html><p>desk</p>');
file(
	'prerendered/lessons/touch.html',
	'<script src="../boot.js"></script>' +
		'<link href="../_app/immutable/entry/start.js" rel="modulepreload">' +
		'<link href="../_app/immutable/chunks/lesson-touch.Ab12.js" rel="modulepreload">' +
		'<link href="../_app/immutable/assets/page.css" rel="stylesheet">'
);

describe('precacheUrls', () => {
	it("reads the worker's lists, not other strings, without what is never precached", () => {
		expect(precacheUrls(buildDir)).toEqual([
			'/_app/immutable/entry/start.js',
			'/_app/immutable/chunks/a.js',
			'/boot.js',
			'/',
			'/lessons/touch',
			'/volunteer'
		]);
	});
});

describe('precache', () => {
	it('counts the worker and every precached file as served (compressed copy or itself)', () => {
		const offline = precache(buildDir);
		expect(offline.files.map((entry) => entry.url)).toContain('/service-worker.js');
		const a = offline.files.find((entry) => entry.url === '/_app/immutable/chunks/a.js');
		expect(a).toMatchObject({ raw: 1000, gzip: 100, brotli: 80 });
		expect(offline.raw).toBe(offline.files.reduce((sum, entry) => sum + entry.raw, 0));
	});

	it("leaves the volunteer desk's pages to volunteers' devices, and counts them apart", () => {
		expect(precache(buildDir).files.map((entry) => entry.url)).not.toContain('/volunteer');
		const desk = volunteerPages(buildDir);
		expect(desk.files.map((entry) => entry.url)).toEqual(['/volunteer']);
		expect(desk.raw).toBe('<!doctype html><p>desk</p>'.length);
	});
});

describe('firstVisit', () => {
	it("follows the page's scripts and their static imports, not lazy ones", () => {
		const visit = firstVisit(buildDir, '/lessons/touch');
		expect(visit.js.files.map((entry) => entry.url)).toEqual([
			'/_app/immutable/chunks/a.js',
			'/_app/immutable/chunks/b.js',
			'/_app/immutable/entry/start.js',
			'/boot.js'
		]);
		expect(visit.css.files.map((entry) => entry.url)).toEqual(['/_app/immutable/assets/page.css']);
		expect(visit.js.gzip).toBeGreaterThanOrEqual(100);
	});

	it("counts the lesson's data module as data, not as the page's JavaScript", () => {
		const visit = firstVisit(buildDir, '/lessons/touch');
		expect(visit.data.files.map((entry) => entry.url)).toEqual([
			'/_app/immutable/chunks/lesson-touch.Ab12.js'
		]);
		expect(visit.js.files.map((entry) => entry.url)).not.toContain(
			'/_app/immutable/chunks/lesson-touch.Ab12.js'
		);
	});

	it('fails for a route that is not a prerendered page', () => {
		expect(() => firstVisit(buildDir, '/nowhere')).toThrow('not a prerendered page');
	});
});
