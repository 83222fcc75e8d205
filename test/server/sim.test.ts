// The seeded sync simulator (test/sim, `npm run sim`) as part of CI: a few hundred seeds of
// devices, a bad network and crashing servers running the real sync code, and the invariants
// checked after each. A failure names the seed and the command that replays it.
import { describe, expect, it } from 'vitest';
import { runSeed } from '../sim/simulate';

/** Seeds 1..N; SIM_SEEDS changes N (the 10,000-seed figure is `npm run sim -- --seeds 10000`). */
const seeds = Number(process.env.SIM_SEEDS ?? 200);

describe('the sync simulator', () => {
	it('replays a seed event for event', async () => {
		const first = await runSeed({ seed: 7, devices: 12 });
		const again = await runSeed({ seed: 7, devices: 12 });
		expect(first.trace.length).toBeGreaterThan(50);
		expect(again.hash).toBe(first.hash);
	});

	it(`finds no violation in ${seeds} seeds`, { timeout: 30 * 60_000 }, async () => {
		let mutations = 0;
		let faults = 0;
		for (let seed = 1; seed <= seeds; seed += 1) {
			const result = await runSeed({ seed });
			mutations += result.mutations;
			faults += result.faults;
			if (result.violations.length > 0) {
				expect.fail(
					`seed ${seed}: ${result.violations.slice(0, 5).join('\n')}\n` +
						`replay: npm run sim -- --seed ${seed} --trace\n${result.trace.slice(-60).join('\n')}`
				);
			}
		}
		console.log(`sim: ${seeds} seeds, ${mutations} mutations, ${faults} faults, 0 violations`);
		expect(mutations).toBeGreaterThan(seeds * 10);
	});
});
