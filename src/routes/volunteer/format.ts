import { htmlLang, type Locale } from '$lib/domain/locale';

const timeZone = 'Asia/Tokyo';

/**
 * When a class is, for volunteers planning it: 「12月3日(水) 10:00〜11:30」 or
 * "Wed 3 Dec, 10:00–11:30", always in Japan's time (the hall's clock, not the device's).
 */
export function formatClassTime(options: {
	startsAt: string;
	endsAt: string;
	locale: Locale;
}): string {
	const japanese = htmlLang(options.locale) === 'ja';
	const day = new Intl.DateTimeFormat(japanese ? 'ja-JP' : 'en-GB', {
		timeZone,
		month: japanese ? 'long' : 'short',
		day: 'numeric',
		weekday: 'short'
	}).format(new Date(options.startsAt));
	const clock = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});
	const start = clock.format(new Date(options.startsAt));
	const end = clock.format(new Date(options.endsAt));
	return japanese ? `${day} ${start}〜${end}` : `${day}, ${start}–${end}`;
}

/** A moment the device heard from the server: 「12月3日 10:05」, "3 Dec, 10:05". */
export function formatMoment(at: number, locale: Locale): string {
	const japanese = htmlLang(locale) === 'ja';
	return new Intl.DateTimeFormat(japanese ? 'ja-JP' : 'en-GB', {
		timeZone,
		month: japanese ? 'long' : 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(at);
}

/** The day of a class alone: 「12月3日(水)」, "Wed 3 Dec". */
export function formatClassDay(startsAt: string, locale: Locale): string {
	const japanese = htmlLang(locale) === 'ja';
	return new Intl.DateTimeFormat(japanese ? 'ja-JP' : 'en-GB', {
		timeZone,
		month: japanese ? 'long' : 'short',
		day: 'numeric',
		weekday: 'short'
	}).format(new Date(startsAt));
}
