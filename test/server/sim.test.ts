// The seeded sync simulator (test/sim, `npm run sim`) as part of CI: thirty seeds of
// devices, a bad network and crashing servers running the real sync code, and the invariants
// checked after each; a few seeds again on PostgreSQL when the machine has it. A failure names
// the seed and the command that replays it.
import { afterAll, describe, expect, it } from 'vitest';
import { mutationKinds } from '$lib/domain/mutations';
import { dropSimTemplates, postgresUnavailable, type SimBackend } from '../sim/server';
import { runSeed } from '../sim/simulate';

/** Seeds 1..N; SIM_SEEDS changes N (the 10,000-seed figure is `npm run sim -- --seeds 10000`). */
const seeds = Number(process.env.SIM_SEEDS ?? 30);
/** Seeds 1..N on PostgreSQL (SIM_POSTGRES_SEEDS); `npm run sim -- --db postgres` runs more. */
const postgresSeeds = Number(process.env.SIM_POSTGRES_SEEDS ?? 2);

const postgresSkipReason = await postgresUnavailable();
if (postgresSkipReason) {
	console.warn(`The simulator's PostgreSQL seeds are SKIPPED: ${postgresSkipReason}`);
}

afterAll(dropSimTemplates);

/** Runs seeds 1..count on a backend; fails at the first violation with its replay command. */
async function runSeeds(count: number, db: SimBackend): Promise<Set<string>> {
	let mutations = 0;
	let faults = 0;
	const kinds = new Set<string>();
	for (let seed = 1; seed <= count; seed += 1) {
		const result = await runSeed({ seed, db });
		mutations += result.mutations;
		faults += result.faults;
		for (const kind of Object.keys(result.kinds)) kinds.add(kind);
		if (result.violations.length > 0) {
			const flag = db === 'postgres' ? ' --db postgres' : '';
			expect.fail(
				`seed ${seed} on ${db}: ${result.violations.slice(0, 5).join('\n')}\n` +
					`replay: npm run sim -- --seed ${seed}${flag} --trace\n${result.trace.slice(-60).join('\n')}`
			);
		}
	}
	console.log(
		`sim${db === 'postgres' ? ' (PostgreSQL)' : ''}: ${count} seeds, ${mutations} mutations, ${faults} faults, 0 violations`
	);
	expect(mutations).toBeGreaterThan(count * 10);
	return kinds;
}

describe('the sync simulator', () => {
	it('replays a seed event for event', async () => {
		const first = await runSeed({ seed: 7, devices: 12 });
		const again = await runSeed({ seed: 7, devices: 12 });
		expect(first.trace.length).toBeGreaterThan(50);
		expect(again.hash).toBe(first.hash);
	});

	it(
		`finds no violation in ${seeds} seeds, making every kind of mutation`,
		{ timeout: 30 * 60_000 },
		async () => {
			const kinds = await runSeeds(seeds, 'sqlite');
			// A kind the simulator never makes is a kind it does not prove.
			expect(mutationKinds.map(({ kind }) => kind).filter((kind) => !kinds.has(kind))).toEqual([]);
		}
	);
});

describe.skipIf(postgresSkipReason !== null)('the sync simulator on PostgreSQL', () => {
	it(`finds no violation in ${postgresSeeds} seeds`, { timeout: 30 * 60_000 }, async () => {
		await runSeeds(postgresSeeds, 'postgres');
	});
});
