import { compareDates, isValidDate, type DateParts } from './calendar-date';

/**
 * 和暦 (Japanese era years) for the dates residents write on forms: birth dates from 大正 on,
 * issue and expiry dates in 平成 and 令和. An era starts on the day its emperor acceded (令和
 * on 2019-05-01, so 平成31年4月30日 is followed by 令和元年5月1日), and its first year is 元年.
 */

/** The eras this app reads and writes, oldest first. */
export const eras = [
	{ id: 'taisho', name: '大正', reading: 'たいしょう', english: 'Taishō', start: [1912, 7, 30] },
	{ id: 'showa', name: '昭和', reading: 'しょうわ', english: 'Shōwa', start: [1926, 12, 25] },
	{ id: 'heisei', name: '平成', reading: 'へいせい', english: 'Heisei', start: [1989, 1, 8] },
	{ id: 'reiwa', name: '令和', reading: 'れいわ', english: 'Reiwa', start: [2019, 5, 1] }
] as const;

/** An era's id, such as `heisei`. */
export type EraId = (typeof eras)[number]['id'];

/** A date in 和暦: era, year of the era (1 is 元年), month and day. */
export type WarekiDate = { era: EraId; eraYear: number; month: number; day: number };

const startOf = (era: (typeof eras)[number]): DateParts => ({
	year: era.start[0],
	month: era.start[1],
	day: era.start[2]
});

/** The 和暦 of a 西暦 date, or null before 大正 (30 July 1912). */
export function toWareki(date: DateParts): WarekiDate | null {
	for (let index = eras.length - 1; index >= 0; index -= 1) {
		const era = eras[index];
		if (era && compareDates(date, startOf(era)) >= 0) {
			return {
				era: era.id,
				eraYear: date.year - era.start[0] + 1,
				month: date.month,
				day: date.day
			};
		}
	}
	return null;
}

/** Why a 和暦 date could not be read. */
export type WarekiProblem = 'not-a-date' | 'before-era' | 'after-era';

/**
 * The 西暦 date of a 和暦 date. Refuses days that are not real and days outside the era:
 * 平成31年5月1日 is 令和元年 (`after-era`), 昭和64年1月8日 is 平成元年, 令和元年4月30日 is 平成.
 */
export function fromWareki(
	date: WarekiDate
): { ok: true; date: DateParts } | { ok: false; problem: WarekiProblem } {
	const index = eras.findIndex((era) => era.id === date.era);
	const era = eras[index];
	if (!era || !Number.isInteger(date.eraYear) || date.eraYear < 1) {
		return { ok: false, problem: 'not-a-date' };
	}
	const western = { year: era.start[0] + date.eraYear - 1, month: date.month, day: date.day };
	if (!isValidDate(western)) return { ok: false, problem: 'not-a-date' };
	if (compareDates(western, startOf(era)) < 0) return { ok: false, problem: 'before-era' };
	const next = eras[index + 1];
	if (next && compareDates(western, startOf(next)) >= 0) {
		return { ok: false, problem: 'after-era' };
	}
	return { ok: true, date: western };
}

/** The era's name, such as 平成. */
export function eraName(id: EraId): string {
	return eras.find((era) => era.id === id)?.name ?? id;
}

/** Writes a 和暦 date as 平成31年4月30日 (元年 for the first year); `—` before 大正. */
export function formatWareki(date: DateParts): string {
	const wareki = toWareki(date);
	if (!wareki) return '—';
	const year = wareki.eraYear === 1 ? '元' : String(wareki.eraYear);
	return `${eraName(wareki.era)}${year}年${wareki.month}月${wareki.day}日`;
}

/** Writes a 西暦 date as 2019年5月1日. */
export function formatSeireki({ year, month, day }: DateParts): string {
	return `${year}年${month}月${day}日`;
}
