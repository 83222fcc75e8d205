import { describe, expect, it } from 'vitest';
import {
	applyKeyboardAction,
	baseLetter,
	emptyKeyboard,
	firstWrongLetter,
	isSlip,
	kanaKeys,
	keystrokeFor,
	nextVariant,
	type KeyboardAction,
	type KeyboardState
} from '$lib/components/practice/flick';

/** The state after a series of actions from an empty field. */
function type(...actions: KeyboardAction[]): KeyboardState {
	return actions.reduce(applyKeyboardAction, emptyKeyboard);
}

const tap = (keyId: string): KeyboardAction => ({ type: 'tap', keyId });
const flick = (keyId: string, direction: 'left' | 'up' | 'right' | 'down'): KeyboardAction => ({
	type: 'flick',
	keyId,
	direction
});

describe('flick keyboard', () => {
	describe('kanaKeys', () => {
		it('has the eleven keys of a 12-key pad (the twelfth is 小゛゜)', () => {
			expect(kanaKeys.map((key) => key.label).join('')).toBe('あかさたなはまやらわ、');
		});

		it('puts い・う・え・お to the left, up, right and down of each あ-row letter', () => {
			const ka = kanaKeys.find((key) => key.id === 'ka');
			expect(ka?.letters).toEqual({ center: 'か', left: 'き', up: 'く', right: 'け', down: 'こ' });
		});

		it('puts を, ん and ー on the わ key as phones do', () => {
			const wa = kanaKeys.find((key) => key.id === 'wa');
			expect(wa?.letters).toMatchObject({ left: 'を', up: 'ん', right: 'ー' });
		});
	});

	describe('applyKeyboardAction', () => {
		it('types ありがとう by flicks and 小゛゜', () => {
			const state = type(
				tap('a'),
				flick('ra', 'left'),
				tap('ka'),
				{ type: 'variant' },
				flick('ta', 'down'),
				flick('a', 'up')
			);
			expect(state.text).toBe('ありがとう');
		});

		it('types ありがとう by taps alone, cycling each key', () => {
			const state = type(
				tap('a'),
				tap('ra'),
				tap('ra'),
				tap('ka'),
				{ type: 'variant' },
				...Array.from({ length: 5 }, () => tap('ta')),
				tap('a'),
				tap('a'),
				tap('a')
			);
			expect(state.text).toBe('ありがとう');
		});

		it('cycles back to the first letter after the last', () => {
			expect(type(...Array.from({ length: 6 }, () => tap('a'))).text).toBe('あ');
		});

		it('starts a new letter from the same key after 「→」', () => {
			expect(type(tap('a'), { type: 'next' }, tap('a')).text).toBe('ああ');
		});

		it('starts a new letter after a flick, without cycling the flicked one', () => {
			expect(type(flick('a', 'left'), tap('a')).text).toBe('いあ');
		});

		it('steps the last letter through its small and voiced forms', () => {
			expect(type(tap('ta'), tap('ta'), tap('ta'), { type: 'variant' }).text).toBe('っ');
			expect(type(tap('ha'), { type: 'variant' }, { type: 'variant' }).text).toBe('ぱ');
		});

		it('deletes the last letter and stops cycling', () => {
			const state = type(tap('a'), tap('ka'), { type: 'delete' });
			expect(state).toEqual({ text: 'あ', cycling: null });
		});

		it('does nothing for a direction without a letter', () => {
			expect(type(flick('wa', 'down')).text).toBe('');
		});

		it('takes the text of a physical keyboard as it is', () => {
			expect(type({ type: 'replace', text: 'ありが' }).text).toBe('ありが');
		});
	});

	describe('nextVariant', () => {
		it('steps つ → っ → づ → つ', () => {
			expect(nextVariant('つ')).toBe('っ');
			expect(nextVariant('っ')).toBe('づ');
			expect(nextVariant('づ')).toBe('つ');
		});

		it('leaves letters without other forms alone', () => {
			expect(nextVariant('ん')).toBe('ん');
		});
	});

	describe('baseLetter', () => {
		it('finds the plain letter of voiced and small ones', () => {
			expect(baseLetter('が')).toBe('か');
			expect(baseLetter('ぽ')).toBe('ほ');
			expect(baseLetter('ゃ')).toBe('や');
			expect(baseLetter('あ')).toBe('あ');
		});
	});

	describe('keystrokeFor', () => {
		it('says which key and which way for a letter', () => {
			const stroke = keystrokeFor('り');
			expect(stroke?.key.id).toBe('ra');
			expect(stroke?.direction).toBe('left');
			expect(stroke?.variantPresses).toBe(0);
		});

		it('counts the presses of 小゛゜ a letter needs', () => {
			expect(keystrokeFor('ぱ')).toMatchObject({ direction: 'center', variantPresses: 2 });
			expect(keystrokeFor('っ')).toMatchObject({ direction: 'up', variantPresses: 1 });
		});

		it('returns null for letters the pad does not have', () => {
			expect(keystrokeFor('ゐ')).toBeNull();
		});
	});

	describe('isSlip', () => {
		const word = 'ありがとう';

		it('is not a slip to start the right letter, or its plain form', () => {
			expect(isSlip(word, emptyKeyboard, tap('a'))).toBe(false);
			const ari = type(tap('a'), flick('ra', 'left'));
			expect(isSlip(word, ari, tap('ka'))).toBe(false);
			expect(isSlip(word, ari, flick('ka', 'left'))).toBe(true);
		});

		it('counts a tap on a key that cannot give the next letter', () => {
			expect(isSlip(word, emptyKeyboard, tap('ka'))).toBe(true);
		});

		it('counts a flick to a different letter', () => {
			expect(isSlip(word, type(tap('a')), flick('ra', 'up'))).toBe(true);
			expect(isSlip(word, type(tap('a')), flick('ra', 'left'))).toBe(false);
		});

		it('never counts stepping through a key, 小゛゜, 「→」 or deleting', () => {
			const cycling = type(tap('a'), tap('ra'));
			expect(isSlip(word, cycling, tap('ra'))).toBe(false);
			expect(isSlip(word, cycling, { type: 'variant' })).toBe(false);
			expect(isSlip(word, cycling, { type: 'next' })).toBe(false);
			expect(isSlip(word, cycling, { type: 'delete' })).toBe(false);
		});

		it('does not count again once the text has gone astray', () => {
			const astray = type(tap('ka'));
			expect(isSlip(word, astray, tap('sa'))).toBe(false);
		});

		it('counts a typed text that leaves the word', () => {
			expect(isSlip(word, emptyKeyboard, { type: 'replace', text: 'あり' })).toBe(false);
			expect(isSlip(word, emptyKeyboard, { type: 'replace', text: 'あれ' })).toBe(true);
		});

		it('counts a letter typed after the word is complete', () => {
			expect(isSlip('はい', type({ type: 'replace', text: 'はい' }), tap('a'))).toBe(true);
		});
	});

	describe('firstWrongLetter', () => {
		it('is null while the text is on the way to the word', () => {
			expect(firstWrongLetter('ありがとう', '')).toBeNull();
			expect(firstWrongLetter('ありがとう', 'ありが')).toBeNull();
		});

		it('finds the first letter that differs, or one too many', () => {
			expect(firstWrongLetter('ありがとう', 'ありか')).toBe(2);
			expect(firstWrongLetter('はい', 'はいい')).toBe(2);
		});
	});
});
