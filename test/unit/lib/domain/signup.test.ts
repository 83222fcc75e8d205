import { describe, expect, it } from 'vitest';
import { fieldErrors, signupRequestSchema } from '$lib/domain/signup';

const valid = {
	id: '0b6c3c52-8d0e-4b8e-9a45-2f5d0c2b7f11',
	classId: '6f1d2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
	name: 'みどり 花子',
	nameKana: 'みどり はなこ',
	phone: '090-1234-5678',
	device: 'iphone',
	needsLoaner: false,
	needs: ['sight', 'hearing'],
	note: '老眼鏡を持っていきます'
};

function errorsFor(input: unknown) {
	const result = signupRequestSchema.safeParse(input);
	if (result.success) return {};
	return fieldErrors(result.error, input);
}

describe('signup', () => {
	describe('signupRequestSchema', () => {
		it('accepts the contract’s fields', () => {
			expect(signupRequestSchema.parse(valid)).toEqual(valid);
		});

		it('accepts a minimal sign-up (reading, phone, needs and note are optional)', () => {
			const { nameKana, phone, needs, note, ...minimal } = valid;
			void [nameKana, phone, needs, note];
			expect(signupRequestSchema.safeParse(minimal).success).toBe(true);
		});

		it('refuses unknown fields by name', () => {
			expect(errorsFor({ ...valid, admin: true })).toEqual({
				admin: { code: 'unknown_field' }
			});
		});

		it('refuses a 個人番号 in any free-text field', () => {
			const errors = errorsFor({
				...valid,
				name: '１２３４ ５６７８ ９０１８',
				note: '番号 1234-5678-9018'
			});
			expect(errors.name?.code).toBe('individual_number');
			expect(errors.note?.code).toBe('individual_number');
		});

		it('limits the note to 500 characters and says so', () => {
			expect(errorsFor({ ...valid, note: 'あ'.repeat(501) }).note).toEqual({
				code: 'too_long',
				max: 500
			});
			expect(errorsFor({ ...valid, note: 'あ'.repeat(500) })).toEqual({});
		});

		it('tells a missing field from a wrongly typed one', () => {
			const { name, ...withoutName } = valid;
			void name;
			expect(errorsFor(withoutName).name?.code).toBe('required');
			expect(errorsFor({ ...valid, name: 5 }).name?.code).toBe('invalid');
			expect(errorsFor({ ...valid, name: '   ' }).name?.code).toBe('required');
		});

		it('accepts only the listed devices and needs, each need once', () => {
			expect(errorsFor({ ...valid, device: 'pager' }).device?.code).toBe('invalid_choice');
			expect(errorsFor({ ...valid, needs: ['flying'] }).needs?.code).toBe('invalid_choice');
			expect(errorsFor({ ...valid, needs: ['sight', 'sight'] }).needs?.code).toBe('invalid');
		});

		it('checks the reading is kana and the phone is a phone number', () => {
			expect(errorsFor({ ...valid, nameKana: 'Hanako' }).nameKana?.code).toBe('invalid_kana');
			expect(errorsFor({ ...valid, nameKana: 'ミドリ　ハナコ' })).toEqual({});
			expect(errorsFor({ ...valid, phone: 'call me' }).phone?.code).toBe('invalid_phone');
			expect(errorsFor({ ...valid, phone: '' })).toEqual({});
		});

		it('refuses ids that are not UUIDs', () => {
			expect(errorsFor({ ...valid, id: '1; DROP TABLE signups' }).id?.code).toBe('invalid');
		});

		it('reports a body that is not an object under _body', () => {
			expect(Object.keys(errorsFor([1, 2, 3]))).toEqual(['_body']);
		});
	});
});
