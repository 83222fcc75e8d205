import { describe, expect, it } from 'vitest';
import {
	isTownIconSize,
	pngDimensions,
	sharedTownIcon,
	townIconSizes
} from '$lib/domain/town-icons';
import { solidPng } from '../../../fixtures/png';

describe('town icons', () => {
	it('reads the width and height a PNG declares', () => {
		expect(pngDimensions(solidPng(192, 192))).toEqual({ width: 192, height: 192 });
		expect(pngDimensions(solidPng(180, 90))).toEqual({ width: 180, height: 90 });
	});

	it('refuses what is not a PNG: another format, a cut file, a renamed chunk', () => {
		const png = solidPng(16, 16);
		expect(
			pngDimensions(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))
		).toBe(null);
		expect(pngDimensions(png.subarray(0, 20))).toBe(null);
		const renamed = Buffer.from(png);
		renamed.write('IDAT', 12, 'latin1');
		expect(pngDimensions(renamed)).toBe(null);
	});

	it('has a shared icon for every size it draws, and knows only those sizes', () => {
		for (const size of townIconSizes) {
			expect(isTownIconSize(size)).toBe(true);
			expect(sharedTownIcon[size]).toMatch(/^\/icons\/.+\.png$/);
		}
		expect(isTownIconSize(64)).toBe(false);
	});
});
