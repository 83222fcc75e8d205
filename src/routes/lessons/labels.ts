import type { MessageKey } from '$lib/i18n';
import type { Device } from '$lib/lessons/lesson';

const deviceLabels: Record<Device, MessageKey> = {
	android: 'lessons.device.android',
	iphone: 'lessons.device.iphone'
};

/** The name of a phone choice; null is "not sure / not chosen". */
export function deviceLabel(device: Device | null): MessageKey {
	return device === null ? 'lessons.device.unknown' : deviceLabels[device];
}
