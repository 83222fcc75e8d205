import type { signupOutlook } from '$lib/domain/class-listing';
import type { MessageKey } from '$lib/i18n';

/** One line the sign-up form says before sending, with its values. */
export type OutlookLine = { key: MessageKey; values: Record<string, string> };

/**
 * What the sign-up form says before sending about what the resident would get: for a full
 * class, the place on the waiting list (「3番目の順番待ち」); for seats counted while offline
 * or a while ago, how many there were; and, when the counts may be old, that they may have
 * changed (with the time they were checked, when known). Nothing for fresh free seats: the
 * class card already says them.
 */
export function outlookLines(options: {
	outlook: ReturnType<typeof signupOutlook>;
	/** When the counts were checked, as the page shows times, or null if never. */
	heardAt: string | null;
}): OutlookLine[] {
	const { outlook, heardAt } = options;
	if (outlook.kind === 'cancelled') return [];
	const stale: OutlookLine =
		heardAt === null
			? { key: 'classes.signup.outlookStaleNever', values: {} }
			: { key: 'classes.signup.outlookStale', values: { time: heardAt } };
	if (outlook.kind === 'waitlist') {
		const full: OutlookLine = {
			key: 'classes.signup.outlookFull',
			values: { position: String(outlook.position) }
		};
		return outlook.mayHaveChanged ? [full, stale] : [full];
	}
	if (!outlook.mayHaveChanged) return [];
	return [
		{ key: 'classes.signup.outlookSeats', values: { seats: String(outlook.seatsLeft) } },
		stale
	];
}
