/**
 * The My Number guard: the app never asks for, stores or sends a 個人番号. Text that holds one
 * (12 digits whose last digit is the check digit defined by 総務省令 「行政手続における特定の個人を
 * 識別するための番号の利用等に関する法律施行令第八条に規定する検査用数字を算出するために用いる算式」)
 * is refused with a kind explanation, on the client and on the server alike.
 */

// Spaces and hyphens of every width that people put between groups of digits.
const separators = /[\s\u3000\-\u2010-\u2015\u2212\u30fc\uff0d]/g;

/** Turns full-width digits into ASCII ones and removes spaces and hyphens. */
export function normaliseDigits(text: string): string {
	return text
		.replace(/[\uff10-\uff19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
		.replace(separators, '');
}

/** The check digit of the first 11 digits of a 個人番号. */
export function individualNumberCheckDigit(first11: string): number {
	let sum = 0;
	// P(n) is the n-th digit counted from the right of the 11; Q(n) = n + 1 up to 6, then n − 5.
	for (let n = 1; n <= 11; n += 1) {
		const p = Number(first11[11 - n]);
		const q = n <= 6 ? n + 1 : n - 5;
		sum += p * q;
	}
	const remainder = sum % 11;
	return remainder <= 1 ? 0 : 11 - remainder;
}

/** True if `digits` is exactly 12 digits with a valid 個人番号 check digit. */
export function isIndividualNumber(digits: string): boolean {
	if (!/^\d{12}$/.test(digits)) return false;
	return individualNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}

/**
 * True if free text holds what looks like a 個人番号: a run of exactly 12 digits (after removing
 * spaces and hyphens, full-width digits counted) with a valid check digit. Longer runs are
 * other numbers (two phone numbers in a row, say) and are left alone.
 */
export function containsIndividualNumber(text: string): boolean {
	for (const run of normaliseDigits(text).match(/\d+/g) ?? []) {
		if (isIndividualNumber(run)) return true;
	}
	return false;
}
