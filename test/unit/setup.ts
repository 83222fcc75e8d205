import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { loadAllMessages } from '$lib/i18n';

// Pages load their strings as they need them; tests use every string of every language.
await loadAllMessages();

/**
 * A small in-memory Web Storage. Node 24 has no `localStorage` without a flag (and newer Node
 * versions warn without `--localstorage-file`), so the tests bring their own, empty per test.
 */
class MemoryStorage implements Storage {
	#items = new Map<string, string>();

	get length(): number {
		return this.#items.size;
	}

	clear(): void {
		this.#items.clear();
	}

	getItem(key: string): string | null {
		return this.#items.get(key) ?? null;
	}

	key(index: number): string | null {
		return [...this.#items.keys()][index] ?? null;
	}

	removeItem(key: string): void {
		this.#items.delete(key);
	}

	setItem(key: string, value: string): void {
		this.#items.set(key, String(value));
	}
}

// Defined as a value, so Node's own (flag-dependent, warning) getter is never called.
Object.defineProperty(globalThis, 'localStorage', {
	value: new MemoryStorage(),
	configurable: true,
	writable: true
});

afterEach(() => {
	localStorage.clear();
});
