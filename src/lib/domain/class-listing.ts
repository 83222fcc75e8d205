import type { PublicClassData } from './sync';

/** What a resident can still get in a class: a seat, a place on the waiting list, or nothing. */
export type Availability =
	| { kind: 'seats'; seatsLeft: number }
	| { kind: 'waitlist'; waitlistLength: number }
	| { kind: 'cancelled' };

/** Whether a class has seats left, only a waiting list, or was cancelled. */
export function availability(
	klass: Pick<PublicClassData, 'status' | 'seatsLeft' | 'waitlistLength'>
): Availability {
	if (klass.status === 'cancelled') return { kind: 'cancelled' };
	if (klass.seatsLeft > 0) return { kind: 'seats', seatsLeft: klass.seatsLeft };
	return { kind: 'waitlist', waitlistLength: klass.waitlistLength };
}

/** The classes not yet over at `now`, soonest first. */
export function upcomingClasses<T extends Pick<PublicClassData, 'startsAt' | 'endsAt'>>(
	classes: readonly T[],
	now: Date
): T[] {
	return classes
		.filter((klass) => new Date(klass.endsAt).getTime() > now.getTime())
		.sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime());
}

/** A map search for an address, in whatever map the phone opens for the link. */
export function mapSearchUrl(address: string): string {
	return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}
