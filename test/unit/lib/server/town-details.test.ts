import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseTown, type ServedTown, type Town } from '$lib/domain/town';
import { aobaTown } from '$lib/server/demo-aoba';
import { isCompiledTown, townIcon, townManifest, townScript } from '$lib/server/town-details';
import { town as builtInTown } from '$lib/town';

const bootScript = readFileSync(new URL('../../../../static/boot.js', import.meta.url), 'utf8');

/**
 * Runs static/boot.js and then a town script in a page made of the little they touch: the
 * <html> element's attributes and style, a MutationObserver and DOMContentLoaded.
 */
function runInPage(script: string) {
	const attributes = new Map<string, string>();
	const style = new Map<string, string>();
	const observed: unknown[] = [];
	const root = {
		setAttribute: (name: string, value: string) => attributes.set(name, value),
		hasAttribute: (name: string) => attributes.has(name),
		removeAttribute: (name: string) => attributes.delete(name),
		style: { setProperty: (name: string, value: string) => style.set(name, value) },
		lang: 'ja'
	};
	class MutationObserver {
		observe(target: unknown) {
			observed.push(target);
		}
		disconnect() {}
	}
	const window: Record<string, unknown> = { addEventListener: () => undefined };
	const context = {
		window,
		document: { documentElement: root, addEventListener: () => undefined },
		localStorage: { getItem: () => null },
		location: { pathname: '/' },
		MutationObserver
	};
	runInNewContext(bootScript, context);
	runInNewContext(script, context);
	return { attributes, style, observed, served: window.__yorisoiServedTown as ServedTown };
}

const aoba = (suspended = false): ServedTown => ({ town: aobaTown, suspended });

describe('town details', () => {
	describe('townScript', () => {
		it("gives static/boot.js the host's town before the first paint: colours, texts", () => {
			const page = runInPage(townScript(aoba()));

			expect(page.served.town.id).toBe('aoba');
			expect(page.served.suspended).toBe(false);
			expect(page.style.get('--town-primary')).toBe('#1e3a8a');
			expect(page.style.get('--town-background')).toBe('#f4f6fb');
			expect(page.attributes.has('data-town-suspended')).toBe(false);
			// Another town than the pages were built with: its texts are filled as they are read.
			expect(page.observed).toHaveLength(1);
		});

		it('marks a paused town on <html>, so every page shows its notice', () => {
			expect(runInPage(townScript(aoba(true))).attributes.has('data-town-suspended')).toBe(true);
		});

		it('leaves the prerendered texts alone for the town they were built with', () => {
			const page = runInPage(townScript({ town: builtInTown, suspended: false }));

			expect(page.observed).toHaveLength(0);
			expect(page.style.get('--town-primary')).toBe(builtInTown.colours.primary);
		});

		it('gives the 日本語 texts their furigana, as the build gives the built-in town', () => {
			const page = runInPage(townScript({ town: builtInTown, suspended: false }));

			expect(page.served.town.office.name.ja).toMatch(/\{[^|{}]*役場\|[^|{}]*やくば\}/);
		});

		it('cannot end its script element, whatever the town is called', () => {
			const town: Town = { ...aobaTown, name: { ...aobaTown.name, en: '</script><script>x()' } };
			const script = townScript({ town, suspended: false });

			expect(script).not.toContain('</script>');
			expect(runInPage(script).served.town.name.en).toBe('</script><script>x()');
		});
	});

	describe('isCompiledTown', () => {
		it('knows the town the pages were built with, and no other', () => {
			expect(isCompiledTown(parseTown(structuredClone(builtInTown)))).toBe(true);
			expect(isCompiledTown(aobaTown)).toBe(false);
		});
	});

	describe('townManifest', () => {
		it("names the app after the town and takes the town's colours", () => {
			const manifest = townManifest(aobaTown);

			expect(manifest.name).toBe('よりそい あおば村 — スマホのおてつだい');
			expect(manifest.short_name).toBe('よりそい あおば村');
			expect(manifest.theme_color).toBe('#1e3a8a');
			expect(manifest.background_color).toBe('#f4f6fb');
			expect(manifest.icons).toContainEqual(
				expect.objectContaining({ src: '/town-icon.svg', type: 'image/svg+xml' })
			);
		});

		it('leaves a long name out of the short name a home screen cuts', () => {
			const town = { ...aobaTown, name: { ...aobaTown.name, ja: 'あおばやまなみ高原村' } };

			expect(townManifest(town).short_name).toBe('よりそい');
		});
	});

	describe('townIcon', () => {
		it("draws the town's name on its colour, with markup escaped", () => {
			const town = { ...aobaTown, name: { ...aobaTown.name, ja: 'A&B<村>' } };
			const icon = townIcon(town);

			expect(icon).toContain('fill="#1e3a8a"');
			expect(icon).toContain('A&amp;B&lt;村&gt;');
			expect(icon).not.toContain('<村>');
		});
	});
});
