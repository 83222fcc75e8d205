import { json } from '@sveltejs/kit';
import { maxTownIconBytes, townIconSizes } from '$lib/domain/town-icons';
import { serverContext } from '$lib/server/context';
import { BodyError, errorResponse, readJsonBody, requestLocale } from '$lib/server/http';
import { parseTownIcons, saveTownIcons, TownIconsError } from '$lib/server/town-icons';
import type { RequestHandler } from './$types';

export const prerender = false;

// Every size at its largest, as base64 (4 characters per 3 bytes), with room for the JSON.
const maxBodyBytes = Math.ceil((townIconSizes.length * maxTownIconBytes * 4) / 3) + 1024;

/**
 * The town's admins replace its PNG icons, drawn by the desk page from `/town-icon.svg`:
 * `{ "180": base64, "192": base64, "512": base64 }` → `200 { sizes }`, or `400` with the
 * refused sizes as fields.
 */
export const PUT: RequestHandler = async ({ request, url, locals }) => {
	const locale = requestLocale(request, url);
	const admin = locals.volunteer;
	if (admin?.role !== 'admin') return errorResponse({ status: 403, code: 'forbidden', locale });
	let icons;
	try {
		icons = parseTownIcons(await readJsonBody(request, maxBodyBytes));
	} catch (error) {
		if (error instanceof BodyError) {
			return errorResponse({ status: error.status, code: error.code, locale });
		}
		if (error instanceof TownIconsError) {
			return errorResponse({ status: 400, code: 'invalid_input', locale, fields: error.fields });
		}
		throw error;
	}
	const { database, clock } = await serverContext();
	await saveTownIcons(database, { townId: locals.townId, icons, actor: admin.id, now: clock() });
	return json({ sizes: [...icons.keys()] });
};
