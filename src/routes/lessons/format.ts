import { htmlLang, type Locale } from '$lib/domain/locale';

/** A day as the learner reads it: 11月24日 / 24 November. */
export function formatDay(time: number, locale: Locale): string {
	return new Intl.DateTimeFormat(htmlLang(locale) === 'ja' ? 'ja-JP' : 'en-GB', {
		month: 'long',
		day: 'numeric',
		timeZone: 'Asia/Tokyo'
	}).format(time);
}
