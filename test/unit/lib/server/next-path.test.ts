import { describe, expect, it } from 'vitest';
import { safeNextPath } from '$lib/server/next-path';

describe('next-path', () => {
	describe('safeNextPath', () => {
		it('returns to the volunteer page the visitor came from, with its class', () => {
			expect(safeNextPath('/volunteer')).toBe('/volunteer');
			expect(safeNextPath('/volunteer/class?id=7d4f8e2a-1b3c-4d5e-8f90-123456789abc')).toBe(
				'/volunteer/class?id=7d4f8e2a-1b3c-4d5e-8f90-123456789abc'
			);
			expect(safeNextPath('/volunteer/edit')).toBe('/volunteer/edit');
		});

		it('goes to the dashboard for anything outside the volunteer pages', () => {
			for (const next of [
				null,
				'',
				'https://evil.example/volunteer',
				'//evil.example',
				'/volunteerx',
				'/lessons',
				'/volunteer/login',
				'/volunteer/login?next=%2Fvolunteer',
				'/volunteer?next=https://evil.example',
				'/volunteer/class?id=<script>'
			]) {
				expect(safeNextPath(next), String(next)).toBe('/volunteer');
			}
		});
	});
});
