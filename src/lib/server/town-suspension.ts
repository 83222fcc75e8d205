import { parseTown, type LocalizedText } from '$lib/domain/town';
import type { Database } from './storage/database';

/** Whom a suspended town's residents and volunteers should call: its town office. */
export type TownContact = { name: LocalizedText; office: LocalizedText; phone: string };

// Another server process on the same database (PostgreSQL behind a load balancer) sees a
// suspension within this long; the process that made the change sees it at once (`refresh`).
const refreshMs = 5_000;

/**
 * The suspended towns, with their office to contact, read from `towns` into memory and again
 * at most every few seconds, so that a request costs no query to learn its town is open.
 */
export class SuspendedTowns {
	readonly #database: Database;
	#suspended = new Map<string, TownContact>();
	#readAt = -Infinity;
	#reading: Promise<void> | null = null;

	constructor(database: Database) {
		this.#database = database;
	}

	/** The office to contact when `townId` is suspended, or null when it is open. */
	async contactIfSuspended(townId: string): Promise<TownContact | null> {
		if (performance.now() - this.#readAt > refreshMs) await this.refresh();
		return this.#suspended.get(townId) ?? null;
	}

	/** Reads the suspended towns again (after the operator suspended or resumed one). */
	refresh(): Promise<void> {
		this.#reading ??= (async () => {
			try {
				const rows = await this.#database.all<{ id: string; details: string }>(
					'SELECT id, details FROM towns WHERE suspended = 1'
				);
				this.#suspended = new Map(
					rows.map((row) => {
						const details = parseTown(JSON.parse(row.details), `town ${row.id}`);
						return [
							row.id,
							{ name: details.name, office: details.office.name, phone: details.office.phone }
						];
					})
				);
				this.#readAt = performance.now();
			} finally {
				this.#reading = null;
			}
		})();
		return this.#reading;
	}
}
