import { describe, expect, it } from 'vitest';
import { errorResponse, tooManyRequests } from '$lib/server/http';

describe('http', () => {
	describe('errorResponse', () => {
		it('answers the contract shape in the language asked for, with only the required options', async () => {
			const response = errorResponse({ status: 404, code: 'class_not_found', locale: 'en' });
			expect(response.status).toBe(404);
			expect(response.headers.get('content-language')).toBe('en');
			expect(await response.json()).toEqual({
				error: {
					code: 'class_not_found',
					message: 'This class could not be found. Please choose again from the list.',
					fields: {}
				}
			});
		});

		it('translates refused fields and adds headers and extra members when given', async () => {
			const response = errorResponse({
				status: 429,
				code: 'too_many_requests',
				locale: 'ja-easy',
				fields: { note: { code: 'too_long', max: 200 } },
				headers: { 'retry-after': '30' },
				extra: { current: { id: 'c1' } }
			});
			expect(response.status).toBe(429);
			expect(response.headers.get('retry-after')).toBe('30');
			// やさしい日本語 is still Japanese to the browser.
			expect(response.headers.get('content-language')).toBe('ja');
			const body = await response.json();
			expect(body.current).toEqual({ id: 'c1' });
			expect(body.error.fields.note).toMatchObject({ code: 'too_long', max: 200 });
			expect(body.error.fields.note.message).toContain('200');
		});
	});

	describe('tooManyRequests', () => {
		it('answers 429 with Retry-After, as too_many_requests unless told another code', async () => {
			const response = tooManyRequests({ locale: 'ja', retryAfter: 12 });
			expect(response.status).toBe(429);
			expect(response.headers.get('retry-after')).toBe('12');
			expect((await response.json()).error.code).toBe('too_many_requests');
			const logins = tooManyRequests({ code: 'too_many_logins', locale: 'en', retryAfter: 60 });
			expect((await logins.json()).error.code).toBe('too_many_logins');
		});
	});
});
