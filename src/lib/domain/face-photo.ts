/**
 * The checks a face photo for the online マイナンバーカード application can be given before it
 * is sent (J-LIS; 加須市): a colour JPEG of 20 KB–7 MB whose width and height are each
 * 480–6000 pixels. What a program cannot judge (無帽, 正面, 無背景, taken within 6 months)
 * is explained to the person instead. Reads only the file's header bytes: no decoding.
 */

/** The limits of the online application's photo. */
export const photoLimits = {
	minBytes: 20 * 1024,
	maxBytes: 7 * 1024 * 1024,
	minSide: 480,
	maxSide: 6000
} as const;

/** What the header of an image file says. */
export type ImageHeader = {
	format: 'jpeg' | 'png' | 'other';
	/** Stored pixel size, before any EXIF rotation; null when the header could not be read. */
	width: number | null;
	height: number | null;
	/** JPEG colour components: 1 grey, 3 colour (YCbCr), 4 CMYK. */
	components: number | null;
	/** EXIF Orientation (1 = upright … 8), 1 when absent. */
	orientation: number;
};

const readUint16 = (bytes: Uint8Array, at: number, little = false) =>
	little
		? (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)
		: ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

const readUint32 = (bytes: Uint8Array, at: number, little = false) =>
	little
		? readUint16(bytes, at, true) + readUint16(bytes, at + 2, true) * 0x10000
		: readUint16(bytes, at) * 0x10000 + readUint16(bytes, at + 2);

/** Reads format, size, colour components and EXIF orientation from an image file's bytes. */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
	const header: ImageHeader = {
		format: 'other',
		width: null,
		height: null,
		components: null,
		orientation: 1
	};
	if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
		header.format = 'png';
		// IHDR is the first chunk: width and height at bytes 16 and 20.
		if (bytes.length >= 24) {
			header.width = readUint32(bytes, 16);
			header.height = readUint32(bytes, 20);
		}
		return header;
	}
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return header;
	header.format = 'jpeg';
	let at = 2;
	while (at + 4 <= bytes.length) {
		if (bytes[at] !== 0xff) break;
		const marker = bytes[at + 1] ?? 0;
		// Fill bytes and markers without a length.
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			at += 2;
			continue;
		}
		const length = readUint16(bytes, at + 2);
		const segment = at + 4;
		if (marker === 0xe1 && header.orientation === 1) {
			header.orientation = readExifOrientation(bytes, segment, length - 2);
		}
		// Start of frame (baseline, progressive…; not DHT C4, JPG C8, DAC CC).
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
			header.height = readUint16(bytes, segment + 1);
			header.width = readUint16(bytes, segment + 3);
			header.components = bytes[segment + 5] ?? null;
			return header;
		}
		if (marker === 0xda) break;
		at = segment + length - 2;
	}
	return header;
}

/** The Orientation tag (0x0112) of an APP1 Exif segment, 1 when there is none. */
function readExifOrientation(bytes: Uint8Array, start: number, length: number): number {
	const exif = String.fromCharCode(...bytes.subarray(start, start + 4));
	if (exif !== 'Exif' || length < 14) return 1;
	const tiff = start + 6;
	const little = bytes[tiff] === 0x49;
	const firstDirectory = tiff + readUint32(bytes, tiff + 4, little);
	const entries = readUint16(bytes, firstDirectory, little);
	for (let index = 0; index < entries; index += 1) {
		const entry = firstDirectory + 2 + index * 12;
		if (entry + 12 > start + length) break;
		if (readUint16(bytes, entry, little) === 0x0112) {
			const value = readUint16(bytes, entry + 8, little);
			return value >= 1 && value <= 8 ? value : 1;
		}
	}
	return 1;
}

/** Something about a photo that the online application would refuse, or a thing to check. */
export type PhotoProblem =
	| 'not-jpeg'
	| 'too-small-file'
	| 'too-large-file'
	| 'too-few-pixels'
	| 'too-many-pixels'
	| 'cmyk'
	| 'unreadable';

/** Something that is allowed but worth a look: a sideways or landscape photo. */
export type PhotoAdvice = 'rotated' | 'landscape';

/** The outcome of checking a photo file. */
export type PhotoCheck = {
	ok: boolean;
	problems: PhotoProblem[];
	advice: PhotoAdvice[];
	/** The size as the photo will be seen (after EXIF rotation), when known. */
	width: number | null;
	height: number | null;
};

/** Checks a photo file against the online application's rules. */
export function checkFacePhoto({
	header,
	byteLength
}: {
	header: ImageHeader;
	byteLength: number;
}): PhotoCheck {
	const problems: PhotoProblem[] = [];
	const advice: PhotoAdvice[] = [];
	if (header.format !== 'jpeg') problems.push('not-jpeg');
	if (byteLength < photoLimits.minBytes) problems.push('too-small-file');
	if (byteLength > photoLimits.maxBytes) problems.push('too-large-file');
	const sideways = header.orientation >= 5;
	const width = sideways ? header.height : header.width;
	const height = sideways ? header.width : header.height;
	if (width === null || height === null) {
		if (header.format === 'jpeg') problems.push('unreadable');
	} else {
		if (Math.min(width, height) < photoLimits.minSide) problems.push('too-few-pixels');
		if (Math.max(width, height) > photoLimits.maxSide) problems.push('too-many-pixels');
		if (width > height) advice.push('landscape');
	}
	if (header.format === 'jpeg' && header.components === 4) problems.push('cmyk');
	if (header.orientation !== 1) advice.push('rotated');
	return { ok: problems.length === 0, problems, advice, width, height };
}
