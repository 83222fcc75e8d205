import { request } from 'node:http';
import type { AppServer } from './app-server';
import { sessionCookieName, type Answer } from './http-client';

// Requests to one server under several host names, one town each (issue 17).

/** The demo towns' test host names: みどり町 (the default town) and あおば村. */
export type Host = 'midori.localhost' | 'aoba.localhost';

/** A request's parts: a JSON body or a form's fields (urlencoded), the Cookie header, others. */
export type HostRequest = {
	method?: string;
	json?: unknown;
	/** A form's fields, sent as a browser's form post (urlencoded). */
	form?: Record<string, string>;
	/** The whole Cookie header. */
	cookie?: string;
	headers?: Record<string, string>;
};

/**
 * Sends a request with a Host header, as a browser on that name (or a proxy) would: fetch
 * replaces Host with the address it connects to, so node:http sends these.
 */
export function sendTo(
	server: AppServer,
	host: string,
	path: string,
	init: HostRequest = {}
): Promise<Answer<unknown>> {
	const body =
		init.form !== undefined
			? Buffer.from(new URLSearchParams(init.form).toString())
			: init.json === undefined
				? undefined
				: Buffer.from(JSON.stringify(init.json));
	const type = init.form ? 'application/x-www-form-urlencoded' : 'application/json';
	const headers: Record<string, string> = {
		host,
		...(init.cookie === undefined ? {} : { cookie: init.cookie }),
		...(body ? { 'content-type': type } : {}),
		...init.headers
	};
	return new Promise((done, fail) => {
		const sent = request(
			`${server.url}${path}`,
			{ method: init.method ?? 'GET', headers, setHost: false },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('error', fail);
				response.on('end', () => {
					const bytes = Buffer.concat(chunks);
					const answerHeaders = new Headers();
					for (const [name, value] of Object.entries(response.headers)) {
						for (const one of [value ?? []].flat()) answerHeaders.append(name, one);
					}
					const isJson = answerHeaders.get('content-type')?.includes('application/json');
					const text = bytes.toString('utf8');
					done({
						status: response.statusCode ?? 0,
						headers: answerHeaders,
						body: isJson ? (JSON.parse(text) as unknown) : text,
						bytes
					});
				});
			}
		);
		sent.on('error', fail);
		sent.end(body);
	});
}

/** Requests on a demo town's host, with a volunteer's session token when given. */
export function on(host: Host, cookie?: string) {
	return (
		server: AppServer,
		path: string,
		init: Omit<HostRequest, 'cookie'> = {}
	): Promise<Answer<unknown>> =>
		sendTo(server, host, path, {
			...init,
			...(cookie === undefined ? {} : { cookie: `${sessionCookieName}=${cookie}` })
		});
}

/** Logs in on a town's host and returns the session token. */
export async function logInOn(
	server: AppServer,
	host: Host,
	credentials: { email: string; password: string }
): Promise<string | null> {
	const answer = await on(host)(server, '/api/volunteer/login', {
		method: 'POST',
		json: credentials
	});
	const line = answer.headers
		.getSetCookie()
		.find((cookie) => cookie.startsWith(`${sessionCookieName}=`));
	if (answer.status !== 200 || !line) return null;
	return line.split(';')[0]!.slice(sessionCookieName.length + 1);
}

/** The demo admin's password for a town, as the server prints it at start. */
export async function demoPassword(server: AppServer, email: string): Promise<string> {
	const pattern = new RegExp(`${email.replace(/[.@]/g, '\\$&')} / ([A-Za-z0-9_-]+)`);
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		const found = pattern.exec(server.output);
		if (found) return found[1]!;
		await new Promise((done) => setTimeout(done, 100));
	}
	throw new Error(`no demo login for ${email}:\n${server.output}`);
}
