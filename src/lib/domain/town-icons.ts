/**
 * A town's home-screen icons as PNG (issue 17). The town's SVG icon (`/town-icon.svg`) carries
 * its name, but iPhones take only a PNG `apple-touch-icon`, and some Android launchers take
 * only PNG manifest icons. The server draws no text, so an admin's browser draws them from the
 * SVG when the town's details are saved (its own font writes the name) and sends them here.
 */

/** The sizes drawn: iOS's apple-touch-icon (square, no transparency), and the manifest's two. */
export const townIconSizes = [180, 192, 512] as const;

export type TownIconSize = (typeof townIconSizes)[number];

/** Largest PNG accepted for one icon: a 512 px icon of flat colour and text is about 20 KB. */
export const maxTownIconBytes = 256 * 1024;

/** The shared app icon a size falls back to while the town has none of its own. */
export const sharedTownIcon: Record<TownIconSize, string> = {
	180: '/icons/apple-touch-icon.png',
	192: '/icons/icon-192.png',
	512: '/icons/icon-512.png'
};

export function isTownIconSize(value: number): value is TownIconSize {
	return (townIconSizes as readonly number[]).includes(value);
}

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The width and height a PNG file declares (its first chunk, IHDR), or null when the bytes do
 * not start as a PNG does. Only the header is read: the browser made the pixels.
 */
export function pngDimensions(bytes: Uint8Array): { width: number; height: number } | null {
	if (bytes.length < 33 || signature.some((byte, index) => bytes[index] !== byte)) return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// The first chunk: its length (13), its type IHDR, then width and height (big-endian).
	const ihdr = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
	if (view.getUint32(8) !== 13 || ihdr !== 'IHDR') return null;
	return { width: view.getUint32(16), height: view.getUint32(20) };
}
