import { describe, expect, it } from 'vitest';
import { defaultLocale, htmlLang, localeIds, negotiateLocale } from '$lib/domain/locale';

describe('locale', () => {
	describe('htmlLang', () => {
		it('tags Japanese as ja', () => {
			expect(htmlLang('ja')).toBe('ja');
		});

		it('tags easy Japanese as ja, because it is still Japanese', () => {
			expect(htmlLang('ja-easy')).toBe('ja');
		});

		it('tags English as en', () => {
			expect(htmlLang('en')).toBe('en');
		});
	});

	describe('negotiateLocale', () => {
		it('picks Japanese for a Japanese browser', () => {
			expect(negotiateLocale(['ja-JP', 'en-US'])).toBe('ja');
		});

		it('picks English for an English browser', () => {
			expect(negotiateLocale(['en-GB', 'en'])).toBe('en');
		});

		it('takes the first supported language in order of preference', () => {
			expect(negotiateLocale(['fr-FR', 'en-US', 'ja'])).toBe('en');
			expect(negotiateLocale(['de', 'ja', 'en'])).toBe('ja');
		});

		it('reads Accept-Language parts with quality values, spaces and case', () => {
			expect(negotiateLocale([' EN;q=0.9', 'ja;q=0.8'])).toBe('en');
			expect(negotiateLocale(['JA_jp'])).toBe('ja');
		});

		it('never guesses easy Japanese, which is a choice the user makes', () => {
			expect(negotiateLocale(['ja-easy'])).toBe('ja');
		});

		it('does not mistake a language that only starts with the same letters', () => {
			expect(negotiateLocale(['jav', 'eng'])).toBe(defaultLocale);
		});

		it('falls back to the default locale when nothing matches', () => {
			expect(negotiateLocale(['fr', 'zh-Hant'])).toBe(defaultLocale);
		});

		it('falls back to the default locale when there is no preference', () => {
			expect(negotiateLocale([])).toBe(defaultLocale);
			expect(negotiateLocale([''])).toBe(defaultLocale);
		});

		it('only ever returns a known locale', () => {
			for (const tag of ['ja', 'en', 'ko', '*']) {
				expect(localeIds).toContain(negotiateLocale([tag]));
			}
		});
	});
});
