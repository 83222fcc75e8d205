// The simulator's machinery: a seeded random source, a virtual clock with its event queue, and
// the process-wide sources of chance and time (Math.random, Date.now, crypto.randomUUID) bound
// to them while a seed runs, so that one seed is one run, event for event.

/** A seeded random source (sfc32: small, fast and good enough for choosing faults). */
export class Random {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	constructor(seed: number, stream = 0) {
		this.#a = 0x9e3779b9 ^ stream;
		this.#b = 0x243f6a88 ^ Math.imul(stream, 0x85ebca6b);
		this.#c = 0xb7e15162;
		this.#d = seed >>> 0;
		for (let index = 0; index < 15; index += 1) this.next();
	}

	/** A number in [0, 1). */
	next(): number {
		this.#a >>>= 0;
		this.#b >>>= 0;
		this.#c >>>= 0;
		this.#d >>>= 0;
		let t = (this.#a + this.#b) | 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) | 0;
		this.#c = (this.#c << 21) | (this.#c >>> 11);
		this.#d = (this.#d + 1) | 0;
		t = (t + this.#d) | 0;
		this.#c = (this.#c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	/** An integer in [low, high]. */
	int(low: number, high: number): number {
		return low + Math.floor(this.next() * (high - low + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T | undefined {
		return items.length === 0 ? undefined : items[Math.floor(this.next() * items.length)];
	}

	/** A version 4 UUID made of this source's numbers. */
	uuid(): `${string}-${string}-${string}-${string}-${string}` {
		const hex = (count: number) =>
			Array.from({ length: count }, () => Math.floor(this.next() * 16).toString(16)).join('');
		const variant = (8 + Math.floor(this.next() * 4)).toString(16);
		return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
	}
}

/** A task that waits on the virtual clock or on another event, and how to wake it. */
export type Parked<T> = {
	promise: Promise<T>;
	resolve(value: T): void;
	reject(error: unknown): void;
};

/** Raised when the run stops making progress (a promise nobody will ever settle). */
export class HangError extends Error {}

type Scheduled = { at: number; order: number; fire: () => void };

/**
 * A discrete-event loop on a virtual clock. Work runs as tasks (`spawn`); a task waiting for
 * the clock (`sleep`) or for an event (`park`) stops counting as running. The clock moves to
 * the next event only once every task is waiting, so real time never decides an order:
 * IndexedDB (fake-indexeddb) and SQLite progress on setImmediate turns between events.
 */
export class Clock {
	now = 0;
	#running = 0;
	#order = 0;
	#heap: Scheduled[] = [];
	/** Errors thrown by tasks (a simulator bug or an app crash): reported as violations. */
	readonly errors: string[] = [];

	/**
	 * `waitsOnIo`: the server answers over a socket (PostgreSQL). A settle then waits for it
	 * with timers after a few turns, rather than spinning the CPU the database needs, and
	 * counts as hung after two minutes without its tasks parking.
	 */
	constructor(readonly waitsOnIo = false) {}

	at(time: number, fire: () => void): void {
		const item = { at: Math.max(time, this.now), order: this.#order++, fire };
		const heap = this.#heap;
		heap.push(item);
		let index = heap.length - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (!before(heap[index]!, heap[parent]!)) break;
			[heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
			index = parent;
		}
	}

	#pop(): Scheduled | undefined {
		const heap = this.#heap;
		const top = heap[0];
		const last = heap.pop();
		if (heap.length > 0 && last) {
			heap[0] = last;
			let index = 0;
			for (;;) {
				const left = index * 2 + 1;
				const right = left + 1;
				let smallest = index;
				if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
				if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
				if (smallest === index) break;
				[heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
				index = smallest;
			}
		}
		return top;
	}

	/** Runs `work` as a task; an error it throws is kept, never lost. */
	spawn(name: string, work: () => Promise<unknown>): void {
		this.#running += 1;
		void (async () => {
			try {
				await work();
			} catch (error) {
				this.errors.push(`${name}: ${(error as Error)?.stack ?? String(error)}`);
			} finally {
				this.#running -= 1;
			}
		})();
	}

	/** Parks the calling task until `resolve` or `reject` is called (by an event). */
	park<T>(): Parked<T> {
		this.#running -= 1;
		let settled = false;
		let resolve!: (value: T) => void;
		let reject!: (error: unknown) => void;
		const promise = new Promise<T>((yes, no) => {
			resolve = yes;
			reject = no;
		});
		return {
			promise,
			resolve: (value) => {
				if (settled) return;
				settled = true;
				this.#running += 1;
				resolve(value);
			},
			reject: (error) => {
				if (settled) return;
				settled = true;
				this.#running += 1;
				reject(error);
			}
		};
	}

	/** Waits `ms` of virtual time. */
	sleep(ms: number): Promise<void> {
		const parked = this.park<void>();
		this.at(this.now + ms, () => parked.resolve());
		return parked.promise;
	}

	/** Lets every running task go as far as it can without the clock moving. */
	async settle(): Promise<void> {
		let turns = 0;
		const started = performance.now();
		while (this.#running > 0) {
			if (this.waitsOnIo && turns > 200) {
				await new Promise<void>((resolve) => setTimeout(resolve, 0));
				if (performance.now() - started > 120_000)
					throw new HangError(`no progress at t=${this.now}`);
			} else {
				await new Promise<void>((resolve) => setImmediate(resolve));
			}
			turns += 1;
			if (!this.waitsOnIo && turns > 2_000_000) throw new HangError(`no progress at t=${this.now}`);
		}
	}

	/** Fires events in time order until none is left before `until`. */
	async run(until = Number.POSITIVE_INFINITY): Promise<void> {
		await this.settle();
		for (;;) {
			const next = this.#heap[0];
			if (!next || next.at > until) break;
			this.#pop();
			this.now = next.at;
			next.fire();
			await this.settle();
		}
		if (until !== Number.POSITIVE_INFINITY) this.now = Math.max(this.now, until);
	}

	/** Drops every event still queued (the timers of pages left open, at the end). */
	clear(): void {
		this.#heap = [];
	}
}

const before = (a: Scheduled, b: Scheduled) => a.at < b.at || (a.at === b.at && a.order < b.order);

/**
 * Binds Math.random, Date.now and crypto.randomUUID to the seed and the virtual clock while a
 * seed runs (the client code calls them directly: the outbox's ids and times, the device id).
 * Returns the function that puts the real ones back.
 */
export function bindProcessChance(random: Random, epochMs: () => number): () => void {
	const realRandom = Math.random;
	const realNow = Date.now;
	const cryptoObject = globalThis.crypto;
	Math.random = () => random.next();
	Date.now = () => epochMs();
	Object.defineProperty(cryptoObject, 'randomUUID', {
		configurable: true,
		writable: true,
		value: () => random.uuid()
	});
	return () => {
		Math.random = realRandom;
		Date.now = realNow;
		delete (cryptoObject as { randomUUID?: unknown }).randomUUID;
	};
}
