import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { resumeMirror, resumeMirrorKey } from '$lib/client/resume-mirror';

const bootScript = readFileSync(new URL('../../../../static/boot.js', import.meta.url), 'utf8');

type Listener = (event: { target: unknown }) => void;

/**
 * Runs static/boot.js as a page at `path` would, with this test's localStorage: its `<html>`
 * attributes (a live set) and the window's listeners by event type.
 */
function boot(path: string) {
	const attributes = new Set<string>();
	const listeners = new Map<string, Listener>();
	const root = {
		setAttribute: (name: string) => attributes.add(name),
		hasAttribute: (name: string) => attributes.has(name),
		removeAttribute: (name: string) => attributes.delete(name),
		lang: 'ja'
	};
	const window = {
		addEventListener: (type: string, listener: Listener) => listeners.set(type, listener)
	};
	runInNewContext(bootScript, {
		window,
		document: { documentElement: root },
		location: { pathname: path },
		localStorage
	});
	return { attributes, listeners, window };
}

/** The `<html>` attributes boot.js sets on a page at `path`. */
function bootAt(path: string): string[] {
	return [...boot(path).attributes];
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
		it('shows step 1 at once when the app fails to start, not when it has started', () => {
			resumeMirror.choose('hanako');
			resumeMirror.place('hanako', 'touch', 2);

			// A module that does not load (the error of its <script> or <link>, heard while
			// capturing), or an import that fails: the app will not read the place.
			const failed = boot('/lessons/touch');
			failed.listeners.get('error')?.({ target: { nodeName: 'SCRIPT' } });
			expect(failed.attributes).not.toContain('data-resuming');
			const rejected = boot('/lessons/touch');
			rejected.listeners.get('unhandledrejection')?.({ target: rejected.window });
			expect(rejected.attributes).not.toContain('data-resuming');

			// A picture that does not load is no sign; nor an error once the app has started.
			const picture = boot('/lessons/touch');
			picture.listeners.get('error')?.({ target: { nodeName: 'IMG' } });
			expect(picture.attributes).toContain('data-resuming');
			picture.attributes.add('data-app-ready');
			picture.listeners.get('error')?.({ target: picture.window });
			expect(picture.attributes).toContain('data-resuming');

			// A page that hides nothing listens for nothing.
			expect([...boot('/lessons').listeners.keys()]).toEqual(['beforeinstallprompt']);
		});

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
