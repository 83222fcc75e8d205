import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
	passwordSchema,
	type Role,
	type VolunteerListing,
	type VolunteerPatch
} from '$lib/domain/volunteer';
import { decoyHash, hashPassword, isCommonPassword, verifyPassword } from './passwords';
import type { Database } from './storage/database';
import { defaultTownId } from './towns';

/** The session cookie's name. */
export const sessionCookie = 'yorisoi_session';

const minute = 60 * 1000;
/** A session ends after this long unused (a morning at the hall)… */
export const idleTimeout = 4 * 60 * minute;
/** …and after this long in any case (shared tablets). */
export const absoluteTimeout = 24 * 60 * minute;

/** A logged-in volunteer, as pages and endpoints see them. */
// A logged-in volunteer's town is the request's (`locals.townId`): sessions are checked there.
export type Volunteer = { id: string; email: string; name: string; role: Role };

/** A refusal the endpoints map to the contract's errors. */
export class AuthError extends Error {
	constructor(
		readonly code:
			'email_taken' | 'common_password' | 'weak_password' | 'volunteer_not_found' | 'last_admin'
	) {
		super(code);
	}
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Adds a volunteer (refusing common passwords); returns the new id. */
export async function createVolunteer(
	database: Database,
	volunteer: { email: string; name: string; role: Role; password: string; townId?: string },
	now: Date
): Promise<string> {
	const townId = volunteer.townId ?? defaultTownId;
	if (!passwordSchema.safeParse(volunteer.password).success) throw new AuthError('weak_password');
	if (await isCommonPassword(volunteer.password)) throw new AuthError('common_password');
	const passwordHash = await hashPassword(volunteer.password);
	const email = volunteer.email.trim().toLowerCase();
	const id = randomUUID();
	const at = now.toISOString();
	return database.transaction(async (tx) => {
		// Within the town only: another town's accounts are not this town's to know of.
		const taken = await tx.first('SELECT id FROM volunteers WHERE email = ? AND town_id = ?', [
			email,
			townId
		]);
		if (taken) throw new AuthError('email_taken');
		await tx.run(
			`INSERT INTO volunteers (id, email, name, role, password_hash, disabled, created_at, updated_at,
				town_id)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
			[id, email, volunteer.name, volunteer.role, passwordHash, at, at, townId]
		);
		return id;
	});
}

/** Sets a new password and ends every session of that volunteer. */
export async function resetPassword(
	database: Database,
	options: { volunteerId: string; password: string; now: Date }
): Promise<void> {
	if (!passwordSchema.safeParse(options.password).success) throw new AuthError('weak_password');
	if (await isCommonPassword(options.password)) throw new AuthError('common_password');
	const passwordHash = await hashPassword(options.password);
	await database.transaction(async (tx) => {
		const { changes } = await tx.run(
			'UPDATE volunteers SET password_hash = ?, updated_at = ? WHERE id = ?',
			[passwordHash, options.now.toISOString(), options.volunteerId]
		);
		if (changes === 0) throw new AuthError('volunteer_not_found');
		await tx.run('DELETE FROM sessions WHERE volunteer_id = ?', [options.volunteerId]);
	});
}

/**
 * Checks an e-mail and password and starts a new session (a new token at every login).
 * Returns null for any failure, after the same amount of work whether or not the e-mail
 * exists, so a failure never reveals an account.
 */
export async function logIn(
	database: Database,
	options: { email: string; password: string; now: Date; townId?: string }
): Promise<{ token: string; volunteer: Volunteer } | null> {
	const townId = options.townId ?? defaultTownId;
	// Another town's account is no account here: the same decoy hash, the same answer.
	const row = await database.first<Volunteer & { password_hash: string; disabled: number }>(
		'SELECT id, email, name, role, password_hash, disabled FROM volunteers WHERE email = ? AND town_id = ?',
		[options.email.trim().toLowerCase(), townId]
	);
	const matches = await verifyPassword(options.password, row?.password_hash ?? (await decoyHash()));
	if (!row || !matches || Number(row.disabled) === 1) return null;
	const token = randomBytes(32).toString('base64url');
	const at = options.now.toISOString();
	const started = await database.transaction(async (tx) => {
		// Deactivated while the password was being checked: no session after all.
		const { changes } = await tx.run(
			'UPDATE volunteers SET last_login_at = ? WHERE id = ? AND disabled = 0',
			[at, row.id]
		);
		if (changes === 0) return false;
		await tx.run(
			'INSERT INTO sessions (token_hash, volunteer_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)',
			[
				sha256(token),
				row.id,
				at,
				at,
				new Date(options.now.getTime() + absoluteTimeout).toISOString()
			]
		);
		return true;
	});
	if (!started) return null;
	return { token, volunteer: { id: row.id, email: row.email, name: row.name, role: row.role } };
}

/**
 * The volunteer a session token belongs to, if the session is neither idle too long nor past
 * its absolute end; using it pushes the idle limit back (at most once a minute, to spare writes).
 */
export async function volunteerForSession(
	database: Database,
	options: { token: string; now: Date; townId?: string }
): Promise<Volunteer | null> {
	const townId = options.townId ?? defaultTownId;
	if (!options.token || options.token.length > 100) return null;
	const hash = sha256(options.token);
	const row = await database.first<
		Volunteer & {
			last_seen_at: string;
			expires_at: string;
			disabled: number;
			town_id: string | null;
		}
	>(
		`SELECT v.id, v.email, v.name, v.role, v.disabled, v.town_id, s.last_seen_at, s.expires_at
		FROM sessions s JOIN volunteers v ON v.id = s.volunteer_id WHERE s.token_hash = ?`,
		[hash]
	);
	// A session is valid on its own town's hosts only (it stays valid there).
	if (!row || row.town_id !== townId) return null;
	const now = options.now.getTime();
	const idle = now - new Date(row.last_seen_at).getTime() > idleTimeout;
	if (idle || now >= new Date(row.expires_at).getTime() || Number(row.disabled) === 1) {
		await database.run('DELETE FROM sessions WHERE token_hash = ?', [hash]);
		return null;
	}
	if (now - new Date(row.last_seen_at).getTime() > minute) {
		await database.run('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', [
			options.now.toISOString(),
			hash
		]);
	}
	return { id: row.id, email: row.email, name: row.name, role: row.role };
}

type VolunteerRow = {
	id: string;
	email: string;
	name: string;
	role: Role;
	disabled: number;
	last_login_at: string | null;
};

const listingColumns = 'id, email, name, role, disabled, last_login_at';

function listing(row: VolunteerRow): VolunteerListing {
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		role: row.role,
		active: Number(row.disabled) === 0,
		lastLoginAt: row.last_login_at
	};
}

/** Every volunteer, active ones first, then by name (the admins' list). */
export async function listVolunteers(
	database: Database,
	townId: string = defaultTownId
): Promise<VolunteerListing[]> {
	const rows = await database.all<VolunteerRow>(
		`SELECT ${listingColumns} FROM volunteers WHERE town_id = ? ORDER BY disabled, name, email`,
		[townId]
	);
	return rows.map(listing);
}

/**
 * Changes a volunteer's name, role or active flag. Deactivating ends all their sessions at
 * once (their logins are refused from then on). The last active admin can be neither
 * deactivated nor made a plain volunteer, so someone can always manage volunteers.
 */
export async function updateVolunteer(
	database: Database,
	options: { volunteerId: string; changes: VolunteerPatch; now: Date }
): Promise<VolunteerListing> {
	const { volunteerId, changes } = options;
	return database.transaction(async (tx) => {
		// The active admins and the volunteer changed, locked (PostgreSQL) so that two admins
		// deactivating each other at the same moment cannot both succeed.
		const locked = await tx.all<VolunteerRow>(
			`SELECT ${listingColumns} FROM volunteers
			WHERE id = ? OR (role = 'admin' AND disabled = 0
				AND town_id = (SELECT town_id FROM volunteers WHERE id = ?)) ORDER BY id${tx.lockRows}`,
			[volunteerId, volunteerId]
		);
		const before = locked.find((row) => row.id === volunteerId);
		if (!before) throw new AuthError('volunteer_not_found');
		const wasActiveAdmin = before.role === 'admin' && Number(before.disabled) === 0;
		const staysActiveAdmin =
			(changes.role ?? before.role) === 'admin' &&
			(changes.active ?? Number(before.disabled) === 0);
		const activeAdmins = locked.filter(
			(row) => row.role === 'admin' && Number(row.disabled) === 0
		).length;
		if (wasActiveAdmin && !staysActiveAdmin && activeAdmins <= 1) {
			throw new AuthError('last_admin');
		}
		const after: VolunteerRow = {
			...before,
			name: changes.name ?? before.name,
			role: changes.role ?? before.role,
			disabled: changes.active === undefined ? Number(before.disabled) : changes.active ? 0 : 1
		};
		await tx.run(
			'UPDATE volunteers SET name = ?, role = ?, disabled = ?, updated_at = ? WHERE id = ?',
			[after.name, after.role, after.disabled, options.now.toISOString(), volunteerId]
		);
		if (after.disabled === 1) {
			await tx.run('DELETE FROM sessions WHERE volunteer_id = ?', [volunteerId]);
		}
		return listing(after);
	});
}

/** Ends a session for good. */
export async function logOut(database: Database, token: string): Promise<void> {
	await database.run('DELETE FROM sessions WHERE token_hash = ?', [sha256(token)]);
}

/**
 * Creates the first admin from YORISOI_ADMIN_EMAIL and YORISOI_ADMIN_PASSWORD when no admin
 * exists yet. Returns the e-mail when one was created.
 */
export async function ensureFirstAdmin(
	database: Database,
	env: NodeJS.ProcessEnv,
	now: Date
): Promise<string | null> {
	const email = env.YORISOI_ADMIN_EMAIL?.trim().toLowerCase();
	const password = env.YORISOI_ADMIN_PASSWORD;
	if (!email || !password) return null;
	const admin = await database.first(
		"SELECT id FROM volunteers WHERE role = 'admin' AND town_id = ? LIMIT 1",
		[defaultTownId]
	);
	if (admin) return null;
	try {
		await createVolunteer(database, { email, name: '管理者', role: 'admin', password }, now);
	} catch (error) {
		// Another server starting at the same moment created the same admin.
		if (error instanceof AuthError && error.code === 'email_taken') return null;
		throw error;
	}
	return email;
}
