import type { Cookies } from '@sveltejs/kit';
import { absoluteTimeout, logIn, logOut, sessionCookie, type Volunteer } from './auth';
import type { ServerContext } from './context';
import { consumeAll } from './rate-limit';

/** The outcome of a login attempt, shared by the login API and the login page's form. */
export type LoginResult =
	| { ok: true; volunteer: Volunteer }
	| { ok: false; code: 'invalid_credentials' }
	| { ok: false; code: 'too_many_logins'; retryAfter: number };

/**
 * Logs a volunteer in within the login limits, and sets the session cookie (HttpOnly,
 * SameSite=Lax, Secure on https, ending with the session's absolute limit).
 */
export async function logInWithCookie(options: {
	context: ServerContext;
	email: string;
	password: string;
	address: string;
	cookies: Cookies;
	url: URL;
	/** The town of the request's host: its accounts only, and its own login limits. */
	townId: string;
}): Promise<LoginResult> {
	const { context, townId } = options;
	const account = `${townId}|${options.address}|${options.email.trim().toLowerCase()}`;
	if (context.loginLimiters) {
		const retryAfter = await consumeAll([
			[context.loginLimiters.perAddress, `${townId}|${options.address}`],
			[context.loginLimiters.perAccount, account]
		]);
		if (retryAfter !== null) return { ok: false, code: 'too_many_logins', retryAfter };
	}
	const session = await logIn(context.database, {
		email: options.email,
		password: options.password,
		now: context.clock(),
		townId
	});
	if (!session) return { ok: false, code: 'invalid_credentials' };
	// A successful login does not count against the account's limit.
	await context.loginLimiters?.perAccount.delete(account);
	options.cookies.set(sessionCookie, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: options.url.protocol === 'https:',
		maxAge: absoluteTimeout / 1000
	});
	return { ok: true, volunteer: session.volunteer };
}

/** Ends the cookie's session on the server for good, then clears the cookie. */
export async function logOutWithCookie(options: {
	context: ServerContext;
	cookies: Cookies;
}): Promise<void> {
	const token = options.cookies.get(sessionCookie);
	if (token) await logOut(options.context.database, token);
	options.cookies.delete(sessionCookie, { path: '/' });
}
