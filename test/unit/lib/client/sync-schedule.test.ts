import { describe, expect, it } from 'vitest';
import { nextSyncDelay, syncSchedule } from '$lib/client/sync-schedule';

describe('nextSyncDelay', () => {
	const noSpread = () => 0;

	it('pulls now and then when nothing failed', () => {
		expect(nextSyncDelay(0, noSpread)).toBe(syncSchedule.idlePullMs);
	});

	it('doubles the wait after each failure in a row: 5 s, 10 s, 20 s, 40 s', () => {
		expect([1, 2, 3, 4].map((failures) => nextSyncDelay(failures, noSpread))).toEqual([
			5_000, 10_000, 20_000, 40_000
		]);
	});

	it('never waits longer than five minutes (plus spread), however long the Wi-Fi is down', () => {
		expect(nextSyncDelay(9, noSpread)).toBe(syncSchedule.maxRetryMs);
		expect(nextSyncDelay(10_000, noSpread)).toBe(syncSchedule.maxRetryMs);
		expect(nextSyncDelay(10_000, () => 0.999_999)).toBeLessThanOrEqual(
			syncSchedule.maxRetryMs * 1.2
		);
	});

	it('spreads tablets of one hall by up to a fifth, so they do not all retry at once', () => {
		expect(nextSyncDelay(1, () => 0.5)).toBe(5_500);
		const spread = new Set(Array.from({ length: 50 }, () => nextSyncDelay(3)));
		expect(spread.size).toBeGreaterThan(1);
		for (const delay of spread) {
			expect(delay).toBeGreaterThanOrEqual(20_000);
			expect(delay).toBeLessThanOrEqual(24_000);
		}
	});
});
