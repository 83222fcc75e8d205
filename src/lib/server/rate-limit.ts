import { RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimitedTotal } from './metrics';
import RateLimiterStoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js';
import type { Database } from './storage/database';

type StoredPoints = { points: number | string; expire: number | string | null };

/**
 * rate-limiter-flexible with its counters in our own database (SQLite or PostgreSQL), so that
 * every server process on one database shares them. One atomic upsert per request.
 */
export class DatabaseRateLimiter extends RateLimiterStoreAbstract {
	readonly #database: Database;

	constructor(options: {
		database: Database;
		keyPrefix: string;
		points: number;
		duration: number;
	}) {
		super({
			storeClient: options.database,
			keyPrefix: options.keyPrefix,
			points: options.points,
			duration: options.duration
		});
		this.#database = options.database;
	}

	/** Adds `points` to a key's count (starting a new window when the old one expired). */
	async _upsert(
		key: string,
		points: number,
		msDuration: number,
		forceExpire = false
	): Promise<StoredPoints> {
		const now = Date.now();
		const expire = msDuration > 0 ? now + msDuration : null;
		const restart = forceExpire ? 1 : 0;
		const row = await this.#database.first<StoredPoints>(
			`INSERT INTO rate_limits (key, points, expire) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET
				points = CASE WHEN ? = 1 OR rate_limits.expire <= ? THEN excluded.points
					ELSE rate_limits.points + excluded.points END,
				expire = CASE WHEN ? = 1 OR rate_limits.expire <= ? THEN excluded.expire
					ELSE rate_limits.expire END
			RETURNING points, expire`,
			[key, points, expire, restart, now, restart, now]
		);
		if (!row) throw new Error('rate limit upsert returned nothing');
		return row;
	}

	/** A key's current count, if its window has not expired. */
	async _get(key: string): Promise<StoredPoints | null> {
		const row = await this.#database.first<StoredPoints>(
			'SELECT points, expire FROM rate_limits WHERE key = ? AND (expire > ? OR expire IS NULL)',
			[key, Date.now()]
		);
		return row ?? null;
	}

	/** Forgets a key. */
	async _delete(key: string): Promise<boolean> {
		const { changes } = await this.#database.run('DELETE FROM rate_limits WHERE key = ?', [key]);
		return changes > 0;
	}

	/** The library's answer for a stored count (PostgreSQL returns BIGINT as text). */
	_getRateLimiterRes(_key: string, changedPoints: number, result: StoredPoints): RateLimiterRes {
		const points = Number(result.points);
		const expire = result.expire === null ? null : Number(result.expire);
		const consumed = changedPoints === points ? changedPoints : points;
		return new RateLimiterRes(
			Math.max(this.points - consumed, 0),
			expire === null ? -1 : Math.max(expire - Date.now(), 0),
			consumed,
			changedPoints === points
		);
	}
}

/** Removes counters whose window is over (run daily). */
export async function purgeExpiredRateLimits(database: Database, now: Date): Promise<number> {
	const { changes } = await database.run('DELETE FROM rate_limits WHERE expire < ?', [
		now.getTime()
	]);
	return changes;
}

/**
 * Sign-ups per syncing device (YORISOI_RATE_SIGNUPS_PER_DEVICE, default 20 an hour), or null
 * when off: one phone signing up more than a family's worth is a script, not a resident.
 */
export function deviceSignupLimiter(
	database: Database,
	env: NodeJS.ProcessEnv
): DatabaseRateLimiter | null {
	if (env.YORISOI_RATE_LIMITS === 'off') return null;
	const perHour = Number(env.YORISOI_RATE_SIGNUPS_PER_DEVICE ?? 20);
	return new DatabaseRateLimiter({
		database,
		keyPrefix: 'signup-device',
		points: Number.isInteger(perHour) && perHour > 0 ? perHour : 20,
		duration: 60 * 60
	});
}

/** The limits of the public endpoint, or null when YORISOI_RATE_LIMITS=off (benchmarks only). */
export function signupLimiter(
	database: Database,
	env: NodeJS.ProcessEnv
): DatabaseRateLimiter | null {
	if (env.YORISOI_RATE_LIMITS === 'off') return null;
	// Generous per address: a community hall signs up a whole class through one IP.
	const perHour = Number(env.YORISOI_RATE_SIGNUPS_PER_IP ?? 120);
	return new DatabaseRateLimiter({
		database,
		keyPrefix: 'signup-ip',
		points: Number.isInteger(perHour) && perHour > 0 ? perHour : 120,
		duration: 60 * 60
	});
}

/**
 * Takes `points` from each limiter in turn (a missing one, when limits are off, is skipped):
 * null when all allowed it, or the seconds to wait (for `Retry-After`) from the first refusal.
 */
export async function consumeAll(
	limits: ReadonlyArray<readonly [DatabaseRateLimiter | null, string]>,
	points = 1
): Promise<number | null> {
	for (const [limiter, key] of limits) {
		if (!limiter) continue;
		try {
			await limiter.consume(key, points);
		} catch (refusal) {
			const seconds = retryAfterSeconds(refusal);
			if (seconds === null) throw refusal;
			rateLimitedTotal.inc();
			return seconds;
		}
	}
	return null;
}

/** Seconds to wait, for a `Retry-After` header, from the library's refusal. */
export function retryAfterSeconds(refusal: unknown): number | null {
	if (!(refusal instanceof RateLimiterRes)) return null;
	return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}

/**
 * Login limits, or null when off: per address and account (guessing one password), and more
 * generously per address (a hall's volunteers share one IP).
 */
export function loginLimiters(
	database: Database,
	env: NodeJS.ProcessEnv
): { perAccount: DatabaseRateLimiter; perAddress: DatabaseRateLimiter } | null {
	if (env.YORISOI_RATE_LIMITS === 'off') return null;
	return {
		perAccount: new DatabaseRateLimiter({
			database,
			keyPrefix: 'login-account',
			points: 10,
			duration: 15 * 60
		}),
		perAddress: new DatabaseRateLimiter({
			database,
			keyPrefix: 'login-ip',
			points: 100,
			duration: 15 * 60
		})
	};
}
