import { newClassSchema, type ClassPatch } from './class';
import { parseIsoDate } from './calendar-date';
import { fieldErrors, type FieldError } from './signup';
import { asPairs, type TextReadings } from './text-readings';

/** Japan keeps one offset all year (no summer time): a time at the hall is this far from UTC. */
export const japanOffset = '+09:00';

const japanOffsetMs = 9 * 60 * 60 * 1000;

/** What the class form holds, as typed: text fields and the chosen lessons. */
export type ClassFormValues = {
	title: string;
	/** The title's furigana as the form's よみがな fields hold them (text-readings.ts). */
	titleReadings: TextReadings;
	topic: string;
	topicReadings: TextReadings;
	lessonIds: string[];
	venueId: string;
	/** `YYYY-MM-DD`, the day in Japan. */
	date: string;
	/** `HH:MM` in Japan. */
	startTime: string;
	endTime: string;
	capacity: string;
	loanerTablets: string;
	tutors: string;
};

/** The form's fields, for errors and focus. */
export type ClassFormField = Exclude<keyof ClassFormValues, 'lessonIds'> | 'lessons';

type ReadingFields = 'titleReadings' | 'topicReadings';

/**
 * A class's editable fields, as the class schemas read them. The readings may be missing:
 * classes from before readings have none.
 */
export type ClassFields = Required<Omit<ClassPatch['changes'], ReadingFields>> &
	Pick<ClassPatch['changes'], ReadingFields>;

/** A class's fields as a device keeps them (readings as lists of strings). */
export type StoredClassFields = Omit<ClassFields, ReadingFields> & {
	titleReadings?: ReadonlyArray<ReadonlyArray<string>>;
	topicReadings?: ReadonlyArray<ReadonlyArray<string>>;
};

/** An empty form for a new class (one tutor, as the smallest class needs). */
export function emptyClassForm(): ClassFormValues {
	return {
		title: '',
		titleReadings: [],
		topic: '',
		topicReadings: [],
		lessonIds: [],
		venueId: '',
		date: '',
		startTime: '',
		endTime: '',
		capacity: '',
		loanerTablets: '0',
		tutors: '1'
	};
}

/** A day and a clock time in Japan as an instant (`2026-12-03T10:00:00+09:00`), or undefined. */
export function japanInstant(options: { date: string; time: string }): string | undefined {
	const day = parseIsoDate(options.date);
	const clock = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(options.time.trim());
	if (!day || !clock) return undefined;
	return `${options.date.trim()}T${clock[1]}:${clock[2]}:00${japanOffset}`;
}

/** The day (`YYYY-MM-DD`) and clock time (`HH:MM`) in Japan of an instant. */
export function japanDateTime(instant: string): { date: string; time: string } {
	const shifted = new Date(new Date(instant).getTime() + japanOffsetMs).toISOString();
	return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** A count as typed: full-width digits read as digits; empty is missing, other text invalid. */
function count(text: string): number | undefined {
	const trimmed = text.trim().replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - 0xff10));
	if (trimmed === '') return undefined;
	return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The form's values as the class schemas read them; a field left empty is left out. */
export function classFormInput(values: ClassFormValues): Record<string, unknown> {
	const input: Record<string, unknown> = {
		title: values.title,
		titleReadings: values.titleReadings,
		topic: values.topic,
		topicReadings: values.topicReadings,
		lessonIds: values.lessonIds
	};
	if (values.venueId) input.venueId = values.venueId;
	const startsAt = japanInstant({ date: values.date, time: values.startTime });
	const endsAt = japanInstant({ date: values.date, time: values.endTime });
	if (startsAt) input.startsAt = startsAt;
	if (endsAt) input.endsAt = endsAt;
	for (const field of ['capacity', 'loanerTablets', 'tutors'] as const) {
		const value = count(values[field]);
		if (value !== undefined) input[field] = value;
	}
	return input;
}

/** A class's editable fields alone (no id, status, version or roster). */
export function classFieldsOf(klass: StoredClassFields): ClassFields {
	return {
		title: klass.title,
		titleReadings: asPairs(klass.titleReadings) ?? [],
		topic: klass.topic,
		topicReadings: asPairs(klass.topicReadings) ?? [],
		lessonIds: [...klass.lessonIds],
		venueId: klass.venueId,
		startsAt: klass.startsAt,
		endsAt: klass.endsAt,
		capacity: klass.capacity,
		loanerTablets: klass.loanerTablets,
		tutors: klass.tutors
	};
}

/** The form filled in from a class (to edit it, or to copy it). */
export function classFormValues(klass: StoredClassFields): ClassFormValues {
	const start = japanDateTime(klass.startsAt);
	return {
		title: klass.title,
		titleReadings: asPairs(klass.titleReadings) ?? [],
		topic: klass.topic,
		topicReadings: asPairs(klass.topicReadings) ?? [],
		lessonIds: [...klass.lessonIds],
		venueId: klass.venueId,
		date: start.date,
		startTime: start.time,
		endTime: japanDateTime(klass.endsAt).time,
		capacity: String(klass.capacity),
		loanerTablets: String(klass.loanerTablets),
		tutors: String(klass.tutors)
	};
}

/** Where a schema field's problem is shown in the form. */
function formFieldOf(field: string, values: ClassFormValues): ClassFormField | null {
	switch (field) {
		case 'lessonIds':
			return 'lessons';
		case 'startsAt':
			return parseIsoDate(values.date) ? 'startTime' : 'date';
		case 'endsAt':
			return parseIsoDate(values.date) ? 'endTime' : 'date';
		case 'title':
		case 'titleReadings':
		case 'topic':
		case 'topicReadings':
		case 'venueId':
		case 'capacity':
		case 'loanerTablets':
		case 'tutors':
			return field;
		default:
			return null;
	}
}

/**
 * Checks the form as a whole class (`newClassSchema`; an edited class must be a valid class
 * too). Returns the class, or one error per form field (the first for each).
 */
export function checkClassForm(
	values: ClassFormValues
):
	| { ok: true; klass: ClassFields }
	| { ok: false; errors: Partial<Record<ClassFormField, FieldError>> } {
	const input = classFormInput(values);
	const parsed = newClassSchema.safeParse(input);
	if (parsed.success) {
		const klass = parsed.data;
		return {
			ok: true,
			klass: {
				...klass,
				titleReadings: klass.titleReadings ?? [],
				topicReadings: klass.topicReadings ?? [],
				lessonIds: klass.lessonIds ?? [],
				loanerTablets: klass.loanerTablets ?? 0,
				tutors: klass.tutors ?? 1
			}
		};
	}
	const errors: Partial<Record<ClassFormField, FieldError>> = {};
	for (const [field, error] of Object.entries(fieldErrors(parsed.error, input))) {
		const place = formFieldOf(field, values);
		if (place && !errors[place]) errors[place] = error;
	}
	// The schema checks the order of the times only once every field is right; the form says
	// it at once, with the rest.
	const { startsAt, endsAt } = input as { startsAt?: string; endsAt?: string };
	if (startsAt && endsAt && new Date(endsAt) <= new Date(startsAt) && !errors.endTime) {
		errors.endTime = { code: 'ends_before_start' };
	}
	return { ok: false, errors };
}

const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

/**
 * The fields an edit changed, and only those (so a patch never touches what another volunteer
 * may be changing). Times are compared as instants, lessons as lists.
 */
export function classChanges(before: ClassFields, after: ClassFields): ClassPatch['changes'] {
	const changes: Record<string, unknown> = {};
	for (const field of Object.keys(after) as Array<keyof ClassFields>) {
		if (!sameFieldValue(field, before[field], after[field])) changes[field] = after[field];
	}
	return changes as ClassPatch['changes'];
}

/**
 * True when two values of a class field mean the same (times as instants, lists by content;
 * no readings and an empty list of them are the same).
 */
export function sameFieldValue(field: keyof ClassFields, a: unknown, b: unknown): boolean {
	if (field === 'titleReadings' || field === 'topicReadings') {
		return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
	}
	if (
		(field === 'startsAt' || field === 'endsAt') &&
		typeof a === 'string' &&
		typeof b === 'string'
	)
		return sameInstant(a, b);
	return JSON.stringify(a) === JSON.stringify(b);
}
