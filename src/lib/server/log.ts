import pino from 'pino';

/**
 * The server's log: one JSON line per event on standard output (`level`, `time`, `msg` and
 * fields), for an operator's log collector. YORISOI_LOG_LEVEL sets the threshold (default
 * `info`; `debug`, `warn`, `error`, `silent`).
 *
 * What never goes in: a resident's name, reading, phone, note or needs, a password, a session or
 * cancel token, a cookie, a request body or a raw path (paths carry ids). Requests are logged by
 * their route pattern (`/api/signups/[id]`); errors by their kind. test/server/log-privacy.test.ts
 * sends a resident through every path and fails if any of their words shows up.
 */
export const log = pino({
	level: process.env.YORISOI_LOG_LEVEL ?? 'info',
	base: undefined,
	timestamp: pino.stdTimeFunctions.isoTime,
	formatters: { level: (label) => ({ level: label }) }
});

/** What an error may say in the log: its kind, never its message (messages can quote input). */
export function errorKind(error: unknown): string {
	return (error as Error | null)?.name ?? typeof error;
}
