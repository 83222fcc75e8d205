import { describe, expect, it } from 'vitest';
import { renewalState } from '$lib/domain/card-validity';
import {
	renewalCalendar,
	upcomingRenewals,
	type Reminder
} from '../../../../../src/routes/mynumber/renewal/calendar-file';

const day = (year: number, month: number, date: number) => ({ year, month, day: date });
const today = day(2026, 12, 6);

const reminder = (item: Reminder['item'], date: ReturnType<typeof day>): Reminder => ({
	item,
	date,
	summary: `${item} renewal opens`,
	description: 'note'
});

/** The DTSTART days of the file's events, as YYYYMMDD. */
const eventDays = (text: string) =>
	[...text.matchAll(/DTSTART;VALUE=DATE:(\d{8})/g)].map((match) => match[1]);

describe('renewal calendar-file', () => {
	describe('upcomingRenewals', () => {
		it('keeps only renewal days after today', () => {
			const upcoming = upcomingRenewals(
				[
					{ item: 'card', state: renewalState({ expiry: day(2031, 3, 15), today }) },
					{ item: 'certificate', state: renewalState({ expiry: day(2026, 3, 15), today }) }
				],
				today
			);
			expect(upcoming).toEqual([
				{ item: 'card', opensOn: day(2030, 12, 16), expiry: day(2031, 3, 15) }
			]);
		});

		it('gives no reminder when renewal is already open or opens today', () => {
			const open = renewalState({ expiry: day(2027, 1, 31), today });
			const opensToday = renewalState({ expiry: day(2027, 3, 5), today });
			expect(opensToday).toMatchObject({ state: 'open', opensOn: today });
			expect(
				upcomingRenewals(
					[
						{ item: 'card', state: open },
						{ item: 'certificate', state: opensToday }
					],
					today
				)
			).toEqual([]);
		});
	});

	describe('renewalCalendar', () => {
		it('never puts a past (or today’s) event in the file', () => {
			const text = renewalCalendar({
				reminders: [
					reminder('certificate', day(2025, 12, 16)),
					reminder('card', day(2026, 12, 6)),
					reminder('card', day(2030, 12, 16))
				],
				today
			});
			expect(text).toContain('BEGIN:VCALENDAR');
			expect(eventDays(text ?? '')).toEqual(['20301216']);
		});

		it('makes no file when nothing is in the future', () => {
			expect(
				renewalCalendar({ reminders: [reminder('certificate', day(2026, 3, 16))], today })
			).toBeNull();
			expect(renewalCalendar({ reminders: [], today })).toBeNull();
		});

		it('gives each item a stable id, so importing again updates it', () => {
			const text =
				renewalCalendar({
					reminders: [
						reminder('card', day(2030, 12, 16)),
						reminder('certificate', day(2027, 6, 1))
					],
					today
				}) ?? '';
			expect(text).toContain('UID:card-renewal@yorisoi');
			expect(text).toContain('UID:certificate-renewal@yorisoi');
		});
	});
});
