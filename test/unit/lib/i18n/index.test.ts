import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findFuriganaErrors } from '$lib/domain/furigana';
import { localeIds, type Locale } from '$lib/domain/locale';
import { messagesOf, namespaces, translate, type MessageKey } from '$lib/i18n';
import { findUsedKeys, messageKeyProps } from './message-key-scanner';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const otherLocales = localeIds.filter((locale) => locale !== 'ja');

/** Every leaf of a locale's resources as `dotted.key` → value (strings, or what is wrong). */
function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
	const found = new Map<string, unknown>();
	for (const [name, value] of Object.entries(tree as Record<string, unknown>)) {
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			for (const [key, leaf] of leaves(value, `${prefix}${name}.`)) found.set(key, leaf);
		} else {
			found.set(`${prefix}${name}`, value);
		}
	}
	return found;
}

const strings = Object.fromEntries(
	localeIds.map((locale) => [locale, leaves(messagesOf(locale))])
) as Record<Locale, Map<string, unknown>>;

/** Every `(locale, key, text)` for the string leaves of every locale. */
const allTexts = localeIds.flatMap((locale) =>
	[...strings[locale]].flatMap(([key, text]) =>
		typeof text === 'string' ? [{ locale, key, text }] : []
	)
);

/** The `{{name}}` interpolation variables of a text, sorted. */
function variables(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return [...text.matchAll(/\{\{\s*([^{}\s,]+)[^{}]*\}\}/g)].map((match) => match[1] ?? '').sort();
}

/** Every .svelte and .ts file under src/, by path relative to the project. */
function sourceFiles(): Record<string, string> {
	const files: Record<string, string> = {};
	const srcDir = join(root, 'src');
	for (const entry of readdirSync(srcDir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/\.(svelte|ts)$/.test(entry.name)) continue;
		const path = join(entry.parentPath, entry.name);
		files[relative(root, path)] = readFileSync(path, 'utf8');
	}
	return files;
}

/** Uses of keys that ja.json does not have, as `file: key`. */
function unknownKeys(files: Record<string, string>): string[] {
	return findUsedKeys(files)
		.filter(({ key }) => typeof strings.ja.get(key) !== 'string')
		.map(({ file, key }) => `${file}: ${key}`);
}

describe('i18n', () => {
	describe('locale files', () => {
		it('has resources for every locale', () => {
			for (const locale of localeIds) {
				expect(Object.keys(messagesOf(locale)), locale).toEqual(
					expect.arrayContaining(['app', ...namespaces])
				);
			}
		});

		it('gives every locale exactly the keys of ja', () => {
			const jaKeys = [...strings.ja.keys()];
			const problems = otherLocales.flatMap((locale) => {
				const keys = [...strings[locale].keys()];
				return [
					...jaKeys
						.filter((key) => !strings[locale].has(key))
						.map((key) => `${locale}: missing ${key}`),
					...keys.filter((key) => !strings.ja.has(key)).map((key) => `${locale}: extra ${key}`)
				];
			});

			expect(problems, problems.join('\n')).toEqual([]);
		});

		it('has only strings as leaves', () => {
			const problems = localeIds.flatMap((locale) =>
				[...strings[locale]]
					.filter(([, value]) => typeof value !== 'string')
					.map(([key, value]) => `${locale}: ${key} is ${JSON.stringify(value)}`)
			);

			expect(problems, problems.join('\n')).toEqual([]);
		});

		it('has no empty strings', () => {
			const problems = allTexts
				.filter(({ text }) => text.trim() === '')
				.map(({ locale, key }) => `${locale}: ${key} is empty`);

			expect(problems, problems.join('\n')).toEqual([]);
		});

		it('uses the same interpolation variables as ja for each key', () => {
			const problems = otherLocales.flatMap((locale) =>
				[...strings.ja].flatMap(([key, jaText]) => {
					if (!strings[locale].has(key)) return [];
					const expected = variables(jaText).join(', ');
					const actual = variables(strings[locale].get(key)).join(', ');
					return expected === actual
						? []
						: [`${locale}: ${key} has {{${actual}}} but ja has {{${expected}}}`];
				})
			);

			expect(problems, problems.join('\n')).toEqual([]);
		});

		it('has well-formed furigana markup in every string', () => {
			const problems = allTexts.flatMap(({ locale, key, text }) =>
				// {{variables}} are i18next's, replaced before the furigana are read.
				findFuriganaErrors(text.replace(/\{\{[^{}]*\}\}/g, '')).map(
					(error) => `${locale}: ${key}: ${error}`
				)
			);

			expect(problems, problems.join('\n')).toEqual([]);
		});

		it('carries furigana in easy Japanese, which is written for readers who need them', () => {
			const withFurigana = [...strings['ja-easy'].values()].filter(
				(text) => typeof text === 'string' && /\{[^{}|]+\|[^{}|]+\}/.test(text)
			);

			expect(withFurigana.length).toBeGreaterThan(0);
		});
	});

	describe('translate', () => {
		it('returns each locale’s own text for every key', () => {
			const problems = allTexts.flatMap(({ locale, key, text }) => {
				const values = Object.fromEntries(variables(text).map((name) => [name, `<${name}>`]));
				const expected = text.replace(/\{\{\s*([^{}\s,]+)[^{}]*\}\}/g, '<$1>');
				const actual = translate(locale, key as MessageKey, values);
				return actual === expected ? [] : [`${locale}: ${key} gave "${actual}"`];
			});

			expect(problems, problems.join('\n')).toEqual([]);
		});

		it('returns the easy Japanese text for ja-easy, not the Japanese fallback', () => {
			const differing = [...strings['ja-easy']].filter(
				([key, text]) => typeof text === 'string' && text !== strings.ja.get(key)
			);
			expect(differing.length).toBeGreaterThan(0);

			for (const [key, text] of differing) {
				expect(translate('ja-easy', key as MessageKey), key).toBe(text);
				expect(translate('ja-easy', key as MessageKey), key).not.toBe(strings.ja.get(key));
			}
		});

		it('fills in interpolation variables', () => {
			const text = translate('en', 'sync.sendingProgress', { sent: '12', total: '3400' });

			expect(text).toContain('12');
			expect(text).toContain('3400');
			expect(text).not.toContain('{{');
		});

		it('does not escape values, because Svelte escapes what it renders', () => {
			expect(translate('en', 'sync.sendingProgress', { sent: '<b>', total: '&' })).toContain('<b>');
		});
	});

	describe('keys used in src/', () => {
		const files = sourceFiles();
		const used = findUsedKeys(files);

		it('exist in ja.json', () => {
			const problems = unknownKeys(files);

			expect(problems, `keys missing from ja.json:\n${problems.join('\n')}`).toEqual([]);
		});

		it.each([
			['k="…"', 'nav.skipToContent'],
			['k={a ? … : …}', 'display.on'],
			['k={a ? … : …}', 'display.off'],
			['t(…)', 'display.panelLabel'],
			['t(a ? … : …)', 'install.dismissed'],
			['Record<…, MessageKey>', 'display.textSize.200'],
			['a MessageKey prop of a component', 'display.highContrast'],
			['a MessageKey prop of a component', 'classes.slip.back']
		])('are found when written as %s (%s)', (_, key) => {
			expect(used.map((use) => use.key)).toContain(key);
		});

		it('finds many keys, so a broken scanner cannot pass unnoticed', () => {
			expect(new Set(used.map((use) => use.key)).size).toBeGreaterThan(80);
		});
	});

	describe('message key scanner (test helper)', () => {
		it('reports a key that ja.json lacks, with its file', () => {
			const files = { 'src/routes/x/+page.svelte': '<p><T k="nope.missing" /></p>' };

			expect(unknownKeys(files)).toEqual(['src/routes/x/+page.svelte: nope.missing']);
		});

		it('reads every way a key is written', () => {
			const files = {
				'src/lib/components/Card.svelte': [
					'<script lang="ts">',
					"\timport type { MessageKey } from '$lib/i18n';",
					'\tlet { heading, note }: { heading: MessageKey; note?: MessageKey } = $props();',
					"\tconst names: Record<Size, MessageKey> = { small: 'a.map1', 'big': 'a.map2' };",
					"\tconst list: MessageKey[] = ['a.list'];",
					"\tconst one: MessageKey = ok ? 'a.decl1' : 'a.decl2';",
					"\tconst cast = 'a.cast' as MessageKey;",
					"\tconst label = i18n.t('a.t', { count: f(1) });",
					"\tconst rich = i18n.rich(open ? 'a.rich1' : 'a.rich2');",
					"\tconst text = translate(locale, 'a.translate');",
					'</script>',
					"<T k=\"a.double\" /><T k='a.single' /><T k={'a.braces'} />",
					"<T k={open ? 'a.ternary1' : 'a.ternary2'} values={{ n: 'not.a.key' }} />"
				].join('\n'),
				'src/routes/+page.svelte': [
					"<Card heading=\"a.prop1\" note={x ? 'a.prop2' : 'a.prop3'} onclick={() => go('/x')} />",
					'<button aria-label={i18n.t(\'a.aria\')} data-k="not.a.key">x</button>'
				].join('\n')
			};

			const keys = findUsedKeys(files)
				.map((use) => use.key)
				.sort();
			expect(keys).toEqual(
				[
					'a.aria',
					'a.braces',
					'a.cast',
					'a.decl1',
					'a.decl2',
					'a.double',
					'a.list',
					'a.map1',
					'a.map2',
					'a.prop1',
					'a.prop2',
					'a.prop3',
					'a.rich1',
					'a.rich2',
					'a.single',
					'a.t',
					'a.ternary1',
					'a.ternary2',
					'a.translate'
				].sort()
			);
		});

		it('finds the MessageKey props of a component', () => {
			const source =
				'<script lang="ts">\n\tlet { a, b }: { a: MessageKey; b?: string } = $props();\n</script>';

			expect(messageKeyProps(source)).toEqual(['a']);
		});
	});
});
