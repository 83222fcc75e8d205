import { describe, expect, it } from 'vitest';
import { formatSeireki, formatWareki, fromWareki, toWareki } from '$lib/domain/wareki';

const day = (year: number, month: number, date: number) => ({ year, month, day: date });

describe('wareki', () => {
	describe('toWareki', () => {
		it.each([
			[day(2019, 4, 30), { era: 'heisei', eraYear: 31 }],
			[day(2019, 5, 1), { era: 'reiwa', eraYear: 1 }],
			[day(1989, 1, 7), { era: 'showa', eraYear: 64 }],
			[day(1989, 1, 8), { era: 'heisei', eraYear: 1 }],
			[day(1926, 12, 24), { era: 'taisho', eraYear: 15 }],
			[day(1926, 12, 25), { era: 'showa', eraYear: 1 }],
			[day(1945, 8, 15), { era: 'showa', eraYear: 20 }],
			[day(2026, 11, 24), { era: 'reiwa', eraYear: 8 }]
		])('reads %j as %j', (date, expected) => {
			expect(toWareki(date)).toEqual({ ...expected, month: date.month, day: date.day });
		});

		it('has no era before 大正', () => {
			expect(toWareki(day(1912, 7, 29))).toBeNull();
		});

		it('agrees with Intl’s Japanese calendar on every first of the month since 1927', () => {
			const intl = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
				era: 'long',
				year: 'numeric',
				timeZone: 'UTC'
			});
			for (let year = 1927; year <= 2030; year += 1) {
				for (const month of [1, 5, 12]) {
					const parts = intl.formatToParts(new Date(Date.UTC(year, month - 1, 1)));
					const era = parts.find((part) => part.type === 'era')?.value;
					const eraYear = parts.find((part) => part.type === 'year')?.value;
					const ours = formatWareki(day(year, month, 1));
					expect(ours.startsWith(`${era}${eraYear === '1' ? '元' : eraYear}年`), ours).toBe(true);
				}
			}
		});
	});

	describe('fromWareki', () => {
		it('converts 平成31年4月30日 and 令和元年5月1日 to consecutive days', () => {
			expect(fromWareki({ era: 'heisei', eraYear: 31, month: 4, day: 30 })).toEqual({
				ok: true,
				date: day(2019, 4, 30)
			});
			expect(fromWareki({ era: 'reiwa', eraYear: 1, month: 5, day: 1 })).toEqual({
				ok: true,
				date: day(2019, 5, 1)
			});
		});

		it('refuses days that belong to the next or the previous era', () => {
			expect(fromWareki({ era: 'heisei', eraYear: 31, month: 5, day: 1 })).toEqual({
				ok: false,
				problem: 'after-era'
			});
			expect(fromWareki({ era: 'reiwa', eraYear: 1, month: 4, day: 30 })).toEqual({
				ok: false,
				problem: 'before-era'
			});
			expect(fromWareki({ era: 'showa', eraYear: 64, month: 1, day: 8 })).toEqual({
				ok: false,
				problem: 'after-era'
			});
			expect(fromWareki({ era: 'showa', eraYear: 65, month: 3, day: 1 })).toEqual({
				ok: false,
				problem: 'after-era'
			});
			expect(fromWareki({ era: 'heisei', eraYear: 1, month: 1, day: 7 })).toEqual({
				ok: false,
				problem: 'before-era'
			});
		});

		it('refuses days that do not exist and years below 元年', () => {
			expect(fromWareki({ era: 'reiwa', eraYear: 5, month: 2, day: 29 }).ok).toBe(false);
			expect(fromWareki({ era: 'reiwa', eraYear: 6, month: 2, day: 29 }).ok).toBe(true);
			expect(fromWareki({ era: 'showa', eraYear: 0, month: 5, day: 1 }).ok).toBe(false);
			expect(fromWareki({ era: 'showa', eraYear: 10, month: 4, day: 31 }).ok).toBe(false);
		});

		it('round-trips with toWareki for every day of 1989 and 2019', () => {
			for (const year of [1989, 2019]) {
				for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 864e5) {
					const date = new Date(time);
					const western = day(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
					const wareki = toWareki(western);
					expect(wareki && fromWareki(wareki)).toEqual({ ok: true, date: western });
				}
			}
		});
	});

	describe('formatWareki', () => {
		it('writes 元年 for the first year', () => {
			expect(formatWareki(day(2019, 5, 1))).toBe('令和元年5月1日');
			expect(formatWareki(day(2019, 4, 30))).toBe('平成31年4月30日');
			expect(formatWareki(day(2020, 1, 1))).toBe('令和2年1月1日');
		});
	});

	describe('formatSeireki', () => {
		it('writes year, month and day', () => {
			expect(formatSeireki(day(2036, 2, 28))).toBe('2036年2月28日');
		});
	});
});
