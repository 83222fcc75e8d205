import { describe, expect, it } from 'vitest';
import { volunteerOnlyFiles } from '../../../scripts/volunteer-files.mjs';

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

	it('gives nothing when no node is the desk’s', () => {
		expect(volunteerOnlyFiles({ manifest, isVolunteerNode: () => false })).toEqual([]);
	});
});
