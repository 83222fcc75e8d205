import type { PublicClassData } from './sync';

/** A 相談会 block as a resident's device knows it: from the slots it pulled, in order. */
export type ConsultationDay = {
	id: string;
	title: string;
	venue: PublicClassData['venue'];
	startsAt: string;
	endsAt: string;
	waitlist: boolean;
	slots: PublicClassData[];
	/** Slots with a seat left and not cancelled. */
	freeSlots: number;
};

/** True for a class that is a 相談会 slot. */
export const isSlot = (klass: Pick<PublicClassData, 'consultation'>): boolean =>
	Boolean(klass.consultation);

/** The 相談会 blocks among the classes (slots grouped by block), soonest first. */
export function consultationDays(classes: readonly PublicClassData[]): ConsultationDay[] {
	const byBlock = new Map<string, PublicClassData[]>();
	for (const klass of classes) {
		const block = klass.consultation;
		if (!block) continue;
		byBlock.set(block.id, [...(byBlock.get(block.id) ?? []), klass]);
	}
	return [...byBlock.entries()]
		.map(([id, slots]) => {
			const sorted = [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
			const first = sorted[0] as PublicClassData;
			const last = sorted[sorted.length - 1] as PublicClassData;
			return {
				id,
				title: first.title,
				venue: first.venue,
				startsAt: first.startsAt,
				endsAt: last.endsAt,
				waitlist: first.consultation?.waitlist ?? false,
				slots: sorted,
				freeSlots: sorted.filter((slot) => slot.status === 'scheduled' && slot.seatsLeft > 0).length
			};
		})
		.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** A volunteer's slots (classes with their block's id) by block, each block's in time order. */
export function slotsByBlock<T extends { consultationId?: string | null; startsAt: string }>(
	slots: readonly T[]
): Array<{ id: string; slots: T[] }> {
	const byBlock = new Map<string, T[]>();
	for (const slot of slots) {
		if (!slot.consultationId) continue;
		byBlock.set(slot.consultationId, [...(byBlock.get(slot.consultationId) ?? []), slot]);
	}
	return [...byBlock.entries()].map(([id, list]) => ({
		id,
		slots: [...list].sort((a, b) => a.startsAt.localeCompare(b.startsAt))
	}));
}
