import { readImageHeader, type ImageHeader } from '$lib/domain/face-photo';

/**
 * The camera and photo files for the practice application's face photo. Nothing here is
 * stored: the caller keeps the blob in memory, shows it through an object URL and, on leaving
 * the step, revokes the URL and stops the camera's tracks.
 */

/** Why the camera could not start. */
export type CameraProblem = 'denied' | 'missing';

/** Starts the front camera, asking for enough pixels for a 480 px-wide portrait crop. */
export async function startCamera(): Promise<
	{ ok: true; stream: MediaStream } | { ok: false; problem: CameraProblem }
> {
	if (!navigator.mediaDevices?.getUserMedia) return { ok: false, problem: 'missing' };
	try {
		const stream = await navigator.mediaDevices.getUserMedia({
			audio: false,
			video: { facingMode: 'user', width: { ideal: 1280 }, height: { ideal: 960 } }
		});
		return { ok: true, stream };
	} catch (error) {
		const name = error instanceof DOMException ? error.name : '';
		return {
			ok: false,
			problem: name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'denied'
		};
	}
}

/** Stops every track of a stream, so the camera's light goes off. */
export function stopCamera(stream: MediaStream | null): void {
	for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Takes a portrait (3:4) photo from the middle of the video, as the guide frame shows, and
 * encodes it as JPEG. A small camera's crop is enlarged to 600 px wide, so the file can be
 * checked against the 480 px minimum like a phone camera's photo.
 */
export async function captureJpeg(video: HTMLVideoElement): Promise<Blob> {
	const sourceWidth = video.videoWidth;
	const sourceHeight = video.videoHeight;
	const cropHeight = Math.min(sourceHeight, Math.round((sourceWidth * 4) / 3));
	const cropWidth = Math.round((cropHeight * 3) / 4);
	const scale = Math.max(1, 600 / cropWidth);
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(cropWidth * scale);
	canvas.height = Math.round(cropHeight * scale);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no 2D canvas');
	context.drawImage(
		video,
		(sourceWidth - cropWidth) / 2,
		(sourceHeight - cropHeight) / 2,
		cropWidth,
		cropHeight,
		0,
		0,
		canvas.width,
		canvas.height
	);
	const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', 0.92));
	// Let the canvas's pixels go at once rather than at the next collection.
	canvas.width = 0;
	canvas.height = 0;
	if (!blob) throw new Error('the browser could not encode a JPEG');
	return blob;
}

/** Reads the header of a photo file (its first 256 KB hold the size and EXIF). */
export async function readPhotoHeader(file: Blob): Promise<ImageHeader> {
	const head = await file.slice(0, 256 * 1024).arrayBuffer();
	return readImageHeader(new Uint8Array(head));
}
