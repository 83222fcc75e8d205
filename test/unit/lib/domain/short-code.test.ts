import { describe, expect, it } from 'vitest';
import {
	makeShortCode,
	readShortCode,
	shortCodeAlphabet,
	shortCodeLength,
	shortLinkPath
} from '$lib/domain/short-code';

/** A `randomInt` that hands out the given numbers in turn. */
const sequence = (numbers: number[]) => {
	let next = 0;
	return (below: number) => {
		const value = numbers[next++ % numbers.length] ?? 0;
		expect(value).toBeLessThan(below);
		return value;
	};
};

describe('short-code', () => {
	describe('shortCodeAlphabet', () => {
		it('leaves out letters and digits that are read as one another', () => {
			for (const confusable of ['0', 'o', '1', 'l', 'i', '2', 'z', '5', 's', '8', 'b', '9', 'g']) {
				expect(shortCodeAlphabet).not.toContain(confusable);
			}
		});

		it('holds each character once, in lower case', () => {
			expect(new Set(shortCodeAlphabet).size).toBe(shortCodeAlphabet.length);
			expect(shortCodeAlphabet).toBe(shortCodeAlphabet.toLowerCase());
		});
	});

	describe('makeShortCode', () => {
		it('draws each character from the alphabet with the random source given', () => {
			expect(makeShortCode(sequence([0, 1, 2, 3, 4]))).toBe(shortCodeAlphabet.slice(0, 5));
			const last = shortCodeAlphabet.length - 1;
			expect(makeShortCode(sequence([last]))).toBe(shortCodeAlphabet[last]?.repeat(5));
		});

		it('makes codes of the fixed length that it reads back as they are', () => {
			let seed = 7;
			const random = (below: number) => (seed = (seed * 31 + 11) % 9973) % below;
			for (let index = 0; index < 200; index += 1) {
				const code = makeShortCode(random);
				expect(code).toHaveLength(shortCodeLength);
				expect(readShortCode(code)).toBe(code);
			}
		});
	});

	describe('readShortCode', () => {
		it('reads a code typed in capitals, full width or with spaces', () => {
			expect(readShortCode('AC DE F')).toBe('acdef');
			expect(readShortCode('ＡＣＤＥＦ')).toBe('acdef');
		});

		it('refuses what no code can be', () => {
			expect(readShortCode('')).toBeNull();
			expect(readShortCode('acde')).toBeNull();
			expect(readShortCode('acdeff')).toBeNull();
			// 0 and o are never in a code: a reading that guesses would open another class.
			expect(readShortCode('acd0f')).toBeNull();
			expect(readShortCode('../x')).toBeNull();
		});
	});

	describe('shortLinkPath', () => {
		it('is the short path under /c/', () => {
			expect(shortLinkPath('acdef')).toBe('/c/acdef');
		});
	});
});
