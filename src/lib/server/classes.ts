import { randomUUID } from 'node:crypto';
import { conflictingFields, type ClassPatch, type VenuePatch } from '$lib/domain/class';
import { personKeys, samePerson, type PersonKeys } from '$lib/domain/person-match';
import { audit } from './audit';
import { nextChange } from './changes';
import {
	classCallFacts,
	signupCallFacts,
	type ClassCallFacts,
	type SignupCallFacts
} from './contacts';
import { confirmedCount, promoteWaiting } from './signups';
import type { TextReadings } from '$lib/domain/text-readings';
import { placeholders, type Database } from './storage/database';
import { defaultTownId } from './towns';

import { freeShortCode } from './short-codes';
import { readingsColumn, readingsField } from './text-readings';
import { refuseFirstSessionCancel } from './series';

/** A place where classes are held, with the furigana of its name when it has them. */
export type NewVenue = { name: string; nameReadings?: TextReadings; address: string };

/** A venue as volunteers see it. */
export type Venue = { id: string; name: string; nameReadings?: TextReadings; address: string };

/** A venue row as read (`name_readings` is JSON or NULL). */
type VenueRow = { id: string; name: string; name_readings: string | null; address: string };

/** A venue row as answered: the readings only when it has some. */
export function venueFromRow(row: VenueRow): Venue {
	return {
		id: row.id,
		name: row.name,
		...readingsField('nameReadings', row.name_readings),
		address: row.address
	};
}

/** A class to publish. Times are ISO-8601 instants. */
export type NewClass = {
	title: string;
	titleReadings?: TextReadings;
	topic: string;
	topicReadings?: TextReadings;
	lessonIds?: string[];
	venueId: string;
	startsAt: string;
	endsAt: string;
	capacity: number;
	loanerTablets?: number;
	tutors?: number;
	bring?: string;
	bringReadings?: TextReadings;
	/** '' is free; left out, the class does not say. */
	fee?: string;
	tutorIds?: string[];
};

/**
 * Adds a venue; returns its id (the client's own, when it made one offline). A venue with that
 * id already there is kept as it is: a device's retried creation makes nothing new.
 */
export async function createVenue(
	database: Database,
	venue: NewVenue,
	now: Date,
	id: string = randomUUID(),
	townId: string = defaultTownId
): Promise<string> {
	const at = now.toISOString();
	// The default town's venues are written as before towns (migration 18 files a venue without
	// a town under the default town), so this also runs on a database not yet migrated.
	const town = townId === defaultTownId ? null : townId;
	const columns = `id, name, name_readings, address, created_at, updated_at${town ? ', town_id' : ''}`;
	const values = [id, venue.name, readingsColumn(venue.nameReadings), venue.address, at, at];
	if (town) values.push(town);
	await database.run(
		database.dialect === 'postgres'
			? `INSERT INTO venues (${columns}) VALUES (${placeholders(values)}) ON CONFLICT (id) DO NOTHING`
			: `INSERT OR IGNORE INTO venues (${columns}) VALUES (${placeholders(values)})`,
		values
	);
	return id;
}

/** True when the venue exists and has not been retired (classes may be held there). */
async function venueOpen(tx: Database, id: string): Promise<boolean> {
	const venue = await tx.first('SELECT id FROM venues WHERE id = ? AND retired_at IS NULL', [id]);
	return Boolean(venue);
}

/**
 * Changes a venue's name or address. Upcoming classes held there are stamped as changed, so
 * residents' devices pull the new address with them.
 */
export async function patchVenueIn(
	tx: Database,
	options: { id: string; changes: VenuePatch; actor: string; now: Date }
): Promise<Venue> {
	const { id, changes } = options;
	const at = options.now.toISOString();
	const row = await tx.first<VenueRow>(
		`SELECT id, name, name_readings, address FROM venues WHERE id = ? AND retired_at IS NULL${tx.lockRows}`,
		[id]
	);
	if (!row) throw new ClassError('venue_not_found', 404);
	const next = { ...venueFromRow(row), ...changes };
	await tx.run(
		'UPDATE venues SET name = ?, name_readings = ?, address = ?, updated_at = ? WHERE id = ?',
		[next.name, readingsColumn(next.nameReadings), next.address, at, id]
	);
	const change = await nextChange(tx);
	await tx.run('UPDATE classes SET change_seq = ? WHERE venue_id = ? AND ends_at > ?', [
		change,
		id,
		at
	]);
	await audit(tx, {
		actor: options.actor,
		action: `venue.patch:${Object.keys(changes).join(',')}`,
		recordType: 'venue',
		recordId: id,
		at
	});
	return venueFromRow({
		id,
		name: next.name,
		name_readings: readingsColumn(next.nameReadings),
		address: next.address
	});
}

/**
 * Retires a venue so that no new class can be held there. Refused while a class that has not
 * ended is still scheduled there: those are moved or cancelled first.
 */
export async function retireVenueIn(
	tx: Database,
	options: { id: string; actor: string; now: Date }
): Promise<{ id: string }> {
	const { id } = options;
	const at = options.now.toISOString();
	const venue = await tx.first<{ retired_at: string | null }>(
		`SELECT retired_at FROM venues WHERE id = ?${tx.lockRows}`,
		[id]
	);
	if (!venue) throw new ClassError('venue_not_found', 404);
	// Retiring twice (a retried request) is done already.
	if (venue.retired_at !== null) return { id };
	const upcoming = await tx.first<{ id: string }>(
		"SELECT id FROM classes WHERE venue_id = ? AND status = 'scheduled' AND ends_at > ?",
		[id, at]
	);
	if (upcoming) throw new ClassError('venue_in_use', 409);
	await tx.run('UPDATE venues SET retired_at = ?, updated_at = ? WHERE id = ?', [at, at, id]);
	await audit(tx, {
		actor: options.actor,
		action: 'venue.retire',
		recordType: 'venue',
		recordId: id,
		at
	});
	return { id };
}

/**
 * Publishes a class; returns its id (the client's own, when it made one offline). The class
 * gets its short link's code here, also when a volunteer's device created it offline.
 */
export async function createClass(
	database: Database,
	klass: NewClass,
	now: Date,
	id: string = randomUUID()
): Promise<string> {
	return database.transaction((tx) => createClassIn(tx, { klass, now, id }));
}

/** `createClass` inside the caller's transaction. */
export async function createClassIn(
	tx: Database,
	options: { klass: NewClass; now: Date; id: string; actor?: string }
): Promise<string> {
	const { klass, id } = options;
	const at = options.now.toISOString();
	if (!(await venueOpen(tx, klass.venueId))) {
		throw new ClassError('venue_not_found', 404);
	}
	await tx.run(
		`INSERT INTO classes (id, title, title_readings, topic, topic_readings, lesson_ids, venue_id,
			starts_at, ends_at, capacity, loaner_tablets, tutors, bring, bring_readings, fee, status,
			version, created_at, updated_at, change_seq, short_code)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', 1, ?, ?, ?, ?)`,
		[
			id,
			klass.title,
			readingsColumn(klass.titleReadings),
			klass.topic,
			readingsColumn(klass.topicReadings),
			JSON.stringify(klass.lessonIds ?? []),
			klass.venueId,
			new Date(klass.startsAt).toISOString(),
			new Date(klass.endsAt).toISOString(),
			klass.capacity,
			klass.loanerTablets ?? 0,
			klass.tutors ?? 1,
			klass.bring ?? '',
			readingsColumn(klass.bringReadings),
			klass.fee ?? null,
			at,
			at,
			await nextChange(tx),
			await freeShortCode(tx)
		]
	);
	if (klass.tutorIds) await assignTutors(tx, { classId: id, tutorIds: klass.tutorIds });
	if (options.actor) {
		await audit(tx, {
			actor: options.actor,
			action: 'class.create',
			recordType: 'class',
			recordId: id,
			at
		});
	}
	return id;
}

/** A class as volunteers see it, with its version for edits. */
export type VolunteerClass = {
	id: string;
	title: string;
	titleReadings?: TextReadings;
	topic: string;
	topicReadings?: TextReadings;
	lessonIds: string[];
	venueId: string;
	startsAt: string;
	endsAt: string;
	capacity: number;
	loanerTablets: number;
	tutors: number;
	status: 'scheduled' | 'cancelled';
	version: number;
	/** 持ち物 ('' when nothing more than a phone). */
	bring: string;
	bringReadings?: TextReadings;
	/** 参加費: '' is free; null when the class never said (classes from before). */
	fee: string | null;
	/** The volunteers assigned as tutors, in the order chosen. */
	tutorIds: string[];
	/** The short link's code (`/c/{code}`); null only while a migration has not given one. */
	shortCode: string | null;
	/** The 相談会 block this class is a slot of, or null for a class. */
	consultationId: string | null;
};

/** A refusal the endpoints map to 404/409. */
export class ClassError extends Error {
	constructor(
		readonly code:
			| 'class_not_found'
			| 'class_cancelled'
			| 'venue_not_found'
			| 'venue_in_use'
			| 'tutor_not_found'
			| 'conflict'
			| 'capacity_below_confirmed'
			| 'ends_before_start'
			| 'course_first_session',
		readonly status: 400 | 404 | 409,
		/** For a conflict: the class as it is now, for the volunteer to compare. */
		readonly current?: VolunteerClass
	) {
		super(code);
	}
}

type ClassRow = {
	id: string;
	title: string;
	title_readings: string | null;
	topic: string;
	topic_readings: string | null;
	lesson_ids: string;
	venue_id: string;
	starts_at: string;
	ends_at: string;
	capacity: number;
	loaner_tablets: number;
	tutors: number;
	status: 'scheduled' | 'cancelled';
	version: number;
	bring: string;
	bring_readings: string | null;
	fee: string | null;
	short_code: string | null;
	consultation_id: string | null;
};

const columns =
	'id, title, title_readings, topic, topic_readings, lesson_ids, venue_id, starts_at, ends_at, capacity, loaner_tablets, tutors, status, version, bring, bring_readings, fee, short_code, consultation_id';

/** A class row as answered; its tutors come from `class_tutors` (`withTutors`). */
function fromRow(row: ClassRow, tutorIds: string[] = []): VolunteerClass {
	return {
		id: row.id,
		title: row.title,
		...readingsField('titleReadings', row.title_readings),
		topic: row.topic,
		...readingsField('topicReadings', row.topic_readings),
		lessonIds: JSON.parse(row.lesson_ids) as string[],
		venueId: row.venue_id,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		capacity: Number(row.capacity),
		loanerTablets: Number(row.loaner_tablets),
		tutors: Number(row.tutors),
		status: row.status,
		version: Number(row.version),
		bring: row.bring,
		...readingsField('bringReadings', row.bring_readings),
		fee: row.fee,
		tutorIds,
		shortCode: row.short_code ?? null,
		consultationId: row.consultation_id ?? null
	};
}

/** Class rows as answered, with the tutors assigned to each (one query for all). */
async function withTutors(database: Database, rows: ClassRow[]): Promise<VolunteerClass[]> {
	if (rows.length === 0) return [];
	const links = await database.all<{ class_id: string; volunteer_id: string }>(
		`SELECT class_id, volunteer_id FROM class_tutors WHERE class_id IN (${placeholders(rows)})
		ORDER BY class_id, position`,
		rows.map((row) => row.id)
	);
	const byClass = new Map<string, string[]>();
	for (const link of links) {
		byClass.set(link.class_id, [...(byClass.get(link.class_id) ?? []), link.volunteer_id]);
	}
	return rows.map((row) => fromRow(row, byClass.get(row.id) ?? []));
}

/** One class row, with its tutors, inside the caller's transaction or not. */
async function classById(database: Database, id: string): Promise<VolunteerClass | null> {
	const row = await database.first<ClassRow>(`SELECT ${columns} FROM classes WHERE id = ?`, [id]);
	return row ? ((await withTutors(database, [row]))[0] ?? null) : null;
}

/**
 * Sets the tutors of a class to these volunteers, in this order. Every id must be a volunteer
 * of the town: an unknown one refuses the whole change (404), nothing written.
 */
async function assignTutors(
	tx: Database,
	options: { classId: string; tutorIds: readonly string[] }
): Promise<void> {
	const { classId, tutorIds } = options;
	if (tutorIds.length > 0) {
		const known = await tx.all<{ id: string }>(
			`SELECT id FROM volunteers WHERE id IN (${placeholders(tutorIds)})`,
			[...tutorIds]
		);
		if (known.length !== tutorIds.length) throw new ClassError('tutor_not_found', 404);
	}
	await tx.run('DELETE FROM class_tutors WHERE class_id = ?', [classId]);
	for (const [position, volunteerId] of tutorIds.entries()) {
		await tx.run('INSERT INTO class_tutors (class_id, volunteer_id, position) VALUES (?, ?, ?)', [
			classId,
			volunteerId,
			position
		]);
	}
}

/** One class, for volunteers. */
export async function getClass(database: Database, id: string): Promise<VolunteerClass | null> {
	return classById(database, id);
}

/** The classes that have not ended before `endsAfter`, soonest first, for volunteers. */
export async function classesEndingAfter(
	database: Database,
	endsAfter: Date,
	townId: string = defaultTownId
): Promise<VolunteerClass[]> {
	const rows = await database.all<ClassRow>(
		`SELECT ${columns} FROM classes WHERE town_id = ? AND ends_at > ? ORDER BY starts_at, id`,
		[townId, endsAfter.toISOString()]
	);
	return withTutors(database, rows);
}

const columnOf: Record<Exclude<keyof ClassPatch['changes'], 'tutorIds'>, string> = {
	title: 'title',
	titleReadings: 'title_readings',
	topic: 'topic',
	topicReadings: 'topic_readings',
	lessonIds: 'lesson_ids',
	venueId: 'venue_id',
	startsAt: 'starts_at',
	endsAt: 'ends_at',
	capacity: 'capacity',
	loanerTablets: 'loaner_tablets',
	tutors: 'tutors',
	bring: 'bring',
	bringReadings: 'bring_readings',
	fee: 'fee'
};

/**
 * Applies a volunteer's field patch in one transaction (class row locked). A change to time,
 * venue or capacity based on an older version is a conflict, returned with the current class;
 * other fields apply (last write wins). Capacity never goes below the confirmed sign-ups, and
 * more capacity moves the waiting list up. Returns the class as it now is.
 */
export async function patchClass(
	database: Database,
	options: { id: string; patch: ClassPatch; actor: string; now: Date }
): Promise<{ klass: VolunteerClass; promoted: string[] }> {
	return database.transaction((tx) => patchClassIn(tx, options));
}

/** `patchClass` inside the caller's transaction. */
export async function patchClassIn(
	tx: Database,
	options: { id: string; patch: ClassPatch; actor: string; now: Date }
): Promise<{ klass: VolunteerClass; promoted: string[] }> {
	const at = options.now.toISOString();
	const { baseVersion, changes } = options.patch;
	const row = await tx.first<ClassRow>(
		`SELECT ${columns} FROM classes WHERE id = ?${tx.lockRows}`,
		[options.id]
	);
	if (!row) throw new ClassError('class_not_found', 404);
	const current = (await withTutors(tx, [row]))[0] as VolunteerClass;
	if (current.status === 'cancelled') throw new ClassError('class_cancelled', 409, current);
	// A version the class never had (ahead of it) is as unknown as an old one.
	const stale = baseVersion !== current.version;
	// Times are compared as instants: +09:00 and Z spellings of one time are no change.
	const same = (field: (typeof conflictingFields)[number]) =>
		field === 'startsAt' || field === 'endsAt'
			? new Date(changes[field] as string).getTime() === new Date(current[field]).getTime()
			: changes[field] === current[field];
	const touchesConflicting = conflictingFields.some(
		(field) => changes[field] !== undefined && !same(field)
	);
	if (stale && touchesConflicting) throw new ClassError('conflict', 409, current);

	const next = { ...current, ...changes };
	// An input mistake, not someone else's change: answered like the create form's check.
	if (new Date(next.endsAt) <= new Date(next.startsAt))
		throw new ClassError('ends_before_start', 400);
	if (
		changes.venueId &&
		changes.venueId !== current.venueId &&
		!(await venueOpen(tx, changes.venueId))
	) {
		throw new ClassError('venue_not_found', 404);
	}
	if (changes.capacity !== undefined) {
		const confirmed = await confirmedCount(tx, current.id);
		if (changes.capacity < confirmed) {
			throw new ClassError('capacity_below_confirmed', 409, current);
		}
	}
	if (changes.tutorIds) {
		await assignTutors(tx, { classId: current.id, tutorIds: changes.tutorIds });
	}
	const change = await nextChange(tx);
	const fields = (Object.keys(changes) as Array<keyof ClassPatch['changes']>).filter(
		(field) => field !== 'tutorIds'
	);
	const values = fields.map((field) => {
		const value = changes[field];
		if (field === 'lessonIds') return JSON.stringify(value);
		if (field === 'titleReadings' || field === 'topicReadings' || field === 'bringReadings') {
			return readingsColumn(value as TextReadings);
		}
		if (field === 'startsAt' || field === 'endsAt') return new Date(value as string).toISOString();
		return value;
	});
	await tx.run(
		`UPDATE classes SET ${fields.map((field) => `${columnOf[field]} = ?, `).join('')}
			version = version + 1, updated_at = ?, change_seq = ? WHERE id = ?`,
		[...values, at, change, current.id]
	);
	await audit(tx, {
		actor: options.actor,
		action: `class.patch:${Object.keys(changes).join(',')}`,
		recordType: 'class',
		recordId: current.id,
		at
	});
	const promoted =
		changes.capacity !== undefined && changes.capacity > current.capacity
			? await promoteWaiting(
					tx,
					{
						id: current.id,
						capacity: changes.capacity,
						starts_at: next.startsAt,
						status: 'scheduled'
					},
					at,
					change
				)
			: [];
	return { klass: (await classById(tx, current.id)) as VolunteerClass, promoted };
}

/** Cancels a class; its residents learn it on their next sync. Cancelling twice is fine. */
export async function cancelClass(
	database: Database,
	options: { id: string; actor: string; now: Date }
): Promise<VolunteerClass> {
	return database.transaction((tx) => cancelClassIn(tx, options));
}

/** `cancelClass` inside the caller's transaction. */
export async function cancelClassIn(
	tx: Database,
	options: { id: string; actor: string; now: Date }
): Promise<VolunteerClass> {
	const at = options.now.toISOString();
	const row = await tx.first<ClassRow>(
		`SELECT ${columns} FROM classes WHERE id = ?${tx.lockRows}`,
		[options.id]
	);
	if (!row) throw new ClassError('class_not_found', 404);
	await refuseFirstSessionCancel(tx, row.id);
	if (row.status !== 'cancelled') {
		await tx.run(
			"UPDATE classes SET status = 'cancelled', version = version + 1, updated_at = ?, change_seq = ? WHERE id = ?",
			[at, await nextChange(tx), row.id]
		);
		await audit(tx, {
			actor: options.actor,
			action: 'class.cancel',
			recordType: 'class',
			recordId: row.id,
			at
		});
	}
	return (await classById(tx, row.id)) as VolunteerClass;
}

/** One line of a class roster (personal data: volunteers only). */
export type RosterEntry = {
	id: string;
	name: string;
	nameKana: string | null;
	phone: string | null;
	device: string;
	needsLoaner: boolean;
	needs: string[];
	note: string | null;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	waitlistPosition: number | null;
	/** Whether the resident came, once a volunteer has marked it. */
	attendance: 'present' | 'absent' | null;
	createdAt: string;
	/** Someone who came to the hall without signing up, seated even over capacity. */
	walkIn: boolean;
	/** The earlier sign-up this one probably repeats (`samePerson`), unless confirmed another. */
	possibleDuplicateOf: string | null;
	/** For a 相談会 slot: what they want help with (`$lib/domain/consultation` choices). */
	helpTopics: string[];
} & SignupCallFacts;

/** The roster of a class: confirmed first (in sign-up order), then the waiting list in order. */
export async function roster(database: Database, classId: string): Promise<RosterEntry[]> {
	return (await rosters(database, [classId])).get(classId) ?? [];
}

/** The rosters of several classes (as `roster` orders them) by class id, in one query. */
export async function rosters(
	database: Database,
	classIds: readonly string[]
): Promise<Map<string, RosterEntry[]>> {
	const byClass = new Map<string, RosterEntry[]>(classIds.map((id) => [id, []]));
	if (classIds.length === 0) return byClass;
	const rows = await database.all<{
		class_id: string;
		id: string;
		name: string;
		name_kana: string | null;
		phone: string | null;
		device: string;
		needs_loaner: number;
		needs: string;
		note: string | null;
		status: 'confirmed' | 'waitlisted' | 'cancelled';
		waitlist_order: number | null;
		attendance: 'present' | 'absent' | null;
		created_at: string;
		walk_in: number;
		confirmed_distinct: number;
		help_topics: string | null;
	}>(
		`SELECT s.class_id, s.id, s.name, s.name_kana, s.phone, s.device, s.needs_loaner, s.needs,
			s.note, s.status, s.waitlist_order, a.status AS attendance, s.created_at, s.walk_in,
			s.confirmed_distinct, s.help_topics
		FROM signups s
		LEFT JOIN attendance a ON a.class_id = s.class_id AND a.signup_id = s.id
		WHERE s.class_id IN (${placeholders(classIds)})
		ORDER BY s.class_id, CASE s.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
			s.waitlist_order, s.created_at, s.id`,
		[...classIds]
	);
	const facts = await signupCallFacts(database, classIds);
	const waiting = new Map<string, number>();
	const earlier = possibleDuplicates(rows);
	for (const row of rows) {
		const position = row.status === 'waitlisted' ? (waiting.get(row.class_id) ?? 0) + 1 : null;
		if (position !== null) waiting.set(row.class_id, position);
		byClass.get(row.class_id)?.push({
			id: row.id,
			name: row.name,
			nameKana: row.name_kana,
			phone: row.phone,
			device: row.device,
			needsLoaner: Number(row.needs_loaner) === 1,
			needs: JSON.parse(row.needs) as string[],
			note: row.note,
			status: row.status,
			waitlistPosition: position,
			attendance: row.attendance ?? null,
			createdAt: row.created_at,
			...(facts.get(row.id) ?? { enteredBy: 'resident', promotedAt: null, contact: null }),
			walkIn: Number(row.walk_in) === 1,
			possibleDuplicateOf: earlier.get(row.id) ?? null,
			helpTopics: row.help_topics ? (JSON.parse(row.help_topics) as string[]) : []
		});
	}
	return byClass;
}

/** A class as a volunteer's device keeps it: with its roster and its call facts. */
export type RosterClass = VolunteerClass & { roster: RosterEntry[] } & ClassCallFacts;

/** Some classes with their rosters and call facts, as the volunteer pull sends them. */
export async function withRosters(
	database: Database,
	classes: readonly VolunteerClass[]
): Promise<RosterClass[]> {
	const ids = classes.map((klass) => klass.id);
	const byClass = await rosters(database, ids);
	const facts = await classCallFacts(database, ids);
	return classes.map((klass) => ({
		...klass,
		roster: byClass.get(klass.id) ?? [],
		...(facts.get(klass.id) ?? { cancelledAt: null, movedAt: null })
	}));
}

/**
 * For each sign-up that probably repeats an earlier one of its class (`samePerson`, neither
 * cancelled), that earlier one's id; sign-ups a volunteer confirmed as another person are left
 * out. Those made before the duplicate check existed are found here too.
 */
function possibleDuplicates(
	rows: ReadonlyArray<{
		class_id: string;
		id: string;
		name: string;
		name_kana: string | null;
		phone: string | null;
		status: string;
		created_at: string;
		confirmed_distinct: number;
	}>
): Map<string, string> {
	const byClass = new Map<string, Array<{ row: (typeof rows)[number]; keys: PersonKeys }>>();
	for (const row of rows) {
		if (row.status === 'cancelled' || row.name === '') continue;
		const keys = personKeys({ name: row.name, nameKana: row.name_kana, phone: row.phone });
		byClass.set(row.class_id, [...(byClass.get(row.class_id) ?? []), { row, keys }]);
	}
	const found = new Map<string, string>();
	for (const list of byClass.values()) {
		list.sort((a, b) =>
			a.row.created_at === b.row.created_at
				? a.row.id.localeCompare(b.row.id)
				: a.row.created_at.localeCompare(b.row.created_at)
		);
		list.forEach(({ row, keys }, index) => {
			if (Number(row.confirmed_distinct) === 1) return;
			const first = list.slice(0, index).find((other) => samePerson(other.keys, keys));
			if (first) found.set(row.id, first.row.id);
		});
	}
	return found;
}
