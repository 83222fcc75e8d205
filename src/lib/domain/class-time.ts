import type { Locale } from './locale';

/** The town's clock: classes happen in Japan whatever the device's time zone says. */
export const classTimeZone = 'Asia/Tokyo';

/** An instant's calendar and clock parts in Japan. */
type TokyoParts = { month: number; day: number; weekday: string; hour: number; minute: number };

const partsFormat = new Intl.DateTimeFormat('ja-JP', {
	timeZone: classTimeZone,
	month: 'numeric',
	day: 'numeric',
	weekday: 'short',
	hour: 'numeric',
	minute: 'numeric',
	hourCycle: 'h23'
});

function tokyoParts(instant: Date): TokyoParts {
	const parts = Object.fromEntries(
		partsFormat.formatToParts(instant).map((part) => [part.type, part.value])
	);
	return {
		month: Number(parts.month),
		day: Number(parts.day),
		weekday: parts.weekday ?? '',
		hour: Number(parts.hour),
		minute: Number(parts.minute)
	};
}

/** 「午前10時」「午後1時30分」, with noon as 午後0時 as Japanese timetables write it. */
function japaneseClock({ hour, minute }: TokyoParts, withPeriod: boolean): string {
	const period = hour < 12 ? '午前' : '午後';
	const minutes = minute === 0 ? '' : `${minute}分`;
	return `${withPeriod ? period : ''}${hour % 12}時${minutes}`;
}

function sameDay(a: TokyoParts, b: TokyoParts): boolean {
	return a.month === b.month && a.day === b.day;
}

/**
 * When a class is, as people say it: 「12月3日(水) 午前10時〜11時30分」 in Japanese (the end
 * repeats 午前/午後 only when it changes), "Wed 3 Dec, 10:00 – 11:30 AM" in English. Always
 * in Japan's time zone.
 */
export function formatClassTime(options: {
	startsAt: string | Date;
	endsAt: string | Date;
	locale: Locale;
}): string {
	const start = new Date(options.startsAt);
	const end = new Date(options.endsAt);
	if (options.locale === 'en') {
		return new Intl.DateTimeFormat('en-GB', {
			timeZone: classTimeZone,
			weekday: 'short',
			day: 'numeric',
			month: 'short',
			hour: 'numeric',
			minute: '2-digit',
			hour12: true
		}).formatRange(start, end);
	}
	const from = tokyoParts(start);
	const to = tokyoParts(end);
	const date = `${from.month}月${from.day}日(${from.weekday})`;
	if (!sameDay(from, to)) {
		return `${date} ${japaneseClock(from, true)}〜${to.month}月${to.day}日 ${japaneseClock(to, true)}`;
	}
	const samePeriod = from.hour < 12 === to.hour < 12;
	return `${date} ${japaneseClock(from, true)}〜${japaneseClock(to, !samePeriod)}`;
}

/** The day of a class alone: 「12月3日(水)」, "Wed 3 Dec". */
export function formatClassDay(options: { startsAt: string | Date; locale: Locale }): string {
	const start = new Date(options.startsAt);
	if (options.locale === 'en') {
		return new Intl.DateTimeFormat('en-GB', {
			timeZone: classTimeZone,
			weekday: 'short',
			day: 'numeric',
			month: 'short'
		}).format(start);
	}
	const parts = tokyoParts(start);
	return `${parts.month}月${parts.day}日(${parts.weekday})`;
}

/** When the device last heard from the server: 「12月3日 10時5分」, "3 Dec, 10:05". */
export function formatHeardAt(options: { at: number | Date; locale: Locale }): string {
	const at = new Date(options.at);
	if (options.locale === 'en') {
		return new Intl.DateTimeFormat('en-GB', {
			timeZone: classTimeZone,
			day: 'numeric',
			month: 'short',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).format(at);
	}
	const parts = tokyoParts(at);
	return `${parts.month}月${parts.day}日 ${parts.hour}時${parts.minute}分`;
}
