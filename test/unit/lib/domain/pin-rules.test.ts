import { describe, expect, it } from 'vitest';
import { checkPin, pinLockAfter, pinVerdict } from '$lib/domain/pin-rules';

const unmet = (check: ReturnType<typeof checkPin>) =>
	check.rules.filter(({ met }) => !met).map(({ rule }) => rule);

describe('pin-rules', () => {
	describe('checkPin for the 署名用 PIN', () => {
		it.each([['ABC123'], ['A1B2C3D4E5F6G7H8'], ['MIDORI2026X']])('accepts %j', (pin) => {
			expect(checkPin({ kind: 'signature', pin }).valid).toBe(true);
		});

		it.each([
			['AB12C', ['length-6-16']],
			['A1B2C3D4E5F6G7H8I', ['length-6-16']],
			['ABCDEFG', ['has-digit']],
			['1234567', ['has-capital']],
			['abc123', ['only-capitals-and-digits', 'has-capital']],
			['ABC 123', ['only-capitals-and-digits']],
			['ＡＢＣ１２３', ['only-capitals-and-digits', 'has-capital', 'has-digit']],
			['', ['length-6-16', 'only-capitals-and-digits', 'has-capital', 'has-digit']]
		])('says which rules %j breaks', (pin, rules) => {
			const check = checkPin({ kind: 'signature', pin });
			expect(check.valid).toBe(false);
			expect(unmet(check)).toEqual(rules);
		});

		it('notices small letters, which the card does not take', () => {
			expect(checkPin({ kind: 'signature', pin: 'abc123' }).warnings).toContain('lowercase');
		});
	});

	describe('checkPin for the 4-digit PINs', () => {
		it.each([['userAuth'], ['residentRegistry'], ['cardInfo']] as const)(
			'%s takes exactly 4 digits',
			(kind) => {
				expect(checkPin({ kind, pin: '4739' }).valid).toBe(true);
				expect(checkPin({ kind, pin: '473' }).valid).toBe(false);
				expect(checkPin({ kind, pin: '47391' }).valid).toBe(false);
				expect(checkPin({ kind, pin: '47a9' }).valid).toBe(false);
				expect(checkPin({ kind, pin: '４７３９' }).valid).toBe(false);
			}
		);
	});

	describe('warnings', () => {
		it.each([
			['1111', 'repeated'],
			['1212', 'repeated'],
			['1234', 'sequential'],
			['9876', 'sequential'],
			['7890', 'sequential'],
			['1950', 'looks-like-date'],
			['0312', 'looks-like-date']
		] as const)('warns about %j as %s', (pin, warning) => {
			expect(checkPin({ kind: 'userAuth', pin }).warnings).toContain(warning);
		});

		it('warns about the holder’s own birthday when given', () => {
			for (const pin of ['0415', '1504', '1948']) {
				expect(checkPin({ kind: 'userAuth', pin, birthDate: '1948-04-15' }).warnings).toContain(
					'birthday'
				);
			}
			expect(
				checkPin({ kind: 'signature', pin: 'AB480415', birthDate: '1948-04-15' }).warnings
			).toContain('birthday');
		});

		it('does not warn about a number with no pattern', () => {
			expect(checkPin({ kind: 'userAuth', pin: '4739' }).warnings).toEqual([]);
			expect(checkPin({ kind: 'signature', pin: 'KQ7R4X9' }).warnings).toEqual([]);
		});
	});

	describe('pinVerdict', () => {
		it('calls a valid but easy PIN weak, never simply ok', () => {
			expect(pinVerdict(checkPin({ kind: 'userAuth', pin: '1234' }))).toBe('weak');
			expect(pinVerdict(checkPin({ kind: 'userAuth', pin: '1111' }))).toBe('weak');
		});

		it('calls a PIN that breaks a rule invalid, warnings or not', () => {
			expect(pinVerdict(checkPin({ kind: 'userAuth', pin: '12345' }))).toBe('invalid');
			expect(pinVerdict(checkPin({ kind: 'signature', pin: 'abc123' }))).toBe('invalid');
		});

		it('calls a valid PIN with no pattern ok', () => {
			expect(pinVerdict(checkPin({ kind: 'userAuth', pin: '4739' }))).toBe('ok');
			expect(pinVerdict(checkPin({ kind: 'signature', pin: 'KQ7R4X9' }))).toBe('ok');
		});
	});

	describe('pinLockAfter', () => {
		it('locks the 署名用 PIN after 5 tries and the others after 3', () => {
			expect(pinLockAfter).toEqual({
				signature: 5,
				userAuth: 3,
				residentRegistry: 3,
				cardInfo: 3
			});
		});
	});
});
