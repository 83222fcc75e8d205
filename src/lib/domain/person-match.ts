/**
 * When two sign-ups of one class are probably the same person: the same name, written with or
 * without spaces, in full- or half-width letters, and the same phone digits or the same
 * reading. A phone alone never decides it: a couple shares one phone, and each of them is
 * welcome (the volunteer can always enter "another person" on purpose).
 */

/** What the duplicate check compares, computed once per sign-up (and stored beside it). */
export type PersonKeys = {
	/** The name folded: NFKC (full/half width), no whitespace at all (U+3000 too), lower case. */
	name: string;
	/** The phone's digits only (full-width digits folded), or null without a phone. */
	phone: string | null;
	/** The reading in hiragana without spaces or dots, or null without one. */
	reading: string | null;
};

// `\s` covers U+3000 (the ideographic space) too; NFKC has folded it already anyway.
const whitespace = /\s+/gu;

/** A name folded for comparing: 「佐藤 一郎」 (any space, U+3000 too) and 「佐藤一郎」 are the same. */
export function nameKey(name: string): string {
	return name.normalize('NFKC').replace(whitespace, '').toLowerCase();
}

/** The digits of a phone number (０９０-１２３４ and 090 1234 are the same), or null. */
export function phoneKey(phone: string | null | undefined): string | null {
	const digits = (phone ?? '').normalize('NFKC').replace(/\D/gu, '');
	return digits === '' ? null : digits;
}

// Katakana ァ (U+30A1) … ヶ (U+30F6) sit 0x60 above their hiragana; ヷ–ヺ have none and stay.
const katakana = /[\u30A1-\u30F6]/gu;

/** A reading folded to hiragana without spaces or 「・」 (ｻﾄｳ, サトウ, さとう are the same), or null. */
export function readingKey(reading: string | null | undefined): string | null {
	const folded = (reading ?? '')
		.normalize('NFKC')
		.replace(whitespace, '')
		.replace(/[・･]/gu, '')
		.replace(katakana, (letter) => String.fromCharCode(letter.charCodeAt(0) - 0x60));
	return folded === '' ? null : folded;
}

/** The keys of one sign-up. */
export function personKeys(person: {
	name: string;
	nameKana?: string | null;
	phone?: string | null;
}): PersonKeys {
	return {
		name: nameKey(person.name),
		phone: phoneKey(person.phone),
		reading: readingKey(person.nameKana)
	};
}

/**
 * Whether two sign-ups are probably the same person: the same folded name, and the same phone
 * digits or the same reading (a missing phone or reading matches nothing).
 */
export function samePerson(a: PersonKeys, b: PersonKeys): boolean {
	if (a.name !== b.name) return false;
	return (
		(a.phone !== null && a.phone === b.phone) || (a.reading !== null && a.reading === b.reading)
	);
}
