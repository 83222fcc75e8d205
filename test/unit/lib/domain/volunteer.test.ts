import { describe, expect, it } from 'vitest';
import {
	handoverPassword,
	newVolunteerSchema,
	passwordSchema,
	volunteerPatchSchema
} from '$lib/domain/volunteer';

describe('volunteer', () => {
	describe('handoverPassword', () => {
		it('is three groups of four characters that cannot be mistaken for one another', () => {
			for (let i = 0; i < 200; i += 1) {
				const password = handoverPassword();
				expect(password).toMatch(
					/^[a-hj-km-np-y3-46-9]{4}-[a-hj-km-np-y3-46-9]{4}-[a-hj-km-np-y3-46-9]{4}$/
				);
				expect(password).not.toMatch(/[01lIoO25zSZ]/);
				expect(passwordSchema.safeParse(password).success).toBe(true);
			}
		});

		it('differs each time', () => {
			const made = new Set(Array.from({ length: 100 }, () => handoverPassword()));
			expect(made.size).toBe(100);
		});

		it('draws again above the last full multiple of the alphabet, so every character is as likely', () => {
			// 28 characters: 4294967292 (the last full multiple) and above are drawn again.
			const draws = [[4294967295, ...Array<number>(11).fill(0)], [27]];
			const password = handoverPassword((count) => {
				const next = draws.shift() ?? Array<number>(count).fill(0);
				expect(next).toHaveLength(count);
				return next;
			});
			// The refused draw became the 28th character (the last of the alphabet); the rest the first.
			expect(password).toBe('9aaa-aaaa-aaaa');
		});
	});

	describe('volunteerPatchSchema', () => {
		it('takes a name, a role or the active flag, alone or together', () => {
			expect(volunteerPatchSchema.parse({ active: false })).toEqual({ active: false });
			expect(volunteerPatchSchema.parse({ name: ' 山田 花子 ', role: 'admin' })).toEqual({
				name: '山田 花子',
				role: 'admin'
			});
		});

		it('refuses an empty change, other fields and wrong types', () => {
			for (const input of [
				{},
				{ email: 'a@b.example' },
				{ active: 'false' },
				{ role: 'owner' },
				{ name: '' },
				null
			]) {
				expect(volunteerPatchSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
			}
		});

		it('refuses a name that holds a 個人番号 or control characters', () => {
			expect(volunteerPatchSchema.safeParse({ name: '番号 1234-5678-9018' }).success).toBe(false);
			expect(volunteerPatchSchema.safeParse({ name: '山田\u0000花子' }).success).toBe(false);
			expect(
				newVolunteerSchema.safeParse({
					email: 'a@b.example',
					name: '１２３４５６７８９０１８',
					role: 'volunteer',
					password: 'kx7m-3pqa-wh9t'
				}).success
			).toBe(false);
		});
	});
});
