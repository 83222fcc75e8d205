import type { AttendanceMark } from '$lib/domain/attendance';
import type { MessageKey } from '$lib/i18n';

/** The words for an attendance mark. */
export const attendanceKeys: Record<AttendanceMark['status'], MessageKey> = {
	present: 'hall.attendance.present',
	absent: 'hall.attendance.absent'
};

/** The words for the phone a resident has. */
export const deviceKeys: Record<string, MessageKey> = {
	android: 'hall.device.android',
	iphone: 'hall.device.iphone',
	other: 'hall.device.other',
	none: 'hall.device.none'
};

/** The words for the help a resident asked for. */
export const needKeys: Record<string, MessageKey> = {
	sight: 'hall.needs.sight',
	hearing: 'hall.needs.hearing',
	mobility: 'hall.needs.mobility',
	other: 'hall.needs.other'
};
