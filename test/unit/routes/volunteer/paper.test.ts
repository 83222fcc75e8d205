import { describe, expect, it } from 'vitest';
import { localeIds } from '$lib/domain/locale';
import {
	fewestWaitingRows,
	linkCharacters,
	mostWaitingRows,
	signupSheetRows,
	spellShortLink,
	spokenNames
} from '../../../../src/routes/volunteer/paper';

describe('paper', () => {
	describe('signupSheetRows', () => {
		it('gives a row per free seat and a quarter of the capacity for the waiting list', () => {
			expect(signupSheetRows({ capacity: 12, confirmed: 5 })).toEqual({ seats: 7, waiting: 3 });
			expect(signupSheetRows({ capacity: 20, confirmed: 0 })).toEqual({ seats: 20, waiting: 5 });
		});

		it('still gives a full class rows for its waiting list', () => {
			expect(signupSheetRows({ capacity: 8, confirmed: 8 })).toEqual({
				seats: 0,
				waiting: fewestWaitingRows
			});
		});

		it('never counts seats below zero when more are seated than the capacity', () => {
			// A volunteer lowered the capacity after people had signed up.
			expect(signupSheetRows({ capacity: 4, confirmed: 6 }).seats).toBe(0);
		});

		it('keeps the waiting list between its fewest and its most rows', () => {
			expect(signupSheetRows({ capacity: 2, confirmed: 0 }).waiting).toBe(fewestWaitingRows);
			expect(signupSheetRows({ capacity: 200, confirmed: 0 }).waiting).toBe(mostWaitingRows);
		});
	});

	describe('spellShortLink', () => {
		it('reads a short link letter by letter in Japanese', () => {
			expect(spellShortLink('/c/t3k', 'ja').map((letter) => letter.spoken)).toEqual([
				'スラッシュ',
				'シー',
				'スラッシュ',
				'ティー',
				'さん',
				'ケー'
			]);
		});

		it('spells it with the phonetic alphabet in English', () => {
			expect(spellShortLink('/c/w7', 'en')).toEqual([
				{ character: '/', spoken: 'slash' },
				{ character: 'c', spoken: 'Charlie' },
				{ character: '/', spoken: 'slash' },
				{ character: 'w', spoken: 'Whiskey' },
				{ character: '7', spoken: 'seven' }
			]);
		});

		it('reads a character it has no name for as it is written', () => {
			expect(spellShortLink('b', 'ja')).toEqual([{ character: 'b', spoken: 'b' }]);
		});

		it('names every character a short link can have, in every locale', () => {
			for (const locale of localeIds) {
				const names = spokenNames(locale);
				expect(
					linkCharacters.filter((character) => !names[character]),
					locale
				).toEqual([]);
			}
		});
	});
});
