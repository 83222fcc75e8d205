import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { resumeMirror, resumeMirrorKey } from '$lib/client/resume-mirror';

const bootScript = readFileSync(new URL('../../../../static/boot.js', import.meta.url), 'utf8');

/** Runs static/boot.js as a page at `path` would, with this test's localStorage; its `<html>` attributes. */
function bootAt(path: string): string[] {
	const attributes = new Set<string>();
	const root = { setAttribute: (name: string) => attributes.add(name), lang: 'ja' };
	runInNewContext(bootScript, {
		window: { addEventListener: () => undefined },
		document: { documentElement: root },
		location: { pathname: path },
		localStorage
	});
	return [...attributes];
}

describe('resumeMirror', () => {
	it('expects a place only for the learner practising now, in a lesson left mid-way', () => {
		resumeMirror.place('hanako', 'touch', 3);
		resumeMirror.place('taro', 'call', 2);
		expect(resumeMirror.expects('touch')).toBe(false);

		resumeMirror.choose('hanako');
		expect(resumeMirror.expects('touch')).toBe(true);
		expect(resumeMirror.expects('call')).toBe(false);

		resumeMirror.choose('taro');
		expect(resumeMirror.expects('touch')).toBe(false);
		expect(resumeMirror.expects('call')).toBe(true);
	});

	it('forgets a place that is back at the start, and everything of a learner removed', () => {
		resumeMirror.choose('hanako');
		resumeMirror.place('hanako', 'touch', 3);
		resumeMirror.place('hanako', 'call', 1);
		resumeMirror.place('hanako', 'touch', null);
		expect(resumeMirror.expects('touch')).toBe(false);
		expect(resumeMirror.expects('call')).toBe(true);

		resumeMirror.forget('hanako');
		expect(JSON.parse(localStorage.getItem(resumeMirrorKey) ?? 'null')).toEqual({
			current: null,
			places: {}
		});
	});

	it('starts again from a broken value', () => {
		localStorage.setItem(resumeMirrorKey, '{not json');
		expect(resumeMirror.expects('touch')).toBe(false);
		resumeMirror.choose('hanako');
		resumeMirror.place('hanako', 'touch', 2);
		expect(resumeMirror.expects('touch')).toBe(true);
	});

	describe('read by static/boot.js before the first paint', () => {
		it('marks the page of a lesson the learner left mid-way, and no other page', () => {
			resumeMirror.choose('hanako');
			resumeMirror.place('hanako', 'touch', 3);

			expect(bootAt('/lessons/touch')).toContain('data-resuming');
			expect(bootAt('/lessons/call')).not.toContain('data-resuming');
			expect(bootAt('/lessons')).not.toContain('data-resuming');
			expect(bootAt('/')).not.toContain('data-resuming');
			expect(bootAt('/lessons/touch')).toContain('data-js');
		});

		it('does not mark it for another learner, nor with a broken value', () => {
			resumeMirror.place('hanako', 'touch', 3);
			resumeMirror.choose('taro');
			expect(bootAt('/lessons/touch')).not.toContain('data-resuming');

			localStorage.setItem(resumeMirrorKey, '{not json');
			expect(bootAt('/lessons/touch')).toEqual(['data-js']);
		});
	});
});
