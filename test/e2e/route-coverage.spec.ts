import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test } from '@playwright/test';
import { pageRoutes, volunteerRoutes } from './routes';

/** Route ids (like `/settings` or `/lessons/[id]`) of every +page.svelte under src/routes. */
function findPageRoutes(directory: string, root = directory): string[] {
	const found: string[] = [];
	for (const name of readdirSync(directory)) {
		const path = join(directory, name);
		if (statSync(path).isDirectory()) found.push(...findPageRoutes(path, root));
		else if (name === '+page.svelte') {
			const id = relative(root, directory).split(sep).filter(Boolean);
			// Groups like (app) do not appear in the URL but do in the route id.
			found.push('/' + id.join('/'));
		}
	}
	return found;
}

test('every page in src/routes is in the accessibility matrix', () => {
	const routes = findPageRoutes('src/routes').sort();
	expect(routes.length).toBeGreaterThan(0);
	const scanned = { ...pageRoutes, ...volunteerRoutes };
	const missing = routes.filter((route) => !(route in scanned));
	expect(missing, 'add these to test/e2e/routes.ts so axe scans them').toEqual([]);
	const stale = Object.keys(scanned).filter((route) => !routes.includes(route));
	expect(stale, 'these are in test/e2e/routes.ts but no longer in src/routes').toEqual([]);
});
