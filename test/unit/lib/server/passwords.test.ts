import { describe, expect, it } from 'vitest';
import { hashPassword, testPasswordCost, verifyPassword } from '$lib/server/passwords';

describe('password hashes', () => {
	// Three hashes at the real cost (128 MiB each): a CI run starts this beside the type check
	// and the formatter on two cores, where they once took over Vitest's 5 s.
	it(
		"are made at OWASP's scrypt cost (N=2^17, r=8, p=1) unless the tests ask for less",
		{ timeout: 30_000 },
		async () => {
			expect(testPasswordCost()).toBe(false);
			const hash = await hashPassword('夏の朝は早起き-Zz9');
			expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
			expect(await verifyPassword('夏の朝は早起き-Zz9', hash)).toBe(true);
			expect(await verifyPassword('夏の朝は早起き-Zz8', hash)).toBe(false);
		}
	);

	it('at the test cost, are still checked by the parameters they name', async () => {
		const env = { YORISOI_PASSWORD_COST: 'test' };
		expect(testPasswordCost(env)).toBe(true);
		expect(testPasswordCost({ YORISOI_PASSWORD_COST: 'low' })).toBe(false);
		process.env.YORISOI_PASSWORD_COST = 'test';
		try {
			const cheap = await hashPassword('夏の朝は早起き-Zz9');
			expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
			delete process.env.YORISOI_PASSWORD_COST;
			// A server started without it (a test's data reused) still checks the cheap hash.
			expect(await verifyPassword('夏の朝は早起き-Zz9', cheap)).toBe(true);
		} finally {
			delete process.env.YORISOI_PASSWORD_COST;
		}
	});
});
