/**
 * A class's short link (`/c/ab12`): a short random code, printed on the poster and in its QR
 * code, that a resident can also type. Made of letters and digits that cannot be mistaken for
 * one another on paper or in handwriting (no 0/o, 1/l/i, 2/z, 5/s, 8/b, 9/g/q, u/v), lower
 * case only.
 */
export const shortCodeAlphabet = 'acdefhjkmnprtwxy3467';

/** Characters in a code: 20⁵ ≈ 3.2 million codes, far more than a town's classes. */
export const shortCodeLength = 5;

const shortCodePattern = new RegExp(`^[${shortCodeAlphabet}]{${shortCodeLength}}$`);

/**
 * A new random code. `randomInt(n)` gives an integer in [0, n) (the server passes
 * `node:crypto`'s `randomInt`; tests pass a fixed sequence).
 */
export function makeShortCode(randomInt: (below: number) => number): string {
	let code = '';
	for (let index = 0; index < shortCodeLength; index += 1) {
		code += shortCodeAlphabet[randomInt(shortCodeAlphabet.length)];
	}
	return code;
}

/**
 * A code as a person may have typed it (capitals, spaces, full-width letters), in its stored
 * form, or null when it cannot be a class's code.
 */
export function readShortCode(typed: string): string | null {
	const code = typed.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
	return shortCodePattern.test(code) ? code : null;
}

/** The path of a class's short link. */
export function shortLinkPath(code: string): string {
	return `/c/${code}`;
}
