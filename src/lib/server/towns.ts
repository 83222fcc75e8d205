import { parseTown, type Town } from '$lib/domain/town';
import { town as configuredTown } from '$lib/town';
import type { Database } from './storage/database';

/** The town of `town.config.json`: it answers every host no other town claims. */
export const defaultTownId = configuredTown.id;

/** A town as stored: its id, the hosts it answers on, its details and whether it is suspended. */
export type TownRecord = { id: string; hosts: string[]; details: Town; suspended: boolean };

/**
 * Adds a town with its hosts, or does nothing when its id exists (a seed run again, several
 * servers starting at once). A host another town claims fails (the primary key of `town_hosts`).
 */
export async function ensureTown(
	database: Database,
	options: { details: Town; hosts: readonly string[]; now: Date }
): Promise<boolean> {
	const details = parseTown(options.details);
	return database.transaction(async (tx) => {
		const { changes } = await tx.run(
			`INSERT INTO towns (id, details, suspended, created_at) VALUES (?, ?, 0, ?)
			ON CONFLICT (id) DO NOTHING`,
			[details.id, JSON.stringify(details), options.now.toISOString()]
		);
		if (changes === 0) return false;
		for (const host of options.hosts) {
			await tx.run('INSERT INTO town_hosts (host, town_id) VALUES (?, ?)', [
				normaliseHost(host),
				details.id
			]);
		}
		return true;
	});
}

/** The default town's row, made at start when missing (a database older than migration 18 has it). */
export async function ensureDefaultTown(database: Database, now: Date): Promise<void> {
	await ensureTown(database, { details: configuredTown, hosts: [], now });
}

/** Every town, with its hosts; details are checked by the town schema when read. */
export async function listTowns(database: Database): Promise<TownRecord[]> {
	const towns = await database.all<{ id: string; details: string; suspended: number }>(
		'SELECT id, details, suspended FROM towns ORDER BY id'
	);
	const hosts = await database.all<{ host: string; town_id: string }>(
		'SELECT host, town_id FROM town_hosts ORDER BY host'
	);
	return towns.map((row) => ({
		id: row.id,
		hosts: hosts.filter((host) => host.town_id === row.id).map((host) => host.host),
		details: parseTown(JSON.parse(row.details), `town ${row.id}`),
		suspended: Number(row.suspended) === 1
	}));
}

/** A Host header's name: lower case, without the port or a trailing dot. */
export function normaliseHost(host: string): string {
	const name = host.split(',')[0]!.trim().toLowerCase();
	// [::1]:3000 keeps its brackets; name:port loses the port.
	const withoutPort = name.startsWith('[')
		? name.slice(0, name.indexOf(']') + 1)
		: name.split(':')[0]!;
	return withoutPort.replace(/\.$/, '');
}

// Hosts change only when a town is made (a later slice: the operator's page), so the map is
// read once and again at most every few seconds when an unknown host asks.
const refreshMs = 5_000;

/** Finds the town of a request's host, from a map of the `town_hosts` table kept in memory. */
export class TownResolver {
	readonly #database: Database;
	#hosts = new Map<string, string>();
	#readAt = -Infinity;
	#reading: Promise<void> | null = null;

	constructor(database: Database) {
		this.#database = database;
	}

	/** The id of the town claiming `host`, or the default town's when none does. */
	async townFor(host: string | null): Promise<string> {
		const name = host ? normaliseHost(host) : '';
		const known = this.#hosts.get(name);
		if (known) return known;
		if (performance.now() - this.#readAt > refreshMs) await this.refresh();
		return this.#hosts.get(name) ?? defaultTownId;
	}

	/** Reads the hosts again (after a town was added). */
	refresh(): Promise<void> {
		this.#reading ??= (async () => {
			try {
				const rows = await this.#database.all<{ host: string; town_id: string }>(
					'SELECT host, town_id FROM town_hosts'
				);
				this.#hosts = new Map(rows.map((row) => [row.host, row.town_id]));
				this.#readAt = performance.now();
			} finally {
				this.#reading = null;
			}
		})();
		return this.#reading;
	}
}

/** The kinds of record a request or a mutation names by id, and the table each lives in. */
export const recordTables = {
	class: 'classes',
	signup: 'signups',
	venue: 'venues',
	volunteer: 'volunteers',
	series: 'class_series',
	consultation: 'consultations'
} as const;

/** A kind of record named by id. */
export type RecordKind = keyof typeof recordTables;

/**
 * Whether a record named by id belongs to another town than `townId`: true only when it exists
 * there. An unknown id is not "elsewhere": the handler answers it as unknown, as it always did.
 */
export async function isOtherTowns(
	database: Database,
	options: { townId: string; kind: RecordKind; id: string }
): Promise<boolean> {
	const row = await database.first<{ town_id: string | null }>(
		`SELECT town_id FROM ${recordTables[options.kind]} WHERE id = ?`,
		[options.id]
	);
	return row !== undefined && row.town_id !== options.townId;
}

// The fields of requests and mutations that name a record, and its kind.
const namingFields: Record<string, RecordKind> = {
	classId: 'class',
	fromClassId: 'class',
	signupId: 'signup',
	venueId: 'venue',
	seriesId: 'series',
	tutorIds: 'volunteer',
	slotIds: 'class'
};

// What a request naming another town's record is answered, by kind: as an unknown one.
const notFoundCodes: Record<RecordKind, string> = {
	class: 'class_not_found',
	signup: 'signup_not_found',
	venue: 'venue_not_found',
	// Volunteers are named in requests only as a class's tutors.
	volunteer: 'tutor_not_found',
	// An unknown series is answered as an unknown class (`patchSeriesIn`).
	series: 'class_not_found',
	consultation: 'consultation_not_found'
};

/** Every record a request's body (or a mutation's arguments) names, with its kind. */
function namedRecords(
	value: unknown,
	made: RecordKind | null,
	found: Array<{ kind: RecordKind; id: string }> = []
): Array<{ kind: RecordKind; id: string }> {
	if (Array.isArray(value)) {
		for (const item of value) namedRecords(item, made, found);
		return found;
	}
	if (value === null || typeof value !== 'object') return found;
	for (const [field, inner] of Object.entries(value)) {
		const kind = field === 'id' ? made : namingFields[field];
		if (kind && typeof inner === 'string') found.push({ kind, id: inner });
		else if (kind && Array.isArray(inner)) {
			for (const id of inner) if (typeof id === 'string') found.push({ kind, id });
		} else if (field === 'sessions') {
			// A series' sessions are classes made with their own ids.
			namedRecords(inner, 'class', found);
		} else namedRecords(inner, null, found);
	}
	return found;
}

/**
 * The not-found code to refuse a request (or a pushed mutation) with when it names another
 * town's record — by reference (`classId`, `venueId`, `tutorIds`…) or as the id of the record
 * it makes (`made`: a class, venue, sign-up… made under an id another town's record has) —,
 * or null when every record it names is this town's or unknown.
 */
export async function otherTownsCode(
	database: Database,
	options: { townId: string; body: unknown; made?: RecordKind | null }
): Promise<string | null> {
	for (const { kind, id } of namedRecords(options.body, options.made ?? null)) {
		if (await isOtherTowns(database, { townId: options.townId, kind, id })) {
			return notFoundCodes[kind];
		}
	}
	return null;
}

/** A request or mutation naming another town's record, refused as the record being unknown. */
export class TownError extends Error {
	readonly status = 404;
	constructor(readonly code: string) {
		super(code);
	}
}
