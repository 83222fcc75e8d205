/**
 * Finds the UI-string keys that source files use, so a test can check that each one exists.
 * A simple scanner, not a parser: it reads the places where this project writes keys.
 *
 * - `k="a.b"` and `k={'a.b'}`, `k={cond ? 'a.b' : 'c.d'}` (any string literal inside the braces)
 * - `t('a.b')`, `rich('a.b')` and `translate(locale, 'a.b')`, also with ternaries
 * - values typed as keys: `Record<…, MessageKey> = { … }`, `MessageKey[] = [ … ]`,
 *   `: MessageKey = 'a.b'` and `'a.b' as MessageKey`
 * - props typed `MessageKey` on a component (`label: MessageKey` in `ToggleSetting.svelte`),
 *   wherever that component is used: `<ToggleSetting label="a.b" />`
 */

/** One key found in one file. */
export type KeyUse = { file: string; key: string };

const openers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Reads from an opening bracket to its match, skipping string literals, and returns what is
 * inside; the rest of the text when it never closes (a stray bracket in prose).
 */
function readBalanced(source: string, start: number): string {
	const stack: string[] = [];
	for (let index = start; index < source.length; index += 1) {
		const char = source[index] ?? '';
		if (char === "'" || char === '"' || char === '`') {
			index = endOfString(source, index);
		} else if (char in openers) {
			stack.push(openers[char] ?? '');
		} else if (char === stack.at(-1)) {
			stack.pop();
			if (stack.length === 0) return source.slice(start + 1, index);
		}
	}
	return source.slice(start + 1);
}

/** The index of the quote that closes the string literal starting at `start`. */
function endOfString(source: string, start: number): number {
	const quote = source[start];
	for (let index = start + 1; index < source.length; index += 1) {
		if (source[index] === '\\') index += 1;
		else if (source[index] === quote) return index;
	}
	return source.length;
}

/** Splits an argument list at its top-level commas. */
function splitArguments(list: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let from = 0;
	for (let index = 0; index < list.length; index += 1) {
		const char = list[index] ?? '';
		if (char === "'" || char === '"' || char === '`') index = endOfString(list, index);
		else if (char in openers) depth += 1;
		else if (')]}'.includes(char)) depth -= 1;
		else if (char === ',' && depth === 0) {
			parts.push(list.slice(from, index));
			from = index + 1;
		}
	}
	parts.push(list.slice(from));
	return parts;
}

/** Every string literal in an expression (template literals only without `${}`). */
function literals(expression: string, options: { skipObjectKeys?: boolean } = {}): string[] {
	const found: string[] = [];
	const pattern = /'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\$])*)`/g;
	for (const match of expression.matchAll(pattern)) {
		const after = expression.slice(match.index + match[0].length);
		if (options.skipObjectKeys && /^\s*:/.test(after)) continue;
		found.push(match[1] ?? match[2] ?? match[3] ?? '');
	}
	return found;
}

/** The values of an attribute (`name="…"` or `name={…}`) anywhere in the text. */
function attributeKeys(text: string, name: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(new RegExp(`(?<![\\w:-])${name}=(["'{])`, 'g'))) {
		const start = match.index + match[0].length - 1;
		if (match[1] === '{') found.push(...literals(readBalanced(text, start)));
		else found.push(text.slice(start + 1, endOfString(text, start)));
	}
	return found;
}

/** The text of each `<Name …>` tag, up to the `>` that closes it (not one inside `{…}`). */
function tags(source: string, component: string): string[] {
	const found: string[] = [];
	for (const match of source.matchAll(new RegExp(`<${component}(?![\\w.-])`, 'g'))) {
		let depth = 0;
		for (let index = match.index; index < source.length; index += 1) {
			const char = source[index];
			if ((char === '"' || char === "'") && depth === 0) index = endOfString(source, index);
			else if (char === '{') depth += 1;
			else if (char === '}') depth -= 1;
			else if (char === '>' && depth === 0) {
				found.push(source.slice(match.index, index + 1));
				break;
			}
		}
	}
	return found;
}

/** Keys passed to calls: the first argument of `t`/`rich`, the second of `translate`. */
function callKeys(source: string): string[] {
	const found: string[] = [];
	for (const match of source.matchAll(/(?<![\w$])(t|rich|translate)\s*\(/g)) {
		const args = splitArguments(readBalanced(source, match.index + match[0].length - 1));
		const key = match[1] === 'translate' ? args[1] : args[0];
		if (key !== undefined) found.push(...literals(key));
	}
	return found;
}

/** Values written where a `MessageKey` (or a map or list of them) is declared. */
function typedKeys(source: string): string[] {
	const found: string[] = [];
	for (const match of source.matchAll(/\bMessageKey\s*(>|\[\])?\s*=\s*(?!>)/g)) {
		const start = match.index + match[0].length;
		const first = source[start] ?? '';
		if (first in openers) {
			found.push(...literals(readBalanced(source, start), { skipObjectKeys: first === '{' }));
		} else {
			found.push(...literals(/^[^;\n]*/.exec(source.slice(start))?.[0] ?? ''));
		}
	}
	for (const match of source.matchAll(/(['"])([^'"\n]+)\1\s+(?:as|satisfies)\s+MessageKey\b/g)) {
		found.push(match[2] ?? '');
	}
	return found;
}

/** The props typed `MessageKey` in a component's script (e.g. `label` for a ToggleSetting). */
export function messageKeyProps(componentSource: string): string[] {
	const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(componentSource)?.[1] ?? '';
	return [...script.matchAll(/(\w+)\??\s*:\s*MessageKey\b(?!\s*\[)/g)].map(
		(match) => match[1] ?? ''
	);
}

/**
 * Every key used in the given files (path → source). Components are recognised by their
 * file name, as Svelte imports them (`ToggleSetting.svelte` → `<ToggleSetting`).
 */
export function findUsedKeys(files: Record<string, string>): KeyUse[] {
	const componentProps = new Map<string, string[]>();
	for (const [file, source] of Object.entries(files)) {
		const name = /([A-Z]\w*)\.svelte$/.exec(file)?.[1];
		const props = name ? messageKeyProps(source) : [];
		if (name && props.length > 0) componentProps.set(name, props);
	}

	const uses: KeyUse[] = [];
	for (const [file, source] of Object.entries(files)) {
		const keys = [...attributeKeys(source, 'k'), ...callKeys(source), ...typedKeys(source)];
		for (const [component, props] of componentProps) {
			for (const tag of tags(source, component)) {
				for (const prop of props) keys.push(...attributeKeys(tag, prop));
			}
		}
		for (const key of new Set(keys)) uses.push({ file, key });
	}
	return uses;
}
