/**
 * What the cross-engine checks need of a browser. Each engine has a thin adapter (webkit.ts,
 * firefox.ts), so the checks (checks.ts) are written once.
 */
export interface Engine {
	readonly name: string;
	/** Loads a URL as a full page load (not a client-side navigation). */
	open(url: string): Promise<void>;
	/**
	 * Runs a function in the page and answers its result; arguments and result cross as JSON.
	 * The function is sent as source, so it may use nothing from this module's scope.
	 */
	evaluate<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
	/** Types into a field as a person would (focus, clear, keys). */
	fill(selector: string, text: string): Promise<void>;
	/** Activates a control as a person would: a click (WebKit: the keyboard, see webkit.ts). */
	click(selector: string): Promise<void>;
	/** A PNG of the viewport (saved when a check fails). */
	screenshot(): Promise<Buffer>;
	/** Console errors and uncaught exceptions since the last call. */
	takeErrors(): Promise<string[]>;
	close(): Promise<void>;
}

/** The viewport every engine gets: a phone in portrait. */
export const phone = { width: 390, height: 844 };

/**
 * How long a server may take to answer after (re)starting: two browsers share two cores with it,
 * and on a busy machine a start took more than the e2e tests' 15 s.
 */
export const serverStartMs = 60_000;

/** An engine that cannot start here (package missing, no apt); its checks are skipped. */
export class EngineUnavailable extends Error {}

/** Starts an engine, or throws EngineUnavailable with the reason. */
export type Launcher = { name: string; launch: () => Promise<Engine> };
