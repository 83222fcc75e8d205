import { z } from 'zod';
import { classTimeZone } from './class-time';

/**
 * A 「連絡済み」 tick on one class's call list, per sign-up (a course's sign-up has one per
 * session): ticked (`done`) or unticked, and when the volunteer did it. The latest `markedAt`
 * wins, whichever device sends it first; an untick is a tick too.
 */
export const contactMarkSchema = z.strictObject({
	signupId: z.uuid({ error: 'invalid' }),
	done: z.boolean({ error: 'invalid' }),
	markedAt: z.iso.datetime({ offset: true, error: 'invalid' })
});

/** A contact tick after validation. */
export type ContactMark = z.infer<typeof contactMarkSchema>;

/**
 * Why someone needs a phone call, in the order the list names them:
 * - `cancelled`: their class was cancelled;
 * - `moved`: their class's time or venue changed after they signed up;
 * - `promoted`: they moved up from the waiting list (「繰り上がり・要連絡」);
 * - `reminder`: a volunteer took their sign-up (by phone, at the desk), so the app will not
 *   remind them: the day-before call does.
 */
export const callReasons = ['cancelled', 'moved', 'promoted', 'reminder'] as const;

/** One reason to call. */
export type CallReason = (typeof callReasons)[number];

/** What the call list needs to know of one sign-up (a roster entry carries these). */
export type CallPerson = {
	id: string;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	createdAt: string;
	/** Who entered the sign-up: the resident on their device, or a volunteer for them. */
	enteredBy?: 'resident' | 'volunteer';
	/** Seated at the hall on the day (a walk-in): already there, so no reminder call. */
	walkIn?: boolean;
	/** When they moved up from the waiting list, if they did. */
	promotedAt?: string | null;
	/** The 「連絡済み」 tick that stands, if any. */
	contact?: { done: boolean; markedAt: string } | null;
};

/** What the call list needs to know of one class. */
export type CallClass = {
	status: 'scheduled' | 'cancelled';
	/** When the class was cancelled (from the audit log), if it was. */
	cancelledAt?: string | null;
	/** The latest change of its time or venue, if any. */
	movedAt?: string | null;
};

/** One person to call, with why and whether the call has been made. */
export type CallEntry<Person extends CallPerson = CallPerson> = {
	person: Person;
	reasons: CallReason[];
	/**
	 * True when a 「連絡済み」 tick stands that was made after the latest reason arose: a tick for
	 * the reminder does not cover a class moved afterwards.
	 */
	called: boolean;
};

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/** Why this person needs a call (empty: no call), each reason with the time it arose. */
function reasonsFor(klass: CallClass, person: CallPerson): Array<[CallReason, number]> {
	if (person.status === 'cancelled') return [];
	if (klass.status === 'cancelled') return [['cancelled', time(klass.cancelledAt)]];
	const reasons: Array<[CallReason, number]> = [];
	// A change before they signed up is what they signed up for.
	if (klass.movedAt && time(klass.movedAt) > time(person.createdAt)) {
		reasons.push(['moved', time(klass.movedAt)]);
	}
	if (person.status === 'confirmed' && person.promotedAt) {
		reasons.push(['promoted', time(person.promotedAt)]);
	}
	if (person.status === 'confirmed' && person.enteredBy === 'volunteer' && !person.walkIn) {
		reasons.push(['reminder', time(person.createdAt)]);
	}
	return reasons;
}

/**
 * The call list of one class: the people who need a phone call, in roster order, with their
 * reasons and whether the call is done. Cancelled sign-ups need none; everyone of a cancelled
 * class does (the waiting list too: their wait is over).
 */
export function callList<Person extends CallPerson>(
	klass: CallClass,
	roster: readonly Person[]
): CallEntry<Person>[] {
	return roster.flatMap((person) => {
		const reasons = reasonsFor(klass, person);
		if (reasons.length === 0) return [];
		// Unknown times (an old row) count as long ago, so any tick covers them.
		const latest = Math.max(...reasons.map(([, at]) => (Number.isNaN(at) ? 0 : at)));
		const contact = person.contact;
		const called = Boolean(contact?.done) && time(contact?.markedAt) >= latest;
		return [{ person, reasons: reasons.map(([reason]) => reason), called }];
	});
}

const dayFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: classTimeZone,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The calendar day (YYYY-MM-DD) of an instant in Japan. */
export function tokyoDay(instant: string | Date): string {
	return dayFormat.format(new Date(instant));
}

/** True when a class starts on the day after `now`'s day, in Japan (the day-before calls). */
export function startsTomorrow(startsAt: string, now: Date): boolean {
	const today = tokyoDay(now);
	const [year, month, day] = today.split('-').map(Number) as [number, number, number];
	// 03:00 UTC of the next calendar day is noon of that day in Japan (UTC+9).
	const tomorrow = tokyoDay(new Date(Date.UTC(year, month - 1, day + 1, 3)));
	return tokyoDay(startsAt) === tomorrow;
}
