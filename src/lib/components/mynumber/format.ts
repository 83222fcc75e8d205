import type { DateParts } from '$lib/domain/calendar-date';
import type { Locale } from '$lib/domain/locale';
import { formatSeireki, formatWareki, toWareki, eras } from '$lib/domain/wareki';

/** A date for reading: 令和8年11月24日（2026年11月24日） in Japanese, with the era in English. */
export function formatDateBoth(date: DateParts, locale: Locale): string {
	if (locale !== 'en') return `${formatWareki(date)}（${formatSeireki(date)}）`;
	const western = new Intl.DateTimeFormat('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
	const wareki = toWareki(date);
	const era = eras.find((candidate) => candidate.id === wareki?.era);
	return wareki && era ? `${western} (${era.english} ${wareki.eraYear})` : western;
}

/** A date in the locale's usual Western form only (2026年11月24日 / 24 November 2026). */
export function formatDatePlain(date: DateParts, locale: Locale): string {
	if (locale !== 'en') return formatSeireki(date);
	return new Intl.DateTimeFormat('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(date.year, date.month - 1, date.day)));
}
