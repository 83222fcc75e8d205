import type { VenueRow } from '$lib/client/db';
import type { ClassFields } from '$lib/domain/class-form';
import { htmlLang, type Locale } from '$lib/domain/locale';
import type { LessonSummary } from '$lib/lessons/lesson';
import { translate, type MessageKey } from '$lib/i18n';
import { stripFurigana } from '$lib/domain/furigana';

/** The name of each class field, as the class form labels it. */
export const fieldKeys: Record<keyof ClassFields, MessageKey> = {
	title: 'desk.field.title',
	titleReadings: 'desk.field.titleReadings',
	topic: 'desk.field.topic',
	topicReadings: 'desk.field.topicReadings',
	lessonIds: 'desk.field.lessonIds',
	venueId: 'desk.field.venueId',
	startsAt: 'desk.field.startsAt',
	endsAt: 'desk.field.endsAt',
	capacity: 'desk.field.capacity',
	loanerTablets: 'desk.field.loanerTablets',
	tutors: 'desk.field.tutors',
	bring: 'desk.field.bring',
	bringReadings: 'desk.field.bringReadings',
	fee: 'desk.field.fee',
	tutorIds: 'desk.field.tutorIds'
};

/** A field's value as a person reads it: times in Japan, the venue's and lessons' names. */
export function fieldText(options: {
	field: keyof ClassFields;
	value: unknown;
	venues: VenueRow[];
	lessons: LessonSummary[];
	locale: Locale;
	/** The town's volunteers, to name the tutors assigned. */
	volunteers?: ReadonlyArray<{ id: string; name: string }>;
}): string {
	const { field, value, locale } = options;
	if ((field === 'startsAt' || field === 'endsAt') && typeof value === 'string') {
		const japanese = htmlLang(locale) === 'ja';
		return new Intl.DateTimeFormat(japanese ? 'ja-JP' : 'en-GB', {
			timeZone: 'Asia/Tokyo',
			month: japanese ? 'long' : 'short',
			day: 'numeric',
			weekday: 'short',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).format(new Date(value));
	}
	if (field === 'venueId') {
		return options.venues.find((venue) => venue.id === value)?.name ?? String(value);
	}
	if (field === 'fee' && value === '')
		return stripFurigana(translate(locale, 'desk.class.feeFree'));
	if (field === 'tutorIds' && Array.isArray(value)) {
		return value
			.map((id) => options.volunteers?.find((person) => person.id === id)?.name ?? String(id))
			.join(htmlLang(locale) === 'ja' ? '、' : ', ');
	}
	if (
		(field === 'titleReadings' || field === 'topicReadings' || field === 'bringReadings') &&
		Array.isArray(value)
	) {
		// 写真（しゃしん）、送（おく）: each kanji with the reading it gets.
		return (value as Array<[string, string]>)
			.map(([written, reading]) => `${written}（${reading}）`)
			.join('、');
	}
	if (field === 'lessonIds' && Array.isArray(value)) {
		if (value.length === 0) return stripFurigana(translate(locale, 'desk.class.noLessons'));
		return value
			.map((id) => {
				const lesson = options.lessons.find((candidate) => candidate.id === id);
				return lesson ? stripFurigana(lesson.text[locale].title) : String(id);
			})
			.join(htmlLang(locale) === 'ja' ? '、' : ', ');
	}
	return String(value);
}
