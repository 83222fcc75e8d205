import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	deskNamespaces,
	isDeskStrings,
	volunteerOnlyFiles
} from '../../../scripts/volunteer-files.mjs';

// A client manifest as Vite writes it: the app entry imports every route node dynamically.
const manifest = {
	'app.js': {
		file: '_app/immutable/entry/app.A.js',
		isEntry: true,
		imports: ['shared.js'],
		dynamicImports: ['nodes/0.js', 'nodes/1.js', 'nodes/2.js', 'nodes/3.js']
	},
	'nodes/0.js': { file: '_app/immutable/nodes/0.B.js', isEntry: true, imports: ['shared.js'] },
	'nodes/1.js': {
		file: '_app/immutable/nodes/1.C.js',
		isEntry: true,
		imports: ['both.js'],
		css: ['_app/immutable/assets/1.C.css']
	},
	// The desk's nodes: the dashboard and the class page.
	'nodes/2.js': {
		file: '_app/immutable/nodes/2.D.js',
		isEntry: true,
		imports: ['shared.js', 'desk.js', 'both.js'],
		css: ['_app/immutable/assets/2.D.css']
	},
	'nodes/3.js': {
		file: '_app/immutable/nodes/3.E.js',
		isEntry: true,
		imports: ['desk.js'],
		dynamicImports: ['qr.js']
	},
	'shared.js': { file: '_app/immutable/chunks/shared.F.js' },
	'both.js': { file: '_app/immutable/chunks/both.G.js', css: ['_app/immutable/assets/both.G.css'] },
	'desk.js': { file: '_app/immutable/chunks/desk.H.js', imports: ['shared.js'] },
	'qr.js': { file: '_app/immutable/chunks/qr.I.js' }
};
const isVolunteerNode = (key: string) => key === 'nodes/2.js' || key === 'nodes/3.js';

describe('volunteerOnlyFiles', () => {
	it('gives the desk’s nodes, their styles and the chunks only they import', () => {
		expect(volunteerOnlyFiles({ manifest, isVolunteerNode })).toEqual([
			'/_app/immutable/assets/2.D.css',
			'/_app/immutable/chunks/desk.H.js',
			'/_app/immutable/chunks/qr.I.js',
			'/_app/immutable/nodes/2.D.js',
			'/_app/immutable/nodes/3.E.js'
		]);
	});

	it('keeps what another page also uses in the precache', () => {
		const files = volunteerOnlyFiles({ manifest, isVolunteerNode });

		expect(files).not.toContain('/_app/immutable/chunks/shared.F.js');
		expect(files).not.toContain('/_app/immutable/chunks/both.G.js');
		expect(files).not.toContain('/_app/immutable/assets/both.G.css');
		expect(files).not.toContain('/_app/immutable/entry/app.A.js');
	});

	it('stores the desk’s strings with the desk, though the shared i18n module can load them', () => {
		const withStrings = {
			...manifest,
			'i18n.js': {
				file: '_app/immutable/chunks/i18n.J.js',
				dynamicImports: [
					'src/lib/i18n/locales/desk/ja.json',
					'src/lib/i18n/locales/classes/ja.json'
				]
			},
			'src/lib/i18n/locales/desk/ja.json': { file: '_app/immutable/chunks/desk-ja.K.js' },
			'src/lib/i18n/locales/classes/ja.json': { file: '_app/immutable/chunks/classes-ja.L.js' },
			'nodes/0.js': {
				file: '_app/immutable/nodes/0.B.js',
				isEntry: true,
				imports: ['shared.js', 'i18n.js']
			}
		};
		const files = volunteerOnlyFiles({
			manifest: withStrings,
			isVolunteerNode,
			deskOnly: isDeskStrings
		});

		expect(files).toContain('/_app/immutable/chunks/desk-ja.K.js');
		expect(files).not.toContain('/_app/immutable/chunks/classes-ja.L.js');
		expect(files).not.toContain('/_app/immutable/chunks/i18n.J.js');
	});

	it('gives nothing when no node is the desk’s', () => {
		expect(volunteerOnlyFiles({ manifest, isVolunteerNode: () => false })).toEqual([]);
	});
});

describe('the desk’s strings', () => {
	// Kept off residents' phones: a page outside the desk that used them would show bare keys
	// offline. The desk is src/routes/volunteer and the hall components it uses; the operator's
	// page (online only) keeps its strings apart the same way.
	const deskFolders = ['src/routes/volunteer/', 'src/lib/components/hall/', 'src/routes/operator/'];
	const sources = (folder: string): string[] =>
		readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) return sources(path);
			return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
		});
	const outside = sources('src').filter(
		(path) => !deskFolders.some((folder) => path.startsWith(folder))
	);

	const key = new RegExp(`['"\`](${deskNamespaces.join('|')})\\.[a-zA-Z]`);
	const loads = new RegExp(`loadNamespaces\\([^)]*['"](${deskNamespaces.join('|')})['"]`);

	it('are used by no page or component outside the desk', () => {
		const users = outside.filter((path) => {
			const code = readFileSync(path, 'utf8');
			return key.test(code) || loads.test(code);
		});

		expect(users).toEqual([]);
	});

	it('are found where the desk uses them, so the scan above would see them elsewhere', () => {
		expect(outside).toContain(join('src', 'routes', 'classes', '+page.svelte'));
		expect(key.test(readFileSync('src/routes/volunteer/+page.svelte', 'utf8'))).toBe(true);
		expect(loads.test(readFileSync('src/routes/volunteer/+layout.ts', 'utf8'))).toBe(true);
	});
});
