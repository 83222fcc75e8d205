import { migrate } from './migrations';
import { ensureFirstAdmin } from './auth';
import { aobaTownId, ensureDemoLogins, seedDemoTown, seedSecondDemoTown } from './demo';
import {
	deviceSignupLimiter,
	loginLimiters,
	signupLimiter,
	type DatabaseRateLimiter
} from './rate-limit';
import { retentionDays, scheduleRetention } from './retention';
import { cancelTokenKey } from './signups';
import { errorKind, log } from './log';
import { timedDatabase } from './metrics';
import { testPasswordCost } from './passwords';
import { isPostgresUrl, openDatabase, type Database } from './storage/database';
import { defaultTownId, ensureDefaultTown, TownResolver } from './towns';
import { ensureOperator } from './operators';
import { SuspendedTowns } from './town-suspension';

/** What every request handler needs: the database, the cancel-token key and the limits. */
export type ServerContext = {
	database: Database;
	cancelKey: string;
	clock: () => Date;
	/** Sign-ups per client address, or null when YORISOI_RATE_LIMITS=off. */
	signupLimiter: DatabaseRateLimiter | null;
	/** Sign-ups per syncing device (sync push), or null when off. */
	deviceSignupLimiter: DatabaseRateLimiter | null;
	/** Login attempts per account and per address, or null when off. */
	loginLimiters: ReturnType<typeof loginLimiters>;
	/** Finds the town of a request's host. */
	towns: TownResolver;
	/** Which towns the operator suspended, and whom their users should call. */
	suspendedTowns: SuspendedTowns;
};

let started: Promise<ServerContext> | null = null;

/**
 * Opens the database named by DATABASE_URL (default: the SQLite file data/yorisoi.sqlite),
 * applies pending migrations, creates the first admin from YORISOI_ADMIN_EMAIL/PASSWORD and the
 * operator from YORISOI_OPERATOR_EMAIL/PASSWORD, with YORISOI_DEMO=1 seeds the demo town and
 * prints its volunteer and admin logins, and starts the daily anonymisation of old sign-ups.
 * Runs once.
 */
export function serverContext(env: NodeJS.ProcessEnv = process.env): Promise<ServerContext> {
	started ??= (async () => {
		const url = env.DATABASE_URL || 'data/yorisoi.sqlite';
		const database = timedDatabase(await openDatabase(url));
		const applied = await migrate(database);
		// A PostgreSQL URL may hold a password: only the kind of database is logged.
		const where = isPostgresUrl(url) ? 'PostgreSQL' : `SQLite ${url}`;
		log.info({ database: where, migrationsApplied: applied }, 'database open');
		await ensureDefaultTown(database, new Date());
		// Side by side: each is a slow scrypt hash, and the server listens only after both.
		const [admin, operator] = await Promise.all([
			ensureFirstAdmin(database, env, new Date()),
			ensureOperator(database, env, new Date())
		]);
		if (admin) log.info('volunteers: created the first admin (YORISOI_ADMIN_EMAIL)');
		if (operator) log.info('operator: created the operator (YORISOI_OPERATOR_EMAIL)');
		const demo = env.YORISOI_DEMO === '1' || env.YORISOI_DEMO === '2';
		if (demo) {
			if (await seedDemoTown(database, new Date())) {
				log.info('demo: seeded the fictional town 「みどり町」 with upcoming classes');
			}
			if (env.YORISOI_DEMO === '2' && (await seedSecondDemoTown(database, new Date()))) {
				log.info('demo: seeded the fictional town 「あおば村」 at aoba.localhost');
			}
			// The only credentials ever written out: the demo's, made anew at every start, so that
			// whoever tries the demo can log in (never set YORISOI_DEMO on a town's server). Made
			// beside the start, not before it: two scrypt hashes need not hold up the first page,
			// and no one can use a password before it is printed.
			const towns = env.YORISOI_DEMO === '2' ? [defaultTownId, aobaTownId] : [defaultTownId];
			void ensureDemoLogins(database, new Date(), towns).then(
				(logins) => {
					for (const login of logins) {
						log.info(
							`demo: ${login.role} login ${login.email} / ${login.password} (new at every start)`
						);
					}
				},
				(error: unknown) => log.error({ error: errorKind(error) }, 'demo: logins not made')
			);
		}
		const clock = () => new Date();
		scheduleRetention({ database, days: retentionDays(env), clock });
		const limiter = signupLimiter(database, env);
		if (!limiter) log.warn('rate limits: OFF (YORISOI_RATE_LIMITS=off; benchmarks only)');
		if (testPasswordCost(env)) {
			log.warn('passwords: hashed at a test cost (YORISOI_PASSWORD_COST=test; tests only)');
		}
		return {
			database,
			cancelKey: await cancelTokenKey(database),
			clock,
			signupLimiter: limiter,
			deviceSignupLimiter: deviceSignupLimiter(database, env),
			loginLimiters: loginLimiters(database, env),
			towns: new TownResolver(database),
			suspendedTowns: new SuspendedTowns(database)
		};
	})();
	return started;
}

/** Closes the database (graceful shutdown and tests). */
export async function closeServerContext(): Promise<void> {
	if (!started) return;
	const context = await started;
	started = null;
	await context.database.close();
}
