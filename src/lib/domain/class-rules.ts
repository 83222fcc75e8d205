/**
 * Seats and the waiting list. The server applies these inside one transaction; they are
 * pure so that the rule is written once and tested alone.
 */

/** Whether a new sign-up gets a seat: only while confirmed sign-ups are below capacity. */
export function seatFor(options: {
	capacity: number;
	confirmed: number;
}): 'confirmed' | 'waitlisted' {
	return options.confirmed < options.capacity ? 'confirmed' : 'waitlisted';
}

/**
 * Which waiting sign-ups move up, in waiting order, when seats free up (a cancellation, or
 * more capacity): as many as there are free seats.
 */
export function promotions<T>(options: {
	capacity: number;
	confirmed: number;
	waitlist: readonly T[];
}): T[] {
	const free = Math.max(0, options.capacity - options.confirmed);
	return options.waitlist.slice(0, free);
}

/** Seats still free (never negative). */
export function seatsLeft(options: { capacity: number; confirmed: number }): number {
	return Math.max(0, options.capacity - options.confirmed);
}
