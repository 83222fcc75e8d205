import { townIconSizes } from '$lib/domain/town-icons';

/**
 * The town's PNG icons (src/lib/domain/town-icons.ts), drawn in the admin's browser from the
 * host's `/town-icon.svg`: the browser's own font writes the town's name, which the server
 * cannot. Each as base64, by size.
 */
export async function drawTownIcons(
	background: string,
	source = '/town-icon.svg'
): Promise<Record<string, string>> {
	const image = new Image();
	// Never an older copy: the icon was just changed with the details.
	image.src = `${source}?drawn=${Date.now()}`;
	await image.decode();
	const drawn: Record<string, string> = {};
	for (const size of townIconSizes) {
		const canvas = document.createElement('canvas');
		canvas.width = size;
		canvas.height = size;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2D canvas to draw the town icons on');
		// iOS rounds the corners itself and shows transparency as black: its icon is square.
		if (size === 180) {
			context.fillStyle = background;
			context.fillRect(0, 0, size, size);
		}
		context.drawImage(image, 0, 0, size, size);
		drawn[String(size)] = canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
	}
	return drawn;
}

/** Draws the town's icons and stores them on the server; answers whether that worked. */
export async function sendTownIcons(background: string): Promise<boolean> {
	try {
		const response = await fetch('/api/volunteer/town/icons', {
			method: 'PUT',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(await drawTownIcons(background))
		});
		return response.ok;
	} catch {
		return false;
	}
}

let asked = false;

/**
 * Draws and stores the town's icons when it has none yet: a town the operator just made, or
 * one whose details no admin has saved, has the app's shared icons (the icon route redirects to
 * them). Called when an admin opens the desk, so a new town's icons carry its name from its
 * first admin's first login; asked once per page load, and again on the next one when offline
 * or when sending failed.
 */
export async function ensureTownIcons(background: string): Promise<void> {
	if (asked) return;
	asked = true;
	let answer: Response;
	try {
		answer = await fetch('/town-icon-192.png', {
			redirect: 'manual',
			cache: 'no-store',
			credentials: 'same-origin'
		});
	} catch {
		asked = false;
		return;
	}
	if (answer.type === 'opaqueredirect' && !(await sendTownIcons(background))) asked = false;
}
