import { stripFurigana } from '$lib/domain/furigana';
import { parseTown, type ServedTown, type Town } from '$lib/domain/town';
import { town as configuredTown } from '$lib/town';
import { audit } from './audit';
import { withTownReadings } from './readings';
import type { Database } from './storage/database';

/**
 * A town's details at run time (issue 17): the `towns` row of the host's town, checked by the
 * town schema when read, answered to every page before its first paint (`/town.js`) and to the
 * app (`/api/town`), and edited by the town's admins on the desk (「町の情報」).
 */

/** The host's town: its details and whether its service is paused. */
export async function servedTown(database: Database, townId: string): Promise<ServedTown> {
	const row = await database.first<{ details: string; suspended: number }>(
		'SELECT details, suspended FROM towns WHERE id = ?',
		[townId]
	);
	// The default town's row is made at start; before that (or for a town since removed), the
	// compiled-in town answers.
	if (!row) return { town: configuredTown, suspended: false };
	return {
		town: parseTown(JSON.parse(row.details), `town ${townId}`),
		suspended: Number(row.suspended) === 1
	};
}

/** A town's details sent by its admin name another town (its id is not the host's town's). */
export class TownIdError extends Error {
	constructor() {
		super('town id differs from the host town');
	}
}

/**
 * Replaces a town's details with ones its admin checked on the desk, and audits who did it.
 * The id cannot change: it ties the town's rows together.
 */
export async function updateTownDetails(
	database: Database,
	options: { townId: string; details: Town; actor: string; now: Date }
): Promise<ServedTown> {
	const details = parseTown(options.details, `town ${options.townId}`);
	if (details.id !== options.townId) throw new TownIdError();
	await database.transaction(async (tx) => {
		await tx.run('UPDATE towns SET details = ? WHERE id = ?', [
			JSON.stringify(details),
			options.townId
		]);
		await audit(tx, {
			actor: options.actor,
			action: 'town.details',
			recordType: 'town',
			recordId: options.townId,
			at: options.now.toISOString(),
			townId: options.townId
		});
	});
	return servedTown(database, options.townId);
}

/**
 * The host's town as pages show it: its 日本語 texts with the furigana markup the build gives
 * the compiled town's (`{漢字|かんじ}`, drawn only when the furigana switch is on).
 */
export function displayedTown(served: ServedTown): ServedTown {
	return { town: withTownReadings(served.town) as Town, suspended: served.suspended };
}

// The compiled-in town as the schema gives it back (its keys in the schema's order), as read
// from the database.
const compiled = JSON.stringify(parseTown(configuredTown));

/** True when a town's details are the compiled-in ones the prerendered pages were built with. */
export function isCompiledTown(town: Town): boolean {
	return JSON.stringify(parseTown(town)) === compiled;
}

/**
 * `/town.js`: the host's town for the page, before its first paint. It calls the function
 * `static/boot.js` defines (`__yorisoiTown`), which keeps the town for the app, applies its
 * colours and paused state, and fills the town's texts of the prerendered page as it is read.
 * The 日本語 texts carry their furigana as the build gives the compiled town's.
 */
export function townScript(served: ServedTown): string {
	const answer = {
		...displayedTown(served),
		// Pages were prerendered with the compiled town: only another town's texts need filling.
		prerendered: isCompiledTown(served.town)
	};
	// `<` escaped: the JSON can never close a script element or open a comment.
	const data = JSON.stringify(answer).replace(/</g, '\\u003c');
	return `window.__yorisoiApplyTown && window.__yorisoiApplyTown(${data});\n`;
}

/** The web app manifest of the host's town: its name and colours, and its icons. */
export function townManifest(town: Town): Record<string, unknown> {
	const townName = stripFurigana(town.name.ja);
	return {
		id: '/',
		name: `よりそい ${townName} — スマホのおてつだい`,
		// Home screens cut labels at about 12 characters: a long name leaves the app's name alone.
		short_name: townName.length <= 7 ? `よりそい ${townName}` : 'よりそい',
		description: `${townName}のスマホ練習、マイナンバーカードの手引き、スマホ教室の申し込み`,
		lang: 'ja',
		dir: 'ltr',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		orientation: 'any',
		theme_color: town.colours.primary,
		background_color: town.colours.background,
		categories: ['education', 'government', 'utilities'],
		icons: [
			{ src: '/town-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
			// The town's PNGs, drawn with its name by an admin's browser (the shared icons until then).
			{ src: '/town-icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
			{ src: '/town-icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{
				src: '/icons/icon-maskable-512.png',
				sizes: '512x512',
				type: 'image/png',
				purpose: 'maskable'
			}
		]
	};
}

/** Text made safe inside an SVG (XML) element. */
function xmlText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The town's own icon: the app's rounded square in the town's colour, with よりそい above the
 * town's name, so two towns' apps on one home screen tell apart. Text is drawn by the device's
 * own font. Its PNGs (src/lib/domain/town-icons.ts) are drawn from it by an admin's browser.
 */
export function townIcon(town: Town): string {
	const name = stripFurigana(town.name.ja);
	// Long names get smaller letters so they still fit the 512-wide square.
	const size = Math.max(48, Math.min(120, Math.floor(440 / Math.max(1, name.length))));
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img" aria-label="${xmlText(`よりそい ${name}`).replace(/"/g, '&quot;')}">
	<rect width="512" height="512" rx="112" fill="${town.colours.primary}"/>
	<text x="256" y="200" text-anchor="middle" font-family="sans-serif" font-size="84" font-weight="700" fill="#ffffff">よりそい</text>
	<text x="256" y="${Math.round(330 + size / 3)}" text-anchor="middle" font-family="sans-serif" font-size="${size}" font-weight="700" fill="#ffffff">${xmlText(name)}</text>
</svg>
`;
}
