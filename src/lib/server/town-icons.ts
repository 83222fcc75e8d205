import {
	isTownIconSize,
	maxTownIconBytes,
	pngDimensions,
	townIconSizes,
	type TownIconSize
} from '$lib/domain/town-icons';
import type { FieldError } from '$lib/domain/signup';
import { audit } from './audit';
import type { Database } from './storage/database';

/**
 * A town's PNG icons (src/lib/domain/town-icons.ts): kept per town and size, answered on the
 * town's hosts as `/town-icon-{size}.png`, replaced together when an admin saves the town's
 * details.
 */

/**
 * Why icons sent by an admin were refused, by size (`"192"`): missing, or not a PNG of that
 * size under the limit; a size the app does not draw is an unknown field.
 */
export class TownIconsError extends Error {
	constructor(readonly fields: Record<string, FieldError>) {
		super('town icons refused');
	}
}

/**
 * The icons of a request body `{ "180": base64, "192": base64, "512": base64 }`, each checked
 * to be a PNG of its size; every size must be there (they are drawn together).
 */
export function parseTownIcons(body: unknown): Map<TownIconSize, Uint8Array> {
	const fields: TownIconsError['fields'] = {};
	const icons = new Map<TownIconSize, Uint8Array>();
	const sent = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	for (const key of Object.keys(sent)) {
		if (!isTownIconSize(Number(key))) fields[key] = { code: 'unknown_field' };
	}
	for (const size of townIconSizes) {
		const text = sent[String(size)];
		if (typeof text !== 'string') {
			fields[String(size)] = { code: 'required' };
			continue;
		}
		const bytes = Buffer.from(text, 'base64');
		if (bytes.length > maxTownIconBytes) {
			fields[String(size)] = { code: 'invalid' };
			continue;
		}
		const dimensions = pngDimensions(bytes);
		if (dimensions?.width !== size || dimensions.height !== size) {
			fields[String(size)] = { code: 'invalid' };
			continue;
		}
		icons.set(size, bytes);
	}
	if (Object.keys(fields).length > 0) throw new TownIconsError(fields);
	return icons;
}

/** Replaces a town's icons (all sizes at once) and audits who did it. */
export async function saveTownIcons(
	database: Database,
	options: {
		townId: string;
		icons: Map<TownIconSize, Uint8Array>;
		actor: string;
		now: Date;
	}
): Promise<void> {
	const at = options.now.toISOString();
	await database.transaction(async (tx) => {
		await tx.run('DELETE FROM town_icons WHERE town_id = ?', [options.townId]);
		for (const [size, bytes] of options.icons) {
			await tx.run('INSERT INTO town_icons (town_id, size, png, updated_at) VALUES (?, ?, ?, ?)', [
				options.townId,
				size,
				Buffer.from(bytes).toString('base64'),
				at
			]);
		}
		await audit(tx, {
			actor: options.actor,
			action: 'town.icons',
			recordType: 'town',
			recordId: options.townId,
			at,
			townId: options.townId
		});
	});
}

/** A town's PNG icon of one size, or null while it has none. */
export async function townIconPng(
	database: Database,
	townId: string,
	size: TownIconSize
): Promise<Buffer | null> {
	const row = await database.first<{ png: string }>(
		'SELECT png FROM town_icons WHERE town_id = ? AND size = ?',
		[townId, size]
	);
	return row ? Buffer.from(row.png, 'base64') : null;
}
