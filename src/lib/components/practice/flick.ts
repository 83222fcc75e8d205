/**
 * The 12-key flick keyboard (フリック入力) as data and as a small state machine, so the widget
 * only draws it and the rules can be tested. Each kana key has its あ-row letter in the
 * centre and the い・う・え・お letters to the left, up, right and down, as on Android and
 * iPhone. Tapping the same key again cycles through its letters (トグル入力), as phones also
 * do; where a phone would use a timeout to start a new letter, the 「→」 key does it here,
 * because practice must never depend on timing.
 */
import type { Direction } from './gestures';

/** Where a finger went on a key: `center` is a plain tap. */
export type FlickDirection = Direction | 'center';

/** One key of the kana pad. */
export type KanaKey = {
	id: string;
	/** The letter on the key (its centre). */
	label: string;
	/** The letter for each direction; a direction without a letter does nothing. */
	letters: Partial<Record<FlickDirection, string>>;
	/** The letters a repeated tap cycles through, in order. */
	cycle: string[];
};

const flickOrder: FlickDirection[] = ['center', 'left', 'up', 'right', 'down'];

/** A key whose five letters go centre, left, up, right, down (as あいうえお). */
function row(id: string, letters: string): KanaKey {
	const chars = [...letters];
	const byDirection = Object.fromEntries(flickOrder.map((direction, i) => [direction, chars[i]]));
	return { id, label: chars[0] ?? '', letters: byDirection, cycle: chars };
}

/** The kana keys, in the keyboard's reading order (three to a row). */
export const kanaKeys: KanaKey[] = [
	row('a', 'あいうえお'),
	row('ka', 'かきくけこ'),
	row('sa', 'さしすせそ'),
	row('ta', 'たちつてと'),
	row('na', 'なにぬねの'),
	row('ha', 'はひふへほ'),
	row('ma', 'まみむめも'),
	{
		id: 'ya',
		label: 'や',
		letters: { center: 'や', left: '（', up: 'ゆ', right: '）', down: 'よ' },
		cycle: ['や', 'ゆ', 'よ']
	},
	row('ra', 'らりるれろ'),
	{
		id: 'wa',
		label: 'わ',
		letters: { center: 'わ', left: 'を', up: 'ん', right: 'ー' },
		cycle: ['わ', 'を', 'ん', 'ー']
	},
	{
		id: 'punctuation',
		label: '、',
		letters: { center: '、', left: '。', up: '？', right: '！' },
		cycle: ['、', '。', '？', '！']
	}
];

const keysById = new Map(kanaKeys.map((key) => [key.id, key]));

/** The key with an id, such as `ka`. */
export function kanaKey(id: string): KanaKey | undefined {
	return keysById.get(id);
}

// Each group is one letter and its small, voiced (゛) and semi-voiced (゜) forms, in the order
// the 「小゛゜」 key steps through them.
const variantGroups = [
	'あぁ',
	'いぃ',
	'うぅゔ',
	'えぇ',
	'おぉ',
	'かが',
	'きぎ',
	'くぐ',
	'けげ',
	'こご',
	'さざ',
	'しじ',
	'すず',
	'せぜ',
	'そぞ',
	'ただ',
	'ちぢ',
	'つっづ',
	'てで',
	'とど',
	'はばぱ',
	'ひびぴ',
	'ふぶぷ',
	'へべぺ',
	'ほぼぽ',
	'やゃ',
	'ゆゅ',
	'よょ',
	'わゎ'
].map((group) => [...group]);

const groupOf = new Map(variantGroups.flatMap((group) => group.map((char) => [char, group])));

/** The letter the 「小゛゜」 key turns `char` into (itself when it has no other form). */
export function nextVariant(char: string): string {
	const group = groupOf.get(char);
	if (!group) return char;
	return group[(group.indexOf(char) + 1) % group.length] ?? char;
}

/** The plain letter a small or voiced letter is made from (が → か, っ → つ). */
export function baseLetter(char: string): string {
	return groupOf.get(char)?.[0] ?? char;
}

/** How to type one letter: which key, which way, and how many presses of 「小゛゜」. */
export type Keystroke = { key: KanaKey; direction: FlickDirection; variantPresses: number };

/** How to type `char` on the flick keyboard, or null when the keyboard has no such letter. */
export function keystrokeFor(char: string): Keystroke | null {
	const base = baseLetter(char);
	const group = groupOf.get(char) ?? [char];
	for (const key of kanaKeys) {
		const direction = flickOrder.find((way) => key.letters[way] === base);
		if (direction) return { key, direction, variantPresses: group.indexOf(char) };
	}
	return null;
}

/** What the learner did on the keyboard. */
export type KeyboardAction =
	| { type: 'tap'; keyId: string }
	| { type: 'flick'; keyId: string; direction: FlickDirection }
	| { type: 'variant' }
	| { type: 'next' }
	| { type: 'delete' }
	| { type: 'replace'; text: string };

/** The text typed so far, and the key a repeated tap would cycle. */
export type KeyboardState = { text: string; cycling: { keyId: string; index: number } | null };

/** An empty text field. */
export const emptyKeyboard: KeyboardState = { text: '', cycling: null };

/** The keyboard's state after one action. */
export function applyKeyboardAction(state: KeyboardState, action: KeyboardAction): KeyboardState {
	switch (action.type) {
		case 'tap': {
			const key = kanaKey(action.keyId);
			if (!key) return state;
			if (state.cycling?.keyId === key.id) {
				const index = (state.cycling.index + 1) % key.cycle.length;
				return {
					text: [...state.text].slice(0, -1).join('') + (key.cycle[index] ?? ''),
					cycling: { keyId: key.id, index }
				};
			}
			return { text: state.text + key.label, cycling: { keyId: key.id, index: 0 } };
		}
		case 'flick': {
			const letter = kanaKey(action.keyId)?.letters[action.direction];
			if (!letter) return { ...state, cycling: null };
			return { text: state.text + letter, cycling: null };
		}
		case 'variant': {
			const letters = [...state.text];
			const last = letters.pop();
			if (last === undefined) return state;
			return { text: letters.join('') + nextVariant(last), cycling: null };
		}
		case 'next':
			return { ...state, cycling: null };
		case 'delete':
			return { text: [...state.text].slice(0, -1).join(''), cycling: null };
		case 'replace':
			return { text: action.text, cycling: null };
	}
}

/**
 * Whether an action was a slip: a new letter that cannot become the next letter of the word.
 * Stepping through a key's letters, 「小゛゜」, 「→」 and deleting are never slips, and nothing
 * counts once the text has already gone astray (the learner has been told to delete).
 */
export function isSlip(word: string, before: KeyboardState, action: KeyboardAction): boolean {
	if (!word.startsWith(before.text)) return false;
	const expected = [...word][[...before.text].length];
	switch (action.type) {
		case 'tap': {
			if (before.cycling?.keyId === action.keyId) return false;
			if (expected === undefined) return true;
			return keystrokeFor(expected)?.key.id !== action.keyId;
		}
		case 'flick': {
			const letter = kanaKey(action.keyId)?.letters[action.direction];
			if (letter === undefined) return false;
			return expected === undefined || baseLetter(letter) !== baseLetter(expected);
		}
		case 'replace':
			return !word.startsWith(action.text);
		default:
			return false;
	}
}

/** The first letter where `text` leaves `word`, or null while it is still on the way. */
export function firstWrongLetter(word: string, text: string): number | null {
	const typed = [...text];
	const wanted = [...word];
	const index = typed.findIndex((char, i) => char !== wanted[i]);
	return index === -1 ? null : index;
}
