import { rosterClassSchema, type RosterClassData, type RosterEntryData } from '$lib/domain/sync';
import type { YorisoiDatabase } from './db';
import type { Outbox } from './outbox';

/** A 「連絡済み」 tick as a roster entry on the device carries it. */
export type ContactState = NonNullable<RosterEntryData['contact']>;

/**
 * Sets one sign-up's tick on the device's roster, inside the caller's transaction, unless a
 * later tick stands there already (the server keeps the latest too). A row that no longer
 * reads as a roster is left alone: the next full pull replaces it.
 */
export async function putContact(
	database: YorisoiDatabase,
	options: { classId: string; signupId: string; contact: ContactState }
): Promise<void> {
	const { classId, signupId, contact } = options;
	const row = await database.rosters.get(classId);
	const parsed = rosterClassSchema.safeParse(row);
	if (!row || !parsed.success) return;
	const roster = parsed.data.roster.map((entry) => {
		if (entry.id !== signupId) return entry;
		const standing = entry.contact;
		if (standing && Date.parse(standing.markedAt) > Date.parse(contact.markedAt)) return entry;
		return { ...entry, contact };
	});
	await database.rosters.put({ ...row, roster });
}

/**
 * Ticks (or unticks) 「連絡済み」 for one person of the call list: queued for the server (the
 * latest tick wins there, by `markedAt`) and shown on the device at once, in one transaction,
 * so a tick made offline on the hall tablet stays ticked until it is sent.
 */
export async function queueContact(
	outbox: Outbox,
	options: {
		klass: Pick<RosterClassData, 'id' | 'title' | 'startsAt'>;
		entry: Pick<RosterEntryData, 'id' | 'name'>;
		done: boolean;
		/** Who ticks (shown as theirs until the server's answer comes). */
		volunteerId: string;
		now?: Date;
	}
): Promise<void> {
	const { klass, entry, done } = options;
	const markedAt = (options.now ?? new Date()).toISOString();
	await outbox.queue(
		'contact.mark',
		{ classId: klass.id, signupId: entry.id, done, markedAt },
		{
			about: { title: klass.title, startsAt: klass.startsAt, name: entry.name },
			record: () =>
				putContact(outbox.database, {
					classId: klass.id,
					signupId: entry.id,
					contact: { done, markedAt, markedBy: options.volunteerId }
				})
		}
	);
}
