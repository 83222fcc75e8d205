import { describe, expect, it } from 'vitest';
import { checkFacePhoto, readImageHeader, type ImageHeader } from '$lib/domain/face-photo';

/** The start of a JPEG: SOI, optionally an Exif APP1 with an Orientation, then a SOF0. */
function jpegHeader({
	width,
	height,
	components = 3,
	orientation,
	littleEndian = false
}: {
	width: number;
	height: number;
	components?: number;
	orientation?: number;
	littleEndian?: boolean;
}): Uint8Array {
	const u16 = (value: number) =>
		littleEndian ? [value & 0xff, value >> 8] : [value >> 8, value & 0xff];
	const u32 = (value: number) => (littleEndian ? [value, 0, 0, 0] : [0, 0, 0, value]);
	const bytes = [0xff, 0xd8];
	// An APP0 (JFIF) segment to skip.
	bytes.push(0xff, 0xe0, 0x00, 0x07, 0x4a, 0x46, 0x49, 0x46, 0x00);
	if (orientation !== undefined) {
		const tiff = [
			...(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]),
			...u16(42),
			...u32(8),
			...u16(1),
			...u16(0x0112),
			...u16(3),
			...u32(1),
			...u16(orientation),
			0,
			0,
			...u32(0)
		];
		const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
		bytes.push(0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload);
	}
	bytes.push(0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff);
	bytes.push(components, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
	return new Uint8Array(bytes);
}

const upright: ImageHeader = {
	format: 'jpeg',
	width: 600,
	height: 800,
	components: 3,
	orientation: 1
};

describe('face-photo', () => {
	describe('readImageHeader', () => {
		it('reads a JPEG’s size and colour components', () => {
			expect(readImageHeader(jpegHeader({ width: 1200, height: 1600 }))).toEqual({
				format: 'jpeg',
				width: 1200,
				height: 1600,
				components: 3,
				orientation: 1
			});
		});

		it.each([false, true])('reads the EXIF orientation (little-endian: %s)', (littleEndian) => {
			expect(
				readImageHeader(jpegHeader({ width: 1600, height: 1200, orientation: 6, littleEndian }))
					.orientation
			).toBe(6);
		});

		it('reads a PNG’s size from IHDR', () => {
			const png = new Uint8Array(24);
			png.set([
				0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52
			]);
			png.set([0, 0, 2, 0x58, 0, 0, 3, 0x20], 16);
			expect(readImageHeader(png)).toMatchObject({ format: 'png', width: 600, height: 800 });
		});

		it('says other for anything else', () => {
			expect(readImageHeader(new TextEncoder().encode('GIF89a')).format).toBe('other');
		});
	});

	describe('checkFacePhoto', () => {
		it('accepts a colour JPEG of the right size', () => {
			expect(checkFacePhoto({ header: upright, byteLength: 200_000 })).toEqual({
				ok: true,
				problems: [],
				advice: [],
				width: 600,
				height: 800
			});
		});

		it.each([
			[20 * 1024 - 1, ['too-small-file']],
			[20 * 1024, []],
			[7 * 1024 * 1024, []],
			[7 * 1024 * 1024 + 1, ['too-large-file']]
		])('checks the file size at the edges (%i bytes)', (byteLength, problems) => {
			expect(checkFacePhoto({ header: upright, byteLength }).problems).toEqual(problems);
		});

		it.each([
			[479, 800, ['too-few-pixels']],
			[480, 480, []],
			[6000, 6000, []],
			[600, 6001, ['too-many-pixels']]
		])('checks each side is 480–6000 px (%i×%i)', (width, height, problems) => {
			expect(
				checkFacePhoto({ header: { ...upright, width, height }, byteLength: 100_000 }).problems
			).toEqual(problems);
		});

		it('refuses PNG and CMYK', () => {
			expect(
				checkFacePhoto({ header: { ...upright, format: 'png' }, byteLength: 100_000 }).problems
			).toEqual(['not-jpeg']);
			expect(
				checkFacePhoto({ header: { ...upright, components: 4 }, byteLength: 100_000 }).problems
			).toEqual(['cmyk']);
		});

		it('swaps width and height for a sideways EXIF orientation and mentions it', () => {
			const check = checkFacePhoto({
				header: { ...upright, width: 800, height: 600, orientation: 6 },
				byteLength: 100_000
			});
			expect(check).toMatchObject({ ok: true, width: 600, height: 800, advice: ['rotated'] });
		});

		it('advises about a landscape photo without refusing it', () => {
			const check = checkFacePhoto({
				header: { ...upright, width: 800, height: 600 },
				byteLength: 100_000
			});
			expect(check).toMatchObject({ ok: true, advice: ['landscape'] });
		});
	});
});
