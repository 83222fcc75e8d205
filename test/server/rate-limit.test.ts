import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { migrate } from '$lib/server/migrations';
import {
	DatabaseRateLimiter,
	purgeExpiredRateLimits,
	retryAfterSeconds,
	signupLimiter
} from '$lib/server/rate-limit';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { backends, type TestDatabase } from './backends';

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`DatabaseRateLimiter on ${backend.name}`, () => {
		let testDatabase: TestDatabase;
		let first: Database;
		let second: Database;

		beforeAll(async () => {
			testDatabase = await backend.create();
			first = await openDatabase(testDatabase.url);
			await migrate(first);
			// A second connection stands for a second server process on the same database.
			second = await openDatabase(testDatabase.url);
		});

		afterAll(async () => {
			await first?.close();
			await second?.close();
			await testDatabase?.drop();
		});

		const limiter = (database: Database, points = 3, duration = 60) =>
			new DatabaseRateLimiter({ database, keyPrefix: 'test', points, duration });

		it('allows the limit, then refuses with the time to wait', async () => {
			const limits = limiter(first);
			for (let i = 1; i <= 3; i += 1) {
				expect((await limits.consume('hall-a')).remainingPoints).toBe(3 - i);
			}
			const refusal = await limits.consume('hall-a').catch((error: unknown) => error);
			expect(refusal).toBeInstanceOf(RateLimiterRes);
			expect(retryAfterSeconds(refusal)).toBeGreaterThanOrEqual(59);
			expect(retryAfterSeconds(refusal)).toBeLessThanOrEqual(60);
		});

		it('shares one count between processes on the same database', async () => {
			await limiter(first).consume('hall-b');
			await limiter(second).consume('hall-b');
			await limiter(first).consume('hall-b');
			await expect(limiter(second).consume('hall-b')).rejects.toBeInstanceOf(RateLimiterRes);
		});

		it('counts concurrent requests exactly', async () => {
			const limits = limiter(first, 10);
			const answers = await Promise.allSettled(
				Array.from({ length: 25 }, () => limits.consume('hall-c'))
			);
			expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(10);
		});

		it('starts a new window once the old one is over, and purges spent counters', async () => {
			const limits = limiter(first, 1, 1);
			await limits.consume('hall-d');
			await expect(limits.consume('hall-d')).rejects.toBeInstanceOf(RateLimiterRes);
			await new Promise((done) => setTimeout(done, 1_100));
			await expect(limits.consume('hall-d')).resolves.toBeInstanceOf(RateLimiterRes);
			expect(await purgeExpiredRateLimits(first, new Date(Date.now() + 2_000))).toBeGreaterThan(0);
		});
	});
}

describe('signupLimiter', () => {
	it('is off only when YORISOI_RATE_LIMITS=off', () => {
		const database = {} as Database;
		expect(signupLimiter(database, { YORISOI_RATE_LIMITS: 'off' })).toBeNull();
		expect(signupLimiter(database, {})?.points).toBe(120);
		expect(signupLimiter(database, { YORISOI_RATE_SIGNUPS_PER_IP: '30' })?.points).toBe(30);
	});
});
