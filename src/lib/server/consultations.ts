import { consultationSlots, type ConsultationCreate } from '$lib/domain/consultation';
import { audit } from './audit';
import { ClassError, createClassIn } from './classes';
import { listUpcomingClasses, type PublicClass } from './signups';
import type { Database } from './storage/database';

/** A 相談会 block as stored: where, when, the slot length, the helpers, the waiting list. */
export type Consultation = {
	id: string;
	title: string;
	venueId: string;
	startsAt: string;
	endsAt: string;
	slotMinutes: number;
	helpers: number;
	waitlist: boolean;
};

type ConsultationRow = {
	id: string;
	title: string;
	venue_id: string;
	starts_at: string;
	ends_at: string;
	slot_minutes: number;
	helpers: number;
	waitlist: number;
};

function fromRow(row: ConsultationRow): Consultation {
	return {
		id: row.id,
		title: row.title,
		venueId: row.venue_id,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		slotMinutes: Number(row.slot_minutes),
		helpers: Number(row.helpers),
		waitlist: Number(row.waitlist) === 1
	};
}

/**
 * Publishes a block inside the caller's transaction: the block row, then one class per slot
 * (the ids the device made, in order; capacity and tutors = the helpers), each pointing at
 * the block. A block already there under this id is left as it is (a retried creation).
 */
export async function createConsultationIn(
	tx: Database,
	options: { block: ConsultationCreate; actor: string; now: Date }
): Promise<{ id: string }> {
	const { block, actor } = options;
	const at = options.now.toISOString();
	if (await tx.first('SELECT id FROM consultations WHERE id = ?', [block.id])) {
		return { id: block.id };
	}
	const venue = await tx.first('SELECT id FROM venues WHERE id = ? AND retired_at IS NULL', [
		block.venueId
	]);
	if (!venue) throw new ClassError('venue_not_found', 404);
	const slots = consultationSlots(block);
	await tx.run(
		`INSERT INTO consultations (id, title, venue_id, starts_at, ends_at, slot_minutes, helpers,
			waitlist, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		[
			block.id,
			block.title,
			block.venueId,
			new Date(block.startsAt).toISOString(),
			new Date(block.endsAt).toISOString(),
			block.slotMinutes,
			block.helpers,
			block.waitlist ? 1 : 0,
			actor,
			at
		]
	);
	for (const [index, slot] of slots.entries()) {
		const id = block.slotIds[index] as string;
		await createClassIn(tx, {
			klass: {
				title: block.title,
				topic: '',
				venueId: block.venueId,
				startsAt: slot.startsAt,
				endsAt: slot.endsAt,
				capacity: block.helpers,
				tutors: block.helpers
			},
			now: options.now,
			id
		});
		await tx.run('UPDATE classes SET consultation_id = ? WHERE id = ?', [block.id, id]);
	}
	await audit(tx, {
		actor,
		action: 'consultation.create',
		recordType: 'consultation',
		recordId: block.id,
		at
	});
	return { id: block.id };
}

/** One block, or null when there is none with that id. */
export async function getConsultation(
	database: Database,
	id: string
): Promise<Consultation | null> {
	const row = await database.first<ConsultationRow>(
		`SELECT id, title, venue_id, starts_at, ends_at, slot_minutes, helpers, waitlist
		FROM consultations WHERE id = ?`,
		[id]
	);
	return row ? fromRow(row) : null;
}

/**
 * A block as residents see it: the block and its slots not yet over, each as `GET
 * /api/classes` lists a class (seats left, status). Null for an unknown block.
 */
export async function publicConsultation(
	database: Database,
	options: { id: string; now: Date; townId?: string }
): Promise<(Consultation & { slots: PublicClass[] }) | null> {
	const block = await getConsultation(database, options.id);
	if (!block) return null;
	const upcoming = await listUpcomingClasses(database, options.now, options.townId);
	const slots = upcoming.filter((klass) => klass.consultation?.id === block.id);
	return { ...block, slots };
}
