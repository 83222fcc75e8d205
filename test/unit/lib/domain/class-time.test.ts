import { describe, expect, it } from 'vitest';
import { formatClassDay, formatClassTime, formatHeardAt } from '$lib/domain/class-time';

// 2026-12-03 is a Thursday; 01:00 UTC is 10:00 in Japan.
const at = (iso: string) => new Date(iso);

describe('class-time', () => {
	describe('formatClassTime', () => {
		it('writes a morning class as people say it, with minutes only when there are some', () => {
			expect(
				formatClassTime({
					startsAt: '2026-12-03T01:00:00Z',
					endsAt: '2026-12-03T02:30:00Z',
					locale: 'ja'
				})
			).toBe('12月3日(木) 午前10時〜11時30分');
		});

		it('repeats 午前/午後 when the class crosses noon, and writes noon as 午後0時', () => {
			expect(
				formatClassTime({
					startsAt: '2026-12-03T02:00:00Z',
					endsAt: '2026-12-03T03:30:00Z',
					locale: 'ja'
				})
			).toBe('12月3日(木) 午前11時〜午後0時30分');
			expect(
				formatClassTime({
					startsAt: '2026-12-03T04:15:00Z',
					endsAt: '2026-12-03T06:00:00Z',
					locale: 'ja'
				})
			).toBe('12月3日(木) 午後1時15分〜3時');
		});

		it('uses Japan time whatever the instant’s own offset', () => {
			// 23:30 UTC on 2 December is 08:30 on 3 December in Japan.
			expect(
				formatClassTime({
					startsAt: '2026-12-02T23:30:00Z',
					endsAt: '2026-12-03T10:00:00+09:00',
					locale: 'ja'
				})
			).toBe('12月3日(木) 午前8時30分〜10時');
		});

		it('writes the same in easy Japanese', () => {
			const times = { startsAt: at('2026-12-03T01:00:00Z'), endsAt: at('2026-12-03T02:30:00Z') };
			expect(formatClassTime({ ...times, locale: 'ja-easy' })).toBe(
				formatClassTime({ ...times, locale: 'ja' })
			);
		});

		it('names both days when a class runs past midnight', () => {
			expect(
				formatClassTime({
					startsAt: '2026-12-03T13:00:00Z',
					endsAt: '2026-12-03T15:30:00Z',
					locale: 'ja'
				})
			).toBe('12月3日(木) 午後10時〜12月4日 午前0時30分');
		});

		it('writes English as a range in Japan time', () => {
			const text = formatClassTime({
				startsAt: '2026-12-03T01:00:00Z',
				endsAt: '2026-12-03T02:30:00Z',
				locale: 'en'
			});
			expect(text).toMatch(/^Thu 3 Dec, 10:00\s*–\s*11:30\s*am$/i);
		});
	});

	describe('formatClassDay', () => {
		it('gives the day with its weekday', () => {
			expect(formatClassDay({ startsAt: '2026-12-03T01:00:00Z', locale: 'ja' })).toBe(
				'12月3日(木)'
			);
		});
	});

	describe('formatHeardAt', () => {
		it('gives the day and the clock time in Japan', () => {
			expect(formatHeardAt({ at: at('2026-12-03T01:05:00Z'), locale: 'ja' })).toBe(
				'12月3日 10時5分'
			);
			expect(formatHeardAt({ at: at('2026-12-03T01:05:00Z').getTime(), locale: 'en' })).toBe(
				'3 Dec, 10:05'
			);
		});
	});
});
