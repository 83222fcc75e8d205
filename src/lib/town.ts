import type { Town } from '$lib/domain/town';
import raw from '../../town.config.json';

/**
 * The town of `town.config.json` (bundled when the app is built): the default town's seed, and
 * the town pages are prerendered with. Pages show the host's town (`hostTown`,
 * $lib/host-town.svelte.ts), which starts from this one.
 */
export const town = raw as Town;

// The file is checked where the app is built (every page is prerendered with it) and where the
// server starts, so a broken file fails early with the field to fix. The browser gets the same
// file, already checked, and does not load the check: the town's schema would bring zod into
// every page's first paint (zod's schemas with checks are not removed even when unused).
if (import.meta.env.SSR) {
	const { parseTown } = await import('$lib/domain/town');
	parseTown(raw);
}
