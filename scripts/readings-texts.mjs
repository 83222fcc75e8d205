// The Japanese (`ja`) texts that get furigana at build time, read from disk: every UI string
// (src/lib/i18n/locales/**/ja.json), every lesson's ja.md and the town file's `ja` values.
// Shared by `npm run readings` (which proposes readings for them) and the coverage check.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The lesson folders whose ja.md gets readings (the e2e fixture lessons are built in too). */
export const lessonRoots = ['lessons', 'test/fixtures/lessons/player'];

/** @typedef {{ where: string, text: string }} JaText */

/**
 * Every string value of a JSON document, with a path to name it by.
 * @param {unknown} value @param {string} path @param {JaText[]} out
 */
function strings(value, path, out) {
	if (typeof value === 'string') out.push({ where: path, text: value });
	else if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) strings(inner, `${path}.${key}`, out);
	}
	return out;
}

/**
 * The `ja` values of a town file (a LocalizedText is an object with a `ja` key).
 * @param {unknown} value @param {string} path @param {JaText[]} out
 */
function townTexts(value, path, out) {
	if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) {
			if (key === 'ja' && typeof inner === 'string') out.push({ where: `${path}.ja`, text: inner });
			else townTexts(inner, `${path}.${key}`, out);
		}
	}
	return out;
}

/** Every `ja.json` under the locales folder. @param {string} root */
function localeFiles(root) {
	const base = join(root, 'src/lib/i18n/locales');
	const files = [join(base, 'ja.json')];
	for (const name of readdirSync(base)) {
		const dir = join(base, name);
		if (statSync(dir).isDirectory()) files.push(join(dir, 'ja.json'));
	}
	return files;
}

/** Every lesson's ja.md. @param {string} root */
export function lessonFiles(root) {
	return lessonRoots.flatMap((lessons) =>
		readdirSync(join(root, lessons))
			.map((folder) => join(root, lessons, folder, 'ja.md'))
			.filter((file) => {
				try {
					return statSync(file).isFile();
				} catch {
					// A folder without ja.md (README, pictures) has no Japanese text of its own.
					return false;
				}
			})
	);
}

/**
 * The `ja` texts: `{ where, text }` for each UI string, lesson file and town value.
 * @returns {JaText[]}
 */
export function jaTexts(root = process.cwd()) {
	/** @type {JaText[]} */
	const texts = [];
	for (const file of localeFiles(root)) {
		strings(JSON.parse(readFileSync(file, 'utf8')), file.slice(root.length + 1), texts);
	}
	for (const file of lessonFiles(root)) {
		texts.push({ where: file.slice(root.length + 1), text: readFileSync(file, 'utf8') });
	}
	townTexts(JSON.parse(readFileSync(join(root, 'town.config.json'), 'utf8')), 'town', texts);
	return texts;
}
