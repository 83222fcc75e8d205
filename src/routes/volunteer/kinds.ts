import type { MessageKey } from '$lib/i18n';

/** How a volunteer's change is named in lists of waiting and refused changes. */
export const kindKeys: Record<string, MessageKey> = {
	'class.create': 'desk.kind.classCreate',
	'class.patch': 'desk.kind.classPatch',
	'class.cancel': 'desk.kind.classCancel',
	'venue.create': 'desk.kind.venueCreate',
	'venue.patch': 'desk.kind.venuePatch',
	'venue.retire': 'desk.kind.venueRetire',
	'signup.createOnBehalf': 'desk.kind.signupCreateOnBehalf',
	'signup.cancelOnBehalf': 'desk.kind.signupCancelOnBehalf',
	'attendance.set': 'desk.kind.attendanceSet',
	'series.create': 'desk.kind.seriesCreate',
	'series.patch': 'desk.kind.seriesPatch',
	'signup.create': 'desk.kind.signupCreate',
	'signup.cancel': 'desk.kind.signupCancel'
};

/** The name of a change's kind, or a general word for a kind this version does not know. */
export function kindKey(kind: string): MessageKey {
	return kindKeys[kind] ?? 'desk.kind.other';
}
