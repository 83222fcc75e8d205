import { isValidDate } from './calendar-date';

/**
 * The four 暗証番号 of a マイナンバーカード and their rules (J-LIS; 横浜市, 福岡県):
 * - 署名用電子証明書: 6–16 characters of capital letters A–Z and digits 0–9, at least one of
 *   each; locked after 5 wrong tries;
 * - 利用者証明用電子証明書, 住民基本台帳用, 券面事項入力補助用: 4 digits; locked after 3 wrong
 *   tries; the three may be the same number.
 * The checker only looks at what it is given: the app never stores or sends a PIN.
 */

/** The four PINs, in the order the counter's form lists them. */
export const pinKinds = ['signature', 'userAuth', 'residentRegistry', 'cardInfo'] as const;

/** One of the four PINs. */
export type PinKind = (typeof pinKinds)[number];

/** Wrong tries before each PIN locks. */
export const pinLockAfter: Record<PinKind, number> = {
	signature: 5,
	userAuth: 3,
	residentRegistry: 3,
	cardInfo: 3
};

/** A rule a PIN must meet; each is reported met or not, so the checker can list them. */
export type PinRule =
	'length-6-16' | 'only-capitals-and-digits' | 'has-capital' | 'has-digit' | 'four-digits';

/** A reason to choose another PIN even though it meets the rules. */
export type PinWarning = 'looks-like-date' | 'birthday' | 'repeated' | 'sequential' | 'lowercase';

/** The outcome of checking one PIN. */
export type PinCheck = {
	/** Every rule of this kind of PIN, met or not. */
	rules: Array<{ rule: PinRule; met: boolean }>;
	/** True when every rule is met. */
	valid: boolean;
	warnings: PinWarning[];
};

/** Checks a PIN against its kind's rules and looks for easy-to-guess ones. */
export function checkPin({
	kind,
	pin,
	birthDate
}: {
	kind: PinKind;
	pin: string;
	/** Optional: the holder's birth date, `YYYY-MM-DD`, to warn when the PIN contains it. */
	birthDate?: string;
}): PinCheck {
	const rules: PinCheck['rules'] =
		kind === 'signature'
			? [
					{ rule: 'length-6-16', met: pin.length >= 6 && pin.length <= 16 },
					{ rule: 'only-capitals-and-digits', met: pin !== '' && /^[A-Z0-9]+$/.test(pin) },
					{ rule: 'has-capital', met: /[A-Z]/.test(pin) },
					{ rule: 'has-digit', met: /[0-9]/.test(pin) }
				]
			: [{ rule: 'four-digits', met: /^[0-9]{4}$/.test(pin) }];
	const warnings: PinWarning[] = [];
	if (kind === 'signature' && /[a-z]/.test(pin)) warnings.push('lowercase');
	const digitRuns = pin.match(/[0-9]{4,}/g) ?? [];
	if (birthDate && digitRuns.some((run) => containsBirthday(run, birthDate))) {
		warnings.push('birthday');
	} else if (digitRuns.some(looksLikeDate)) {
		warnings.push('looks-like-date');
	}
	if (digitRuns.some(isRepeated)) warnings.push('repeated');
	if (digitRuns.some(isSequential)) warnings.push('sequential');
	return { rules, valid: rules.every(({ met }) => met), warnings };
}

/**
 * What the checker says about a PIN, as one message: `invalid` (a rule is not met), `weak`
 * (every rule is met but it is easy to guess: choose another) or `ok`. A weak PIN is never
 * shown as simply ok, so no tick stands beside a warning.
 */
export function pinVerdict(check: PinCheck): 'invalid' | 'weak' | 'ok' {
	if (!check.valid) return 'invalid';
	return check.warnings.length > 0 ? 'weak' : 'ok';
}

/** True when every digit is the same (1111), or one pair repeats (1212). */
function isRepeated(digits: string): boolean {
	if (/^(\d)\1+$/.test(digits)) return true;
	return /^(\d\d)\1+$/.test(digits);
}

/** True when the digits go up or down by one each time (1234, 9876, 7890). */
function isSequential(digits: string): boolean {
	const step = (index: number) => (Number(digits[index + 1]) - Number(digits[index]) + 10) % 10;
	const first = step(0);
	if (first !== 1 && first !== 9) return false;
	for (let index = 1; index < digits.length - 1; index += 1) {
		if (step(index) !== first) return false;
	}
	return true;
}

/** True when four digits read as a month and day (0312) or a year of birth (1950–2029). */
function looksLikeDate(digits: string): boolean {
	for (let index = 0; index + 4 <= digits.length; index += 1) {
		const four = digits.slice(index, index + 4);
		const year = Number(four);
		if (year >= 1900 && year <= 2029) return true;
		const asMonthDay = { year: 2000, month: Number(four.slice(0, 2)), day: Number(four.slice(2)) };
		if (isValidDate(asMonthDay)) return true;
	}
	return false;
}

/** True when the digits contain the birth date's year, month-day or day-month. */
function containsBirthday(digits: string, birthDate: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
	if (!match) return false;
	const [, year = '', month = '', day = ''] = match;
	return [year, month + day, day + month, year.slice(2) + month + day].some((part) =>
		digits.includes(part)
	);
}
