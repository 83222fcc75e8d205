import { AppServer, stopAllServers } from './app-server';
import type { Backend } from './backends';

/** The session cookie's name (src/lib/server/auth.ts). */
export const sessionCookieName = 'yorisoi_session';

/** A server's answer: status, headers, the body (parsed when JSON) and its raw bytes. */
export type Answer<T> = { status: number; headers: Headers; body: T; bytes: Buffer };

/** A raw request body, or a function making one (a stream can be read only once). */
export type RawBody = string | Uint8Array | ReadableStream | (() => ReadableStream | Uint8Array);

/**
 * Sends one request without following redirects and reads the answer. `json` sends a JSON
 * body, `body` a raw one (streams are sent chunked), `cookie` a session token.
 */
export async function send<T = unknown>(
	server: AppServer,
	path: string,
	init: {
		method?: string;
		cookie?: string;
		headers?: Record<string, string>;
		json?: unknown;
		body?: RawBody;
	} = {}
): Promise<Answer<T>> {
	const headers: Record<string, string> = { ...init.headers };
	if (init.cookie !== undefined) headers.cookie = `${sessionCookieName}=${init.cookie}`;
	if (init.json !== undefined) headers['content-type'] ??= 'application/json';
	const raw = typeof init.body === 'function' ? init.body() : init.body;
	const response = await fetch(`${server.url}${path}`, {
		method: init.method ?? 'GET',
		headers,
		body: init.json === undefined ? (raw as BodyInit | undefined) : JSON.stringify(init.json),
		redirect: 'manual',
		// A stream body (chunked, no Content-Length) needs this; it changes nothing otherwise.
		duplex: 'half'
	} as RequestInit);
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	const isJson = response.headers.get('content-type')?.includes('application/json');
	return {
		status: response.status,
		headers: response.headers,
		body: (isJson ? JSON.parse(text) : text) as T,
		bytes
	};
}

/** Logs a volunteer in through the API and returns the session token its cookie carries. */
export async function logIn(
	server: AppServer,
	credentials: { email: string; password: string }
): Promise<string> {
	const answer = await send(server, '/api/volunteer/login', { method: 'POST', json: credentials });
	const line = answer.headers
		.getSetCookie()
		.find((cookie) => cookie.startsWith(`${sessionCookieName}=`));
	if (answer.status !== 200 || !line) {
		throw new Error(`login answered ${answer.status}:\n${server.output}`);
	}
	return line.split(';')[0]!.slice(sessionCookieName.length + 1);
}

/**
 * A production server on a fresh database of `backend`, started with an admin (from the
 * environment, as a town deploys it) who is logged in: what the HTTP tests of volunteer
 * features start from (`databaseUrl`: for another server on the same database). `drop` stops
 * every server and removes the database.
 */
export async function serverWithAdmin(
	backend: Backend,
	admin: { email: string; password: string }
): Promise<{
	server: AppServer;
	cookie: string;
	databaseUrl: string;
	drop: () => Promise<void>;
}> {
	const made = await backend.create();
	const server = new AppServer(made.url, {
		env: { YORISOI_ADMIN_EMAIL: admin.email, YORISOI_ADMIN_PASSWORD: admin.password }
	});
	await server.start();
	const cookie = await logIn(server, admin);
	return {
		server,
		cookie,
		databaseUrl: made.url,
		drop: async () => {
			await stopAllServers();
			await made.drop();
		}
	};
}
