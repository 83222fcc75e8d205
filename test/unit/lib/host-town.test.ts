import { describe, expect, it } from 'vitest';
import type { ServedTown, Town } from '$lib/domain/town';
import { HostTown, isServedTown } from '$lib/host-town.svelte';
import { town as builtInTown } from '$lib/town';

/** Another town than the built-in one, as the server answers it. */
function aoba(suspended = false): ServedTown {
	const town: Town = structuredClone(builtInTown);
	town.id = 'aoba';
	town.name = { ja: 'あおば村', 'ja-easy': 'あおば{村|むら}', en: 'Aoba Village' };
	town.office.phone = '000-000-1000';
	town.colours = { primary: '#1e3a8a', background: '#f4f6fb' };
	return { town, suspended };
}

/** A fetch that answers `/api/town` with `body` (or fails as offline when `body` is an Error). */
function answering(body: unknown, status = 200) {
	const asked: string[] = [];
	const fetcher = (async (input: RequestInfo | URL) => {
		asked.push(String(input));
		if (body instanceof Error) throw body;
		return new Response(JSON.stringify(body), {
			status,
			headers: { 'content-type': 'application/json' }
		});
	}) as typeof fetch;
	return { fetcher, asked };
}

describe('host town', () => {
	describe('isServedTown', () => {
		it('takes what the server answers for a host', () => {
			expect(isServedTown(aoba())).toBe(true);
			expect(isServedTown({ town: builtInTown, suspended: true })).toBe(true);
		});

		it('refuses a broken or old copy: no pause flag, a text missing a language, no days', () => {
			const noFlag = { town: aoba().town };
			const missingLanguage = aoba();
			(missingLanguage.town.office.name as Partial<Town['office']['name']>).en = undefined;
			const noDays = aoba() as unknown as { town: Record<string, unknown> };
			delete noDays.town.outreachDates;

			expect(isServedTown(noFlag)).toBe(false);
			expect(isServedTown(missingLanguage)).toBe(false);
			expect(isServedTown(noDays)).toBe(false);
			expect(isServedTown(null)).toBe(false);
			expect(isServedTown('aoba')).toBe(false);
		});
	});

	describe('constructor', () => {
		it('starts with the town /town.js handed to the page', () => {
			const host = new HostTown(aoba(true));

			expect(host.details.name.ja).toBe('あおば村');
			expect(host.suspended).toBe(true);
		});

		it('starts with the built-in town when the page got none (no server, a broken copy)', () => {
			expect(new HostTown(undefined).details).toEqual(builtInTown);
			expect(new HostTown({ town: { id: 'x' }, suspended: true }).suspended).toBe(false);
		});
	});

	describe('refresh', () => {
		it("shows the server's town now: an admin's edit and the operator's pause", async () => {
			const host = new HostTown(aoba());
			const edited = aoba(true);
			edited.town.office.phone = '000-000-1999';
			const { fetcher, asked } = answering(edited);

			expect(await host.refresh(fetcher)).toBe(true);
			expect(asked).toEqual(['/api/town']);
			expect(host.details.office.phone).toBe('000-000-1999');
			expect(host.suspended).toBe(true);
		});

		it('keeps the copy it has offline, on an error answer or on an answer that is no town', async () => {
			const host = new HostTown(aoba());

			expect(await host.refresh(answering(new TypeError('Failed to fetch')).fetcher)).toBe(false);
			expect(await host.refresh(answering({ error: {} }, 500).fetcher)).toBe(false);
			expect(await host.refresh(answering({ town: 'aoba' }).fetcher)).toBe(false);
			expect(host.details.name.ja).toBe('あおば村');
			expect(host.suspended).toBe(false);
		});
	});
});
