import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Town } from '$lib/domain/town';
import { aobaTown } from '$lib/server/demo-aoba';
import type { Database } from '$lib/server/storage/database';
import { servedTown, TownIdError, updateTownDetails } from '$lib/server/town-details';
import { defaultTownId, ensureTown } from '$lib/server/towns';
import { town as builtInTown } from '$lib/town';
import { backends } from './backends';
import { migratedDatabase } from './seed';

const now = new Date('2026-06-01T00:00:00.000Z');

describe.each(backends)('town details on $name', (backend) => {
	const removals: Array<() => Promise<void>> = [];

	beforeAll(() => {
		if (backend.skipReason) console.warn(backend.skipReason);
	});

	afterEach(async () => {
		await Promise.all(removals.splice(0).map((remove) => remove()));
	});

	/** A migrated database with the default town and あおば村. */
	async function twoTowns(): Promise<Database> {
		const made = await migratedDatabase(backend);
		removals.push(made.remove);
		await ensureTown(made.database, { details: aobaTown, hosts: ['aoba.localhost'], now });
		return made.database;
	}

	it.skipIf(backend.skipReason !== null)(
		'serves each town its own details, not paused, and the built-in town for an unknown id',
		async () => {
			const database = await twoTowns();

			expect(await servedTown(database, defaultTownId)).toEqual({
				town: builtInTown,
				suspended: false
			});
			expect(await servedTown(database, 'aoba')).toEqual({ town: aobaTown, suspended: false });
			expect((await servedTown(database, 'nowhere')).town.id).toBe(defaultTownId);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'says a town is paused while its row says so',
		async () => {
			const database = await twoTowns();
			await database.run('UPDATE towns SET suspended = 1 WHERE id = ?', ['aoba']);

			expect((await servedTown(database, 'aoba')).suspended).toBe(true);
			expect((await servedTown(database, defaultTownId)).suspended).toBe(false);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		"saves an admin's edit of their town only, and audits it under that town",
		async () => {
			const database = await twoTowns();
			const edited: Town = structuredClone(aobaTown);
			edited.office.phone = '000-000-1999';
			edited.outreachDates = [];

			const served = await updateTownDetails(database, {
				townId: 'aoba',
				details: edited,
				actor: 'admin-1',
				now
			});

			expect(served.town).toEqual(edited);
			expect((await servedTown(database, 'aoba')).town.office.phone).toBe('000-000-1999');
			expect((await servedTown(database, defaultTownId)).town).toEqual(builtInTown);
			const lines = await database.all<{ actor: string; action: string; town_id: string }>(
				`SELECT actor, action, town_id FROM audit_log WHERE record_type = 'town'`
			);
			expect(lines).toEqual([{ actor: 'admin-1', action: 'town.details', town_id: 'aoba' }]);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		"refuses details naming another town, and details the town's schema refuses",
		async () => {
			const database = await twoTowns();
			const broken = {
				...structuredClone(aobaTown),
				colours: { primary: '#ffff00', background: '#ffffff' }
			};

			await expect(
				updateTownDetails(database, { townId: 'aoba', details: builtInTown, actor: 'a', now })
			).rejects.toBeInstanceOf(TownIdError);
			await expect(
				updateTownDetails(database, { townId: 'aoba', details: broken, actor: 'a', now })
			).rejects.toThrow(/colours\.primary/);
			expect((await servedTown(database, 'aoba')).town).toEqual(aobaTown);
			expect((await servedTown(database, defaultTownId)).town).toEqual(builtInTown);
		}
	);
});
