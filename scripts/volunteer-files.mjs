// Which of the build's JavaScript and CSS files only the volunteer desk uses. A resident's phone
// never opens the desk, so these are kept out of its offline download (the precache) and stored
// with the desk's pages on a device where a volunteer logs in (src/lib/sw/volunteer-pages.ts).
// finish-build.mjs writes the list into the built service worker.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The string the service worker's source holds where the list goes (volunteer-build-files.ts). */
export const placeholder = '["__YORISOI_VOLUNTEER_BUILD_FILES__"]';

/**
 * The UI strings only the desk loads (src/routes/volunteer/+layout.ts), and the operator's page
 * (src/routes/operator: online only, never on a resident's phone): the i18n module, which every
 * page uses, imports each namespace lazily, so the manifest alone counts them as shared.
 * test/unit/scripts/volunteer-files.test.ts checks that nothing outside those pages uses them.
 */
export const deskNamespaces = ['desk', 'hall', 'operator'];

/** Whether a manifest entry is one of the desk's own namespaces' strings. */
export const isDeskStrings = (/** @type {string} */ key) =>
	deskNamespaces.some((namespace) => key.startsWith(`src/lib/i18n/locales/${namespace}/`));

/**
 * The files reachable only through the volunteer desk's route nodes, given Vite's client
 * manifest (file → imports) and which entries are the desk's nodes. Reachable through any other
 * entry (the app, the other pages) counts as shared; the app entry's dynamic imports of the
 * desk's nodes do not make them shared. `deskOnly` names modules that only the desk loads though
 * shared code can import them (its strings), with what they import.
 * @param {{ manifest: Record<string, { file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[], css?: string[], assets?: string[] }>, isVolunteerNode: (key: string) => boolean, deskOnly?: (key: string) => boolean }} options
 * @returns {string[]} paths from the site's root (`/_app/immutable/…`), sorted
 */
export function volunteerOnlyFiles({ manifest, isVolunteerNode, deskOnly = () => false }) {
	const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
	const desk = new Set(entries.filter(isVolunteerNode));
	const reach = (/** @type {string[]} */ roots, /** @type {Set<string>} */ stopAt) => {
		const seen = new Set();
		const todo = [...roots];
		while (todo.length > 0) {
			const key = /** @type {string} */ (todo.pop());
			if (seen.has(key) || stopAt.has(key) || !manifest[key]) continue;
			seen.add(key);
			todo.push(...(manifest[key].imports ?? []), ...(manifest[key].dynamicImports ?? []));
		}
		return seen;
	};
	const filesOf = (/** @type {Set<string>} */ keys) =>
		new Set(
			[...keys].flatMap((key) => {
				const { file, css = [], assets = [] } = manifest[key] ?? { file: '' };
				return [file, ...css, ...assets];
			})
		);
	const deskModules = new Set(Object.keys(manifest).filter(deskOnly));
	const deskFiles = filesOf(reach([...desk, ...deskModules], new Set()));
	const sharedFiles = filesOf(
		reach(
			entries.filter((key) => !desk.has(key)),
			new Set([...desk, ...deskModules])
		)
	);
	return [...deskFiles]
		.filter((file) => file && !sharedFiles.has(file))
		.map((file) => `/${file}`)
		.sort();
}

/**
 * Reads the last `vite build`'s client manifest and route nodes (under .svelte-kit) and gives
 * the desk's own files. A node is the desk's when its page or layout is under
 * src/routes/volunteer/.
 * @param {string} [svelteKitDir]
 * @returns {string[]}
 */
export function readVolunteerOnlyFiles(svelteKitDir = '.svelte-kit') {
	const manifestFile = join(svelteKitDir, 'output/client/.vite/manifest.json');
	if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing; did vite build run?`);
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
	return volunteerOnlyFiles({
		manifest,
		isVolunteerNode: (key) =>
			/\/nodes\/\d+\.js$/.test(key) &&
			existsSync(key) &&
			// The operator's page too: it works online only, so its files need no precache at all;
			// kept with the desk's, a volunteer's device stores them (a few KB) beside the desk.
			/src\/routes\/(volunteer|operator)\//.test(readFileSync(key, 'utf8')),
		deskOnly: isDeskStrings
	});
}
