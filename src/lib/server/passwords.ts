import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
	password: string,
	salt: Buffer,
	length: number,
	options: { N: number; r: number; p: number; maxmem: number }
) => Promise<Buffer>;

// OWASP's scrypt parameters (N = 2^17, r = 8, p = 1): 128 MiB per hash, so maxmem is raised.
const productionParameters = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
// Tests only: N = 2^10 (1 MiB, about a millisecond). The server tests and the end-to-end
// servers make and check hundreds of hashes; at OWASP's cost they were a third of the server
// tests' time on two cores. A stored hash names its own parameters, so it is checked at the
// cost it was made with; a server started with it says so in its log.
const testParameters = { ...productionParameters, N: 2 ** 10 };
const keyLength = 32;

/** True when `YORISOI_PASSWORD_COST=test` asks for the tests' cheap hashes. */
export function testPasswordCost(env: NodeJS.ProcessEnv = process.env): boolean {
	return env.YORISOI_PASSWORD_COST === 'test';
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url), with a random salt. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const parameters = testPasswordCost() ? testParameters : productionParameters;
	const hash = await scryptAsync(password.normalize('NFKC'), salt, keyLength, parameters);
	return [
		'scrypt',
		parameters.N,
		parameters.r,
		parameters.p,
		salt.toString('base64url'),
		hash.toString('base64url')
	].join('$');
}

/** Checks a password against a stored hash, in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64url');
	const actual = await scryptAsync(
		password.normalize('NFKC'),
		Buffer.from(salt, 'base64url'),
		expected.length,
		{
			N: Number(n),
			r: Number(r),
			p: Number(p),
			maxmem: productionParameters.maxmem
		}
	);
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let common: Set<string> | null = null;

/** True for passwords on zxcvbn-ts's list of 49,000 common passwords (case ignored). */
export async function isCommonPassword(password: string): Promise<boolean> {
	if (!common) {
		const { dictionary } = await import('@zxcvbn-ts/language-common');
		common = new Set(dictionary['passwords-common']);
	}
	return common.has(password.toLowerCase());
}

let decoy: Promise<string> | null = null;

/** A hash of a random password, to spend the same time when an e-mail is unknown. */
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	return decoy;
}
