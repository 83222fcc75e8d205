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

/** Attendees one helper looks after, besides the class's tutor (as the national course runs). */
export const attendeesPerHelper = 4;

/**
 * Volunteers a class needs: one tutor, plus one helper for every four attendees (a fifth
 * attendee needs a second helper). `short` is how many are missing from the `tutors` planned.
 */
export function tutorRatio(options: { attendees: number; tutors: number }): {
	needed: number;
	short: number;
} {
	const attendees = Math.max(0, options.attendees);
	const needed = 1 + Math.ceil(attendees / attendeesPerHelper);
	return { needed, short: Math.max(0, needed - options.tutors) };
}

/**
 * The tutors assigned by name against the ratio (`tutorRatio`: one, plus one per four
 * attendees): how many are assigned, needed, and missing.
 */
export function assignedTutorRatio(options: { attendees: number; assigned: number }): {
	assigned: number;
	needed: number;
	short: number;
} {
	const ratio = tutorRatio({ attendees: options.attendees, tutors: options.assigned });
	return { assigned: options.assigned, needed: ratio.needed, short: ratio.short };
}

/**
 * Loaner tablets for a class: how many confirmed attendees asked for one, against how many
 * the class has; `short` is how many are missing.
 */
export function loanersNeeded(options: { requested: number; available: number }): {
	requested: number;
	short: number;
} {
	return {
		requested: options.requested,
		short: Math.max(0, options.requested - options.available)
	};
}

/** What a volunteer needs to know of a class at a glance, from its roster. */
export type RosterSummary = {
	confirmed: number;
	capacity: number;
	waitlisted: number;
	loaners: { requested: number; available: number; short: number };
	tutors: { planned: number; needed: number; short: number };
};

/**
 * Counts a roster for the dashboard: confirmed seats, the waiting list, the loaner tablets the
 * confirmed attendees asked for, and whether the planned tutors are enough for them.
 */
export function rosterSummary(klass: {
	capacity: number;
	loanerTablets: number;
	tutors: number;
	roster: ReadonlyArray<{ status: string; needsLoaner: boolean }>;
}): RosterSummary {
	const confirmed = klass.roster.filter((entry) => entry.status === 'confirmed');
	const requested = confirmed.filter((entry) => entry.needsLoaner).length;
	const ratio = tutorRatio({ attendees: confirmed.length, tutors: klass.tutors });
	return {
		confirmed: confirmed.length,
		capacity: klass.capacity,
		waitlisted: klass.roster.filter((entry) => entry.status === 'waitlisted').length,
		loaners: {
			requested,
			available: klass.loanerTablets,
			short: loanersNeeded({ requested, available: klass.loanerTablets }).short
		},
		tutors: { planned: klass.tutors, needed: ratio.needed, short: ratio.short }
	};
}
