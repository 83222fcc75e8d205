import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '$lib/domain/calendar-date';
import { sourceIds, sources, staleSources } from '$lib/components/mynumber/sources';

// Where the My Number pages name their sources: `<SourceNote ids={[…]} />` and `sources: […]`.
const citingFolders = ['src/routes/mynumber', 'src/lib/components/mynumber'];
const citations = /(?:ids=\{\[|sources:\s*\[)([^\]]*)\]/g;

/** Every source id written in the pages, with the file it is in. */
function citedIds(): Array<{ file: string; id: string }> {
	const cited: Array<{ file: string; id: string }> = [];
	for (const folder of citingFolders) {
		const files = readdirSync(folder, { recursive: true, encoding: 'utf8' });
		for (const file of files.filter((name) => /\.(svelte|ts)$/.test(name))) {
			const path = join(folder, file);
			for (const [, list] of readFileSync(path, 'utf8').matchAll(citations)) {
				for (const [, id] of (list ?? '').matchAll(/'([^']+)'/g)) {
					if (id) cited.push({ file: path, id });
				}
			}
		}
	}
	return cited;
}

describe('mynumber sources', () => {
	describe('sources', () => {
		it('each has the real day it was checked', () => {
			const undated = sourceIds.filter((id) => parseIsoDate(sources[id].checked ?? '') === null);
			expect(undated).toEqual([]);
		});

		it('is never checked after the day it is read', () => {
			const future = sourceIds.filter(
				(id) => sources[id].checked > new Date().toISOString().slice(0, 10)
			);
			expect(future).toEqual([]);
		});
	});

	describe('the pages', () => {
		it('cite only sources that exist', () => {
			const cited = citedIds();
			// The scan itself must find the citations, or it proves nothing.
			expect(cited.length).toBeGreaterThan(20);
			const unknown = cited.filter(({ id }) => !(id in sources));
			expect(unknown).toEqual([]);
		});
	});

	describe('staleSources', () => {
		it('lists nothing within 12 months of the last check', () => {
			expect(staleSources('2026-12-06')).toEqual([]);
			expect(staleSources('2027-11-24')).toEqual([]);
		});

		it('lists the sources checked more than 12 months ago, oldest first', () => {
			const firstPass = sourceIds.filter((id) => sources[id].checked === '2026-11-24');
			expect(staleSources('2027-11-25')).toEqual(firstPass);
			const all = staleSources('2027-12-07');
			expect(all).toHaveLength(sourceIds.length);
			expect(all.slice(0, firstPass.length)).toEqual(firstPass);
		});

		it('refuses a day that is not YYYY-MM-DD', () => {
			expect(() => staleSources('6 December 2026')).toThrow(/YYYY-MM-DD/);
		});
	});
});
