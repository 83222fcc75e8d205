import { isIndividualNumber, normaliseDigits } from './mynumber-guard';

/**
 * The 申請書ID: 23 half-width digits printed on the 個人番号カード交付申請書 (the QR code
 * carries it too). It is not the 個人番号. Residents type it in groups, as it is printed.
 */

/** How many digits a 申請書ID has. */
export const applicationIdLength = 23;

/**
 * The boxes the simulator asks for, four digits at a time. This split is the practice's own,
 * for easier typing: how the real form or the paper groups the digits is not verified.
 */
export const applicationIdGroups = [4, 4, 4, 4, 4, 3] as const;

/** What is wrong with a typed 申請書ID, or `ok`. */
export type ApplicationIdCheck =
	| { ok: true; digits: string }
	| {
			ok: false;
			problem: 'empty' | 'not-digits' | 'too-short' | 'too-long' | 'individual-number';
			length: number;
	  };

/**
 * Checks a typed 申請書ID: full-width digits, spaces and hyphens are accepted and removed.
 * Twelve digits that pass the 個人番号 check digit are refused as such, kindly, because a
 * resident who types their 個人番号 here has confused the two numbers.
 */
export function checkApplicationId(text: string): ApplicationIdCheck {
	const digits = normaliseDigits(text);
	if (digits === '') return { ok: false, problem: 'empty', length: 0 };
	if (!/^\d+$/.test(digits)) return { ok: false, problem: 'not-digits', length: digits.length };
	if (isIndividualNumber(digits)) {
		return { ok: false, problem: 'individual-number', length: digits.length };
	}
	if (digits.length < applicationIdLength) {
		return { ok: false, problem: 'too-short', length: digits.length };
	}
	if (digits.length > applicationIdLength) {
		return { ok: false, problem: 'too-long', length: digits.length };
	}
	return { ok: true, digits };
}

/** Splits digits into the printed groups (`1234 5678 …`), for showing them back. */
export function groupApplicationId(digits: string): string[] {
	const groups: string[] = [];
	let from = 0;
	for (const size of applicationIdGroups) {
		const group = digits.slice(from, from + size);
		if (group === '') break;
		groups.push(group);
		from += size;
	}
	return groups;
}

/**
 * What typing into one box does to all of them. Digits beyond the box's size spill into the
 * boxes after it, so a whole 申請書ID typed or pasted into the first box fills every box; the
 * last box keeps any extra digits, so that the "too long" problem can be shown. Text that is
 * not digits stays in its box as typed, for the "digits only" problem. `focus` is the box the
 * next digit goes into.
 */
export function spreadApplicationId({
	groups,
	index,
	typed
}: {
	/** What the boxes hold now. */
	groups: readonly string[];
	/** The box typed into. */
	index: number;
	/** That box's whole text after typing. */
	typed: string;
}): { groups: string[]; focus: number } {
	const next = applicationIdGroups.map((_, position) => groups[position] ?? '');
	const digits = normaliseDigits(typed);
	const size = applicationIdGroups[index] ?? 0;
	if (!/^\d*$/.test(digits) || digits.length <= size) {
		next[index] = /^\d*$/.test(digits) ? digits : typed;
		return { groups: next, focus: index };
	}
	let rest = digits;
	let position = index;
	const last = applicationIdGroups.length - 1;
	while (rest !== '' && position <= last) {
		const take = position === last ? rest.length : (applicationIdGroups[position] ?? 0);
		next[position] = rest.slice(0, take);
		rest = rest.slice(take);
		if (rest !== '') position += 1;
	}
	const landed = Math.min(position, last);
	const full = (next[landed] ?? '').length >= (applicationIdGroups[landed] ?? 0);
	return { groups: next, focus: full && landed < last ? landed + 1 : landed };
}
