import { z } from 'zod';
import { classPatchSchema, type ClassPatch, type VenuePatch } from '$lib/domain/class';
import type { ClassFields } from '$lib/domain/class-form';
import { promotions, seatFor } from '$lib/domain/class-rules';
import { volunteerMutationKinds } from '$lib/domain/mutations';
import type { SignupRequest } from '$lib/domain/signup';
import {
	fullPullCursor,
	rosterClassSchema,
	volunteerClassSchema,
	type RosterClassData,
	type RosterEntryData,
	type VolunteerClassData
} from '$lib/domain/sync';
import {
	syncTables,
	townVolunteersKey,
	type MutationAbout,
	type RejectionRow,
	type YorisoiDatabase
} from './db';
import type { Outbox } from './outbox';

/**
 * A volunteer's changes to classes, venues and rosters. Each goes into the outbox together
 * with its optimistic change to the device's copy (`rosters`, `venues`), in one transaction,
 * and the outbox wakes the sync. A change the server refuses comes back as a
 * `rejections` row and a full pull, which puts the device's copy right again.
 */

/** A sign-up a volunteer enters for a resident: the residents' request without the class. */
export type OnBehalfSignup = Omit<SignupRequest, 'classId'>;

async function rosterClass(
	database: YorisoiDatabase,
	classId: string
): Promise<RosterClassData | null> {
	const parsed = rosterClassSchema.safeParse(await database.rosters.get(classId));
	return parsed.success ? parsed.data : null;
}

function aboutOf(klass: { title: string; startsAt: string } | null, name?: string): MutationAbout {
	return klass ? { title: klass.title, startsAt: klass.startsAt, name } : { name };
}

/** Adds a venue (offline too): it can be chosen at once, and is sent before the class using it. */
export async function queueVenue(
	outbox: Outbox,
	venue: { id: string; name: string; nameReadings?: Array<[string, string]>; address: string }
): Promise<void> {
	await outbox.queue('venue.create', venue, {
		about: { title: venue.name },
		record: async () => {
			await outbox.database.venues.put(venue);
		}
	});
}

/** Changes a venue's name or address; the device's list shows the change at once. */
export async function queueVenueEdit(
	outbox: Outbox,
	options: { venueId: string; changes: VenuePatch }
): Promise<void> {
	const { venueId, changes } = options;
	const { database } = outbox;
	const before = await database.venues.get(venueId);
	await outbox.queue(
		'venue.patch',
		{ venueId, changes },
		{
			about: { title: changes.name ?? before?.name ?? '' },
			record: async () => {
				await database.venues.update(venueId, changes);
			}
		}
	);
}

/**
 * Removes a venue from the list (the server keeps it for past classes). The server refuses
 * while a class ahead is held there; the refusal then brings the venue back.
 */
export async function queueVenueRetire(outbox: Outbox, venueId: string): Promise<void> {
	const { database } = outbox;
	const before = await database.venues.get(venueId);
	await outbox.queue(
		'venue.retire',
		{ venueId },
		{ about: { title: before?.name ?? '' }, record: () => database.venues.delete(venueId) }
	);
}

/** Publishes a class; it shows at once on this device with an empty roster. */
export async function queueNewClass(
	outbox: Outbox,
	options: { id: string; klass: ClassFields }
): Promise<void> {
	const { id, klass } = options;
	const row: RosterClassData = { id, ...klass, status: 'scheduled', version: 1, roster: [] };
	await outbox.queue(
		'class.create',
		{ id, ...klass },
		{
			about: aboutOf(klass),
			record: async () => {
				await outbox.database.rosters.put(row);
			}
		}
	);
}

/**
 * Sends an edit: only the changed fields, based on the version the volunteer was shown. The
 * device's copy takes the change at once, with the version the server will give it.
 */
export async function queueClassEdit(
	outbox: Outbox,
	options: { classId: string; baseVersion: number; changes: ClassPatch['changes'] }
): Promise<void> {
	const { classId, baseVersion, changes } = options;
	const { database } = outbox;
	const before = await rosterClass(database, classId);
	await outbox.queue(
		'class.patch',
		{ classId, baseVersion, changes },
		{
			about: aboutOf(before ? { ...before, ...changes } : null),
			record: async () => {
				const row = await rosterClass(database, classId);
				if (row) await database.rosters.put({ ...row, ...changes, version: row.version + 1 });
			}
		}
	);
}

/** Cancels a class; the residents learn it on their next sync. */
export async function queueClassCancel(outbox: Outbox, classId: string): Promise<void> {
	const { database } = outbox;
	const klass = await rosterClass(database, classId);
	await outbox.queue(
		'class.cancel',
		{ classId },
		{
			about: aboutOf(klass),
			record: async () => {
				const row = await rosterClass(database, classId);
				if (row) {
					await database.rosters.put({ ...row, status: 'cancelled', version: row.version + 1 });
				}
			}
		}
	);
}

/** The waiting list numbered again from 1, in its order. */
function renumbered(roster: RosterEntryData[]): RosterEntryData[] {
	let position = 0;
	return roster.map((entry) =>
		entry.status === 'waitlisted' ? { ...entry, waitlistPosition: ++position } : entry
	);
}

/**
 * Signs up a resident who phoned in. The roster shows them at once, with the seat the server
 * will most likely give (it decides: the row says 「送信待ち」 until it has answered).
 */
export async function queueSignupOnBehalf(
	outbox: Outbox,
	options: { classId: string; signup: OnBehalfSignup }
): Promise<void> {
	const { classId, signup } = options;
	const { database } = outbox;
	const klass = await rosterClass(database, classId);
	await outbox.queue(
		'signup.createOnBehalf',
		{ ...signup, classId },
		{
			about: aboutOf(klass, signup.name),
			record: async () => {
				const row = await rosterClass(database, classId);
				if (!row) return;
				const confirmed = row.roster.filter((entry) => entry.status === 'confirmed').length;
				const entry: RosterEntryData = {
					id: signup.id,
					name: signup.name,
					nameKana: signup.nameKana || null,
					phone: signup.phone || null,
					device: signup.device,
					needsLoaner: signup.needsLoaner,
					needs: signup.needs ?? [],
					note: signup.note || null,
					status: seatFor({ capacity: row.capacity, confirmed }),
					waitlistPosition: null,
					attendance: null,
					createdAt: new Date().toISOString()
				};
				const roster = [...row.roster.filter((other) => other.id !== entry.id), entry];
				const order = { confirmed: 0, waitlisted: 1, cancelled: 2 } as const;
				roster.sort((a, b) => order[a.status] - order[b.status]);
				await database.rosters.put({ ...row, roster: renumbered(roster) });
			}
		}
	);
}

/**
 * Cancels a resident's sign-up for them (they phoned). A freed seat goes to the first on the
 * waiting list, as the server will do.
 */
export async function queueCancelOnBehalf(
	outbox: Outbox,
	options: { classId: string; signupId: string }
): Promise<void> {
	const { classId, signupId } = options;
	const { database } = outbox;
	const klass = await rosterClass(database, classId);
	const person = klass?.roster.find((entry) => entry.id === signupId);
	await outbox.queue(
		'signup.cancelOnBehalf',
		{ signupId },
		{
			about: aboutOf(klass, person?.name),
			record: async () => {
				const row = await rosterClass(database, classId);
				if (!row) return;
				let roster = row.roster.map((entry) =>
					entry.id === signupId
						? { ...entry, status: 'cancelled' as const, waitlistPosition: null }
						: entry
				);
				if (row.status === 'scheduled') {
					const confirmed = roster.filter((entry) => entry.status === 'confirmed').length;
					const waitlist = roster.filter((entry) => entry.status === 'waitlisted');
					const moving = new Set(
						promotions({ capacity: row.capacity, confirmed, waitlist }).map((entry) => entry.id)
					);
					roster = roster.map((entry) =>
						moving.has(entry.id)
							? { ...entry, status: 'confirmed' as const, waitlistPosition: null }
							: entry
					);
				}
				const order = { confirmed: 0, waitlisted: 1, cancelled: 2 } as const;
				roster.sort((a, b) => order[a.status] - order[b.status]);
				await database.rosters.put({ ...row, roster: renumbered(roster) });
			}
		}
	);
}

/** A refused class edit, read back: what was sent and, for a conflict, the class as it is now. */
export type RefusedEdit = {
	mutationId: string;
	classId: string;
	baseVersion: number;
	changes: ClassPatch['changes'];
	current: VolunteerClassData;
};

/** The refused edit a conflict row holds, or null when it is not a readable conflict. */
export function refusedEdit(rejection: RejectionRow): RefusedEdit | null {
	if (rejection.kind !== 'class.patch' || rejection.error.code !== 'conflict') return null;
	// Read through the schemas: the row may come from an older app version, and parsing gives
	// plain copies (a page's reactive proxies cannot be stored in IndexedDB again).
	const current = volunteerClassSchema.safeParse(rejection.current);
	const args = classPatchSchema.extend({ classId: z.string() }).safeParse(rejection.args);
	if (!current.success || !args.success) return null;
	return {
		mutationId: rejection.mutationId,
		classId: args.data.classId,
		baseVersion: args.data.baseVersion,
		changes: args.data.changes,
		current: current.data
	};
}

/** The volunteer has read a refusal (or keeps the other volunteer's change): it goes. */
export async function dismissRejection(
	database: YorisoiDatabase,
	mutationId: string
): Promise<void> {
	await database.rejections.delete(mutationId);
}

/**
 * Resolves a conflict with the volunteer's own values: the same changes again, now based on
 * the version the server answered with, and the conflict is gone, in one transaction.
 */
export async function applyMineAgain(outbox: Outbox, edit: RefusedEdit): Promise<void> {
	const { database } = outbox;
	await outbox.queue(
		'class.patch',
		{ classId: edit.classId, baseVersion: edit.current.version, changes: edit.changes },
		{
			about: aboutOf({ ...edit.current, ...edit.changes }),
			record: async () => {
				await database.rejections.delete(edit.mutationId);
				const row = await rosterClass(database, edit.classId);
				if (row) await database.rosters.put({ ...row, ...edit.changes, version: row.version + 1 });
			}
		}
	);
}

/**
 * Removes everything a volunteer's login brought to this device — rosters, venues, refused
 * changes and volunteer changes not yet sent — and makes the next pull a full one. Logout
 * calls it: a class tablet is shared. An expired session keeps the unsent changes
 * (`keepUnsent`): they are sent after the next login.
 */
export async function clearVolunteerData(
	database: YorisoiDatabase,
	options: { keepUnsent?: boolean } = {}
): Promise<void> {
	await database.transaction('rw', syncTables(database), async () => {
		await database.rosters.clear();
		await database.venues.clear();
		await database.rejections.clear();
		await database.syncState.delete(townVolunteersKey);
		if (!options.keepUnsent) {
			await database.outbox.filter((row) => volunteerMutationKinds.has(row.kind)).delete();
		}
		await database.syncState.put({ key: 'cursor', value: fullPullCursor });
	});
}
