import type { MessageKey } from '$lib/i18n';
import type { SourceId } from './sources';

/** The five ways to apply for a マイナンバーカード, in the order the pages list them. */
export const methodIds = ['smartphone', 'pc', 'mail', 'photo-booth', 'counter'] as const;

/** One way to apply, as used in `/mynumber/method/<id>`. */
export type MethodId = (typeof methodIds)[number];

/** True if a URL segment names a method. */
export function isMethodId(value: string): value is MethodId {
	return (methodIds as readonly string[]).includes(value);
}

/** What a method's guide shows: title, summary, what to prepare, steps and sources. */
export type MethodGuide = {
	title: MessageKey;
	summary: MessageKey;
	need: MessageKey[];
	steps: MessageKey[];
	sources: SourceId[];
	/** Whether the online simulator practises this method's form. */
	practice: boolean;
};

/** Each method's guide. */
export const methodGuides: Record<MethodId, MethodGuide> = {
	smartphone: {
		title: 'mynumber.method.smartphone.title',
		summary: 'mynumber.method.smartphone.summary',
		need: [
			'mynumber.method.smartphone.need1',
			'mynumber.method.smartphone.need2',
			'mynumber.method.smartphone.need3'
		],
		steps: [
			'mynumber.method.smartphone.s1',
			'mynumber.method.smartphone.s2',
			'mynumber.method.smartphone.s3',
			'mynumber.method.smartphone.s4',
			'mynumber.method.smartphone.s5',
			'mynumber.method.smartphone.s6'
		],
		sources: ['jlis', 'dime', 'kiki25', 'mynavi'],
		practice: true
	},
	pc: {
		title: 'mynumber.method.pc.title',
		summary: 'mynumber.method.pc.summary',
		need: ['mynumber.method.pc.need1', 'mynumber.method.pc.need2', 'mynumber.method.pc.need3'],
		steps: [
			'mynumber.method.pc.s1',
			'mynumber.method.pc.s2',
			'mynumber.method.pc.s3',
			'mynumber.method.pc.s4',
			'mynumber.method.pc.s5',
			'mynumber.method.pc.s6'
		],
		sources: ['jlis', 'aizuwakamatsu', 'dime', 'kiki25', 'abhp', 'kazo'],
		practice: true
	},
	mail: {
		title: 'mynumber.method.mail.title',
		summary: 'mynumber.method.mail.summary',
		need: [
			'mynumber.method.mail.need1',
			'mynumber.method.mail.need2',
			'mynumber.method.mail.need3'
		],
		steps: [
			'mynumber.method.mail.s1',
			'mynumber.method.mail.s2',
			'mynumber.method.mail.s3',
			'mynumber.method.mail.s4'
		],
		sources: ['jlis', 'abhp', 'kazo', 'kanie', 'noda', 'mynavi'],
		practice: false
	},
	'photo-booth': {
		title: 'mynumber.method.photoBooth.title',
		summary: 'mynumber.method.photoBooth.summary',
		need: ['mynumber.method.photoBooth.need1', 'mynumber.method.photoBooth.need2'],
		steps: [
			'mynumber.method.photoBooth.s1',
			'mynumber.method.photoBooth.s2',
			'mynumber.method.photoBooth.s3',
			'mynumber.method.photoBooth.s4',
			'mynumber.method.photoBooth.s5'
		],
		sources: ['jlis', 'dime'],
		practice: false
	},
	counter: {
		title: 'mynumber.method.counter.title',
		summary: 'mynumber.method.counter.summary',
		need: [
			'mynumber.method.counter.need1',
			'mynumber.method.counter.need2',
			'mynumber.method.counter.need3'
		],
		steps: [
			'mynumber.method.counter.s1',
			'mynumber.method.counter.s2',
			'mynumber.method.counter.s3',
			'mynumber.method.counter.s4',
			'mynumber.method.counter.s5'
		],
		sources: ['jlis', 'nagoya'],
		practice: false
	}
};
