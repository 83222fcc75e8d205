import { describe, expect, it } from 'vitest';
import { isCrossSite, isCrossSiteForm } from '$lib/server/guard';

const ours = ['http://localhost:3000', 'http://aoba.localhost:3000'];

function post(headers: Record<string, string>, method = 'POST'): Request {
	return new Request('http://localhost:3000/volunteer/login', { method, headers, body: 'a=1' });
}

describe('isCrossSiteForm', () => {
	it('lets a form post from any of our origins through', () => {
		for (const origin of ours) {
			const form = { origin, 'content-type': 'application/x-www-form-urlencoded' };
			expect(isCrossSiteForm(post(form), ours)).toBe(false);
		}
	});

	it('refuses a form post from another origin, or with none', () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'text/plain;charset=UTF-8'
		]) {
			expect(
				isCrossSiteForm(post({ origin: 'http://evil.example', 'content-type': type }), ours)
			).toBe(true);
			expect(isCrossSiteForm(post({ 'content-type': type }), ours)).toBe(true);
			expect(isCrossSiteForm(post({ 'content-type': type }, 'DELETE'), ours)).toBe(true);
		}
	});

	it('leaves JSON requests to the cookie APIs’ own check, and reads to no check', () => {
		const json = { origin: 'http://evil.example', 'content-type': 'application/json' };
		expect(isCrossSiteForm(post(json), ours)).toBe(false);
		const read = new Request('http://localhost:3000/', {
			headers: { origin: 'http://evil.example' }
		});
		expect(isCrossSiteForm(read, ours)).toBe(false);
	});
});

describe('isCrossSite', () => {
	const json = (headers: Record<string, string>, method = 'POST') =>
		new Request('http://localhost:3000/api/operator/towns', {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: method === 'GET' ? null : '{}'
		});

	it('counts a page of any of our origins as ours: each town’s host sends its own', () => {
		for (const origin of ours) {
			expect(isCrossSite(json({ origin, 'sec-fetch-site': 'same-origin' }), ours)).toBe(false);
		}
		// Tools send neither header and hold no victim's cookie.
		expect(isCrossSite(json({}), ours)).toBe(false);
	});

	it('refuses another site, by its Origin or by what the browser says', () => {
		expect(isCrossSite(json({ origin: 'http://evil.example' }), ours)).toBe(true);
		expect(isCrossSite(json({ 'sec-fetch-site': 'cross-site' }), ours)).toBe(true);
		expect(isCrossSite(json({ 'sec-fetch-site': 'same-site' }), ours)).toBe(true);
		expect(isCrossSite(json({ origin: 'http://localhost:3000' }), [])).toBe(true);
		expect(isCrossSite(json({ origin: 'http://evil.example' }, 'GET'), ours)).toBe(false);
	});
});
