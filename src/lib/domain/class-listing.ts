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

/** After this long without hearing from the server, a device's seat counts may be old. */
export const seatCountsFreshMs = 10 * 60 * 1000;

/**
 * What a sign-up sent now would most likely get, from the class as this device last pulled it:
 * a seat, or the waiting list at `position` (those already waiting, plus one). `mayHaveChanged`
 * when the device is offline or has not heard from the server lately: others may have signed
 * up or cancelled since. Only the server decides; this is said before sending, so nobody is
 * surprised to be put on the waiting list.
 */
export function signupOutlook(options: {
	klass: Pick<PublicClassData, 'status' | 'seatsLeft' | 'waitlistLength'>;
	/** When this device last heard from the server (epoch ms), or null if never. */
	pulledAt: number | null;
	online: boolean;
	now: number;
}):
	| { kind: 'seat'; seatsLeft: number; mayHaveChanged: boolean }
	| { kind: 'waitlist'; position: number; mayHaveChanged: boolean }
	| { kind: 'cancelled' } {
	const open = availability(options.klass);
	if (open.kind === 'cancelled') return open;
	const mayHaveChanged =
		!options.online ||
		options.pulledAt === null ||
		options.now - options.pulledAt > seatCountsFreshMs;
	if (open.kind === 'seats') return { kind: 'seat', seatsLeft: open.seatsLeft, mayHaveChanged };
	return { kind: 'waitlist', position: Math.max(0, open.waitlistLength) + 1, mayHaveChanged };
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
