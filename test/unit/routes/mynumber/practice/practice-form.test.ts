import { describe, expect, it } from 'vitest';
import {
	PracticeForm,
	sampleApplicationId
} from '../../../../../src/routes/mynumber/practice/practice-form.svelte';

/** A form filled in correctly up to (not including) the given screen. */
function filledForm(): PracticeForm {
	const form = new PracticeForm();
	form.agreed = true;
	form.idGroups = ['1234', '5678', '9012', '3456', '7890', '123'];
	form.name = '練習 みどり';
	form.email = 'midori@example.jp';
	form.emailAgain = 'midori@example.jp';
	form.photo = { width: 600, height: 800, bytes: 120_000 };
	form.birth.era = 'showa';
	form.birth.eraYear = '23';
	form.birth.month = '4';
	form.birth.day = '15';
	form.certificate = 'yes';
	form.braille = 'no';
	return form;
}

describe('PracticeForm', () => {
	describe('validate', () => {
		it('passes every screen of a correctly filled form', () => {
			const form = filledForm();
			for (const step of ['terms', 'id', 'contact', 'photo', 'birth', 'options'] as const) {
				expect(form.validate(step), step).toEqual([]);
			}
		});

		it('refuses a 個人番号 in the name and the e-mail, kindly', () => {
			const form = filledForm();
			form.name = '１２３４ ５６７８ ９０１８';
			form.email = '123456789018@example.jp';
			form.emailAgain = form.email;
			expect(form.validate('contact').map(({ field, key }) => [field, key])).toEqual([
				['name', 'mynumber.common.guardRefused'],
				['email', 'mynumber.common.guardRefused']
			]);
		});

		it('says how many digits the 申請書ID has', () => {
			const form = filledForm();
			form.idGroups = ['1234', '5678', '', '', '', ''];
			expect(form.validate('id')).toEqual([
				{ field: 'id', key: 'mynumber.practice.id.tooShort', values: { length: '8' } }
			]);
		});

		it('catches a 和暦 date outside its era and unmatched e-mails', () => {
			const form = filledForm();
			form.birth.era = 'heisei';
			form.birth.eraYear = '31';
			form.birth.month = '5';
			form.birth.day = '1';
			expect(form.validate('birth')[0]).toMatchObject({
				key: 'mynumber.practice.birth.afterEra',
				values: { era: '平成' }
			});
			form.emailAgain = 'other@example.jp';
			expect(form.validate('contact').map(({ field }) => field)).toEqual(['emailAgain']);
		});
	});

	describe('next', () => {
		it('stays on a screen with problems and shows them', () => {
			const form = new PracticeForm();
			expect(form.next()).toBe(false);
			expect(form.step).toBe('terms');
			expect(form.errors).toHaveLength(1);
		});

		it('drops a shown problem as soon as the field is corrected', () => {
			const form = filledForm();
			form.goTo('birth');
			form.birth.era = 'showa';
			form.birth.eraYear = '65';
			expect(form.next()).toBe(false);
			expect(form.errors.map(({ key }) => key)).toEqual(['mynumber.practice.birth.afterEra']);
			// 昭和65年 does not exist; the resident switches to 平成2年 and the message goes.
			form.birth.era = 'heisei';
			form.birth.eraYear = '2';
			expect(form.errors).toEqual([]);
			expect(form.announced).toEqual([]);
			expect(form.next()).toBe(true);
		});

		it('walks the screens in order and forgets every answer at 練習完了', () => {
			const form = filledForm();
			const seen: string[] = [form.step];
			while (form.step !== 'done') {
				expect(form.next(), form.step).toBe(true);
				seen.push(form.step);
			}
			expect(seen).toEqual([
				'terms',
				'id',
				'contact',
				'photo',
				'birth',
				'options',
				'confirm',
				'done'
			]);
			expect(form.name).toBe('');
			expect(form.email).toBe('');
			expect(form.applicationId).toBe('');
			expect(form.photo).toBeNull();
			expect(form.birth.result).toEqual({ status: 'incomplete' });
		});
	});

	describe('describedBy', () => {
		it('points a field at its problems only while it has some', () => {
			const form = new PracticeForm();
			expect(form.describedBy('terms')).toBeUndefined();
			form.next();
			expect(form.describedBy('terms')).toBe('terms-error');
			form.agreed = true;
			expect(form.describedBy('terms')).toBeUndefined();
		});
	});

	describe('sampleApplicationId', () => {
		it('is a well-formed 23-digit ID', () => {
			expect(sampleApplicationId).toMatch(/^\d{23}$/);
		});
	});
});
