import { consultationSlots, type NewConsultation } from '$lib/domain/consultation';
import type { RosterClassData } from '$lib/domain/sync';
import type { Outbox } from './outbox';

/**
 * Publishes a 相談会 block: the device makes the block's id and one id per slot, queues
 * `consultation.create` and shows the slots at once on this device, each as a class with an
 * empty roster (offline too). Returns the block's id.
 */
export async function queueConsultation(outbox: Outbox, block: NewConsultation): Promise<string> {
	const id = crypto.randomUUID();
	const slots = consultationSlots(block).map((slot) => ({ ...slot, id: crypto.randomUUID() }));
	const rows: RosterClassData[] = slots.map((slot) => ({
		id: slot.id,
		title: block.title,
		topic: '',
		lessonIds: [],
		venueId: block.venueId,
		startsAt: slot.startsAt,
		endsAt: slot.endsAt,
		capacity: block.helpers,
		loanerTablets: 0,
		tutors: block.helpers,
		status: 'scheduled',
		version: 1,
		bring: '',
		fee: null,
		tutorIds: [],
		consultationId: id,
		roster: []
	}));
	await outbox.queue(
		'consultation.create',
		{ ...block, id, slotIds: slots.map((slot) => slot.id) },
		{
			about: { title: block.title, startsAt: block.startsAt },
			record: async () => {
				await outbox.database.rosters.bulkPut(rows);
			}
		}
	);
	return id;
}
