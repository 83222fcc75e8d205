import { parseTown } from '$lib/domain/town';
import raw from '../../town.config.json';

/**
 * The town this deployment serves, from `town.config.json`, validated when the app is built
 * or the server starts, so a broken file fails early with the field to fix.
 */
export const town = parseTown(raw);
