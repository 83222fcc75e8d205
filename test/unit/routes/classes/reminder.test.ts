import { describe, expect, it } from 'vitest';
import { calendarFile } from '$lib/calendar-file';
import { classEvent, thingsToBring } from '../../../../src/routes/classes/reminder';

const klass = {
	title: 'LINEで写真を送ろう',
	startsAt: '2026-12-03T01:00:00Z',
	endsAt: '2026-12-03T02:30:00Z',
	venue: { id: 'v', name: 'みどり町中央公民館', address: 'みどり県みどり町中央1-2' }
};

describe('reminder', () => {
	describe('thingsToBring', () => {
		it('asks for one’s own phone, charged', () => {
			expect(thingsToBring({ device: 'android' })).toEqual([
				'classes.slip.bringPhone',
				'classes.slip.charge',
				'classes.slip.glasses'
			]);
		});

		it('says a tablet is lent to someone without a phone', () => {
			expect(thingsToBring({ device: 'none' })).toEqual([
				'classes.slip.bringNothing',
				'classes.slip.glasses'
			]);
		});
	});

	describe('classEvent in a calendar file', () => {
		const text = calendarFile({
			name: 'スマホ教室',
			product: 'classes',
			events: [classEvent({ klass, signupId: 'abc', description: '持ち物: スマホ' })]
		}).replace(/\r\n[ \t]/g, '');

		it('holds the class at its exact time and place', () => {
			expect(text).toContain('BEGIN:VEVENT');
			expect(text).toContain('UID:signup-abc@yorisoi');
			expect(text).toContain('SUMMARY:LINEで写真を送ろう');
			expect(text).toContain('DTSTART:20261203T010000Z');
			expect(text).toContain('DTEND:20261203T023000Z');
			expect(text).toContain('LOCATION:みどり町中央公民館\\nみどり県みどり町中央1-2');
		});

		it('reminds the day before', () => {
			expect(text).toContain('BEGIN:VALARM');
			expect(text).toContain('TRIGGER:-P1D');
		});
	});
});
