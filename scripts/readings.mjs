// npm run readings — proposes furigana for the Japanese texts with the kuromoji analyser (its
// IPA dictionary) and writes them into src/lib/i18n/readings/readings.json, the list that the
// build uses (with overrides.json, which wins). Readings already in the list are kept as they
// were reviewed; words no text uses any more are dropped; new words are added and printed, to
// be read by a person before committing. The analyser runs only here, never in the build or
// the browser, so a build gives the same readings every time.
//
// A word is what a reader takes in at once: nouns that touch kanji to kanji (暗証 + 番号), a suffix with what it follows (使い + 方, 3 + 分), a prefix with what follows
// it (ご + 利用). Keys keep their okurigana (読み上げ), which tells 上げ from 上.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { jaTexts } from './readings-texts.mjs';

const require = createRequire(import.meta.url);
const kuromoji = require('kuromoji');
const folder = 'src/lib/i18n/readings';
const listFile = join(folder, 'readings.json');
const overridesFile = join(folder, 'overrides.json');

const kanji = /[\p{Script=Han}々〆ヶ]/u;
const markup = /\{([^{}|]+)\|([^{}|]+)\}/g;

/** Katakana to hiragana (the analyser reads in katakana; ruby is written in hiragana). */
const toHiragana = (text) =>
	text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/** Groups tokens into words as the header says; returns `{ surface, reading }` per word. */
function words(tokens) {
	const groups = [];
	let current = null;
	for (const token of tokens) {
		const surface = token.surface_form;
		const reading =
			token.reading && token.reading !== '*' ? toHiragana(token.reading) : toHiragana(surface);
		const joins =
			current &&
			((current.noun &&
				token.pos === '名詞' &&
				kanji.test(current.lastChar) &&
				kanji.test(surface[0])) ||
				(token.pos_detail_1 === '接尾' &&
					(kanji.test(current.surface) || /\d$/.test(current.surface))) ||
				current.prefix);
		if (joins) {
			current.surface += surface;
			current.reading += reading;
		} else {
			current = { surface, reading };
			groups.push(current);
		}
		current.lastChar = surface.at(-1);
		current.prefix = token.pos === '接頭詞';
		current.noun = token.pos === '名詞';
	}
	return groups
		.filter((group) => kanji.test(group.surface))
		.map(({ surface, reading }) => ({ surface, reading }));
}

const readJson = (file) => {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		// No list yet: the first run writes it.
		return {};
	}
};

const tokenizer = await new Promise((resolve, reject) =>
	kuromoji
		.builder({ dicPath: join(dirname(require.resolve('kuromoji')), '..', 'dict') })
		.build((error, built) => (error ? reject(error) : resolve(built)))
);

const proposed = new Map();
for (const { text } of jaTexts()) {
	for (const line of text.replace(markup, '$1').split('\n')) {
		for (const { surface, reading } of words(tokenizer.tokenize(line))) {
			const seen = proposed.get(surface) ?? new Set();
			seen.add(reading);
			proposed.set(surface, seen);
		}
	}
}

const reviewed = readJson(listFile);
const overrides = readJson(overridesFile);
const list = {};
const added = [];
const ambiguous = [];
for (const surface of [...proposed.keys()].sort()) {
	if (surface in overrides) continue;
	const readings = [...proposed.get(surface)];
	if (readings.length > 1) ambiguous.push(`${surface}: ${readings.join(' / ')}`);
	if (surface in reviewed) list[surface] = reviewed[surface];
	else {
		list[surface] = readings[0];
		added.push(`${surface} → ${readings[0]}`);
	}
}
const dropped = Object.keys(reviewed).filter((surface) => !(surface in list));

writeFileSync(listFile, `${JSON.stringify(list, null, '\t')}\n`);
console.log(
	`${Object.keys(list).length} words in ${listFile} (${added.length} new, ${dropped.length} dropped), ${Object.keys(overrides).length} in ${overridesFile}`
);
if (added.length > 0) console.log(`New, to review:\n  ${added.join('\n  ')}`);
if (dropped.length > 0) console.log(`Dropped (no text uses them):\n  ${dropped.join('\n  ')}`);
if (ambiguous.length > 0) {
	console.log(
		`Read more than one way by the analyser (the list keeps one; put a longer phrase in the overrides where the context decides):\n  ${ambiguous.join('\n  ')}`
	);
}
