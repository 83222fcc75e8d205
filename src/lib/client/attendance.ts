import type { AttendanceMark } from '$lib/domain/attendance';
import type { SignupCreation } from '$lib/domain/signup';
import { rosterClassSchema, type RosterClassData, type RosterEntryData } from '$lib/domain/sync';
import type { OutboxRow, YorisoiDatabase } from './db';
import type { Outbox } from './outbox';

/** A walk-in as the volunteer enters them at the hall (the class and id are added here). */
export type WalkIn = Omit<SignupCreation, 'id' | 'classId' | 'walkIn'>;

/**
 * Changes one class's roster on the device, inside the caller's transaction (the optimistic
 * half of a queued mutation). A row that no longer reads as a roster is left alone: the next
 * full pull replaces it.
 */
async function updateRoster(
	database: YorisoiDatabase,
	classId: string,
	change: (roster: RosterEntryData[]) => RosterEntryData[]
): Promise<void> {
	const row = await database.rosters.get(classId);
	const parsed = rosterClassSchema.safeParse(row);
	if (!row || !parsed.success) return;
	await database.rosters.put({ ...row, roster: change(parsed.data.roster) });
}

/**
 * Marks one resident present or absent: the mark is queued for the server (last write wins
 * there, by `markedAt`) and shown on the device's roster at once, in one transaction.
 */
export async function queueAttendance(
	outbox: Outbox,
	options: {
		klass: Pick<RosterClassData, 'id' | 'title' | 'startsAt'>;
		entry: Pick<RosterEntryData, 'id' | 'name'>;
		status: AttendanceMark['status'];
		now?: Date;
	}
): Promise<void> {
	const { klass, entry, status } = options;
	const args = {
		classId: klass.id,
		signupId: entry.id,
		status,
		markedAt: (options.now ?? new Date()).toISOString()
	};
	const about = { title: klass.title, startsAt: klass.startsAt, name: entry.name };
	await outbox.queue('attendance.set', args, {
		about,
		record: () =>
			updateRoster(outbox.database, klass.id, (roster) =>
				roster.map((row) => (row.id === entry.id ? { ...row, attendance: status } : row))
			)
	});
}

/**
 * Adds someone who came without signing up and marks them present: a sign-up on their behalf
 * as a walk-in (seated even when the class is full; with a new UUID, so a retried push creates
 * it once) followed by the mark, both queued in order and shown on the roster straight away.
 * Returns the new sign-up's id.
 */
export async function queueWalkIn(
	outbox: Outbox,
	options: {
		klass: Pick<RosterClassData, 'id' | 'title' | 'startsAt'>;
		person: WalkIn;
		now?: Date;
	}
): Promise<string> {
	const { klass, person } = options;
	const now = options.now ?? new Date();
	const id = crypto.randomUUID();
	const about = { title: klass.title, startsAt: klass.startsAt, name: person.name };
	const entry: RosterEntryData = {
		id,
		name: person.name,
		nameKana: person.nameKana || null,
		phone: person.phone || null,
		device: person.device,
		needsLoaner: person.needsLoaner,
		needs: person.needs ?? [],
		note: person.note || null,
		// Someone standing in the hall is seated, even in a full class (the server's rule too).
		status: 'confirmed',
		waitlistPosition: null,
		attendance: null,
		createdAt: now.toISOString(),
		walkIn: true,
		possibleDuplicateOf: null
	};
	await outbox.queue(
		'signup.createOnBehalf',
		{ ...person, id, classId: klass.id, walkIn: true },
		{ about, record: () => updateRoster(outbox.database, klass.id, (roster) => [...roster, entry]) }
	);
	await queueAttendance(outbox, { klass, entry, status: 'present', now });
	return id;
}

/** The sign-ups of a class whose creation has not reached the server yet (walk-ins). */
export function unsentSignupIds(waiting: readonly OutboxRow[]): Set<string> {
	return new Set(
		waiting.flatMap((row) => (row.kind === 'signup.createOnBehalf' ? [row.args.id] : []))
	);
}
