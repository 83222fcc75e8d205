import { isIndividualNumber, normaliseDigits } from './mynumber-guard';

/**
 * The 申請書ID: 23 half-width digits printed on the 個人番号カード交付申請書 (the QR code
 * carries it too). It is not the 個人番号. Residents type it in groups, as it is printed.
 */

/** How many digits a 申請書ID has. */
export const applicationIdLength = 23;

/** The groups the simulator asks for, four digits at a time, as on the paper. */
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
