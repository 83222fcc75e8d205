import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { passwordSchema } from '$lib/domain/volunteer';
import { absoluteTimeout, AuthError, idleTimeout } from './auth';
import type { ServerContext } from './context';
import { decoyHash, hashPassword, isCommonPassword, verifyPassword } from './passwords';
import { consumeAll } from './rate-limit';
import type { Database } from './storage/database';

/**
 * The operator's session cookie: its own name, so that an operator who is also a town's
 * volunteer on the same host holds both, and neither stands for the other.
 */
export const operatorCookie = 'yorisoi_operator';

/** A logged-in operator (not a town's: valid on every host). */
export type Operator = { id: string; email: string };

const minute = 60 * 1000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Refuses a new password by the volunteers' rules: 8 to 128 characters, not a common one. */
export async function assertStrongPassword(password: string): Promise<void> {
	if (!passwordSchema.safeParse(password).success) throw new AuthError('weak_password');
	if (await isCommonPassword(password)) throw new AuthError('common_password');
}

/**
 * Creates the operator from YORISOI_OPERATOR_EMAIL and YORISOI_OPERATOR_PASSWORD when no
 * operator exists yet (as YORISOI_ADMIN_* make the default town's first admin). Returns the
 * e-mail when one was created.
 */
export async function ensureOperator(
	database: Database,
	env: NodeJS.ProcessEnv,
	now: Date
): Promise<string | null> {
	const email = env.YORISOI_OPERATOR_EMAIL?.trim().toLowerCase();
	const password = env.YORISOI_OPERATOR_PASSWORD;
	if (!email || !password) return null;
	if (await database.first('SELECT id FROM operators LIMIT 1')) return null;
	await assertStrongPassword(password);
	const passwordHash = await hashPassword(password);
	// Another server starting at the same moment may have made it: nothing more to do then.
	const { changes } = await database.run(
		`INSERT INTO operators (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (email) DO NOTHING`,
		[randomUUID(), email, passwordHash, now.toISOString()]
	);
	return changes > 0 ? email : null;
}

/**
 * Checks an operator's e-mail and password and starts a session; null for any failure, after
 * the same work whether or not the e-mail exists (`logIn` of volunteers does the same).
 */
export async function logInOperator(
	database: Database,
	options: { email: string; password: string; now: Date }
): Promise<{ token: string; operator: Operator } | null> {
	const row = await database.first<Operator & { password_hash: string }>(
		'SELECT id, email, password_hash FROM operators WHERE email = ?',
		[options.email.trim().toLowerCase()]
	);
	const matches = await verifyPassword(options.password, row?.password_hash ?? (await decoyHash()));
	if (!row || !matches) return null;
	const token = randomBytes(32).toString('base64url');
	const at = options.now.toISOString();
	await database.transaction(async (tx) => {
		await tx.run('UPDATE operators SET last_login_at = ? WHERE id = ?', [at, row.id]);
		await tx.run(
			`INSERT INTO operator_sessions (token_hash, operator_id, created_at, last_seen_at, expires_at)
			VALUES (?, ?, ?, ?, ?)`,
			[
				sha256(token),
				row.id,
				at,
				at,
				new Date(options.now.getTime() + absoluteTimeout).toISOString()
			]
		);
	});
	return { token, operator: { id: row.id, email: row.email } };
}

/**
 * The operator a session token belongs to, with the volunteers' idle and absolute limits;
 * using it pushes the idle limit back (at most once a minute).
 */
export async function operatorForSession(
	database: Database,
	options: { token: string; now: Date }
): Promise<Operator | null> {
	if (!options.token || options.token.length > 100) return null;
	const hash = sha256(options.token);
	const row = await database.first<Operator & { last_seen_at: string; expires_at: string }>(
		`SELECT o.id, o.email, s.last_seen_at, s.expires_at
		FROM operator_sessions s JOIN operators o ON o.id = s.operator_id WHERE s.token_hash = ?`,
		[hash]
	);
	if (!row) return null;
	const now = options.now.getTime();
	const seen = new Date(row.last_seen_at).getTime();
	if (now - seen > idleTimeout || now >= new Date(row.expires_at).getTime()) {
		await database.run('DELETE FROM operator_sessions WHERE token_hash = ?', [hash]);
		return null;
	}
	if (now - seen > minute) {
		await database.run('UPDATE operator_sessions SET last_seen_at = ? WHERE token_hash = ?', [
			options.now.toISOString(),
			hash
		]);
	}
	return { id: row.id, email: row.email };
}

/** The outcome of an operator's login, shared by the API and the page's form. */
export type OperatorLoginResult =
	| { ok: true; operator: Operator }
	| { ok: false; code: 'invalid_credentials' }
	| { ok: false; code: 'too_many_logins'; retryAfter: number };

/**
 * Logs the operator in within the volunteers' login limits (keys of their own, not a town's)
 * and sets the cookie: HttpOnly, Secure on https as volunteers', and SameSite=Strict — the
 * operator's page is typed in, never followed from another site, and it can make towns.
 */
export async function logInOperatorWithCookie(options: {
	context: ServerContext;
	email: string;
	password: string;
	address: string;
	cookies: Cookies;
	url: URL;
}): Promise<OperatorLoginResult> {
	const { context } = options;
	const account = `operator|${options.address}|${options.email.trim().toLowerCase()}`;
	if (context.loginLimiters) {
		const retryAfter = await consumeAll([
			[context.loginLimiters.perAddress, `operator|${options.address}`],
			[context.loginLimiters.perAccount, account]
		]);
		if (retryAfter !== null) return { ok: false, code: 'too_many_logins', retryAfter };
	}
	const session = await logInOperator(context.database, {
		email: options.email,
		password: options.password,
		now: context.clock()
	});
	if (!session) return { ok: false, code: 'invalid_credentials' };
	await context.loginLimiters?.perAccount.delete(account);
	options.cookies.set(operatorCookie, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'strict',
		secure: options.url.protocol === 'https:',
		maxAge: absoluteTimeout / 1000
	});
	return { ok: true, operator: session.operator };
}

/** Ends the operator's session on the server for good, then clears the cookie. */
export async function logOutOperatorWithCookie(options: {
	context: ServerContext;
	cookies: Cookies;
}): Promise<void> {
	const token = options.cookies.get(operatorCookie);
	if (token) {
		await options.context.database.run('DELETE FROM operator_sessions WHERE token_hash = ?', [
			sha256(token)
		]);
	}
	options.cookies.delete(operatorCookie, { path: '/' });
}
