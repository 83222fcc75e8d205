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
	/** 持ち物 as typed ('' when residents need nothing more than their phone). */
	bring: string;
	bringReadings: TextReadings;
	/** 参加費: free (the usual), paid with `feeText`, or not chosen (classes from before). */
	feeChoice: FeeChoice;
	feeText: string;
	/** The volunteers assigned as tutors. */
	tutorIds: string[];
};

/** How the form asks for the fee: 無料 is one tap; 有料 asks how much. */
export type FeeChoice = 'free' | 'paid' | '';

/** The form's fields, for errors and focus. */
export type ClassFormField =
	Exclude<keyof ClassFormValues, 'lessonIds' | 'feeChoice' | 'feeText'> | 'lessons' | 'fee';

type ReadingFields = 'titleReadings' | 'topicReadings' | 'bringReadings';

/** Fields a class may lack: classes from before them (and their devices) have none. */
type LaterFields = 'bring' | 'fee' | 'tutorIds';

/**
 * A class's editable fields, as the class schemas read them. The readings may be missing
 * (classes from before readings have none), and so may 持ち物, 参加費 and the tutors assigned.
 */
export type ClassFields = Required<Omit<ClassPatch['changes'], ReadingFields | LaterFields>> &
	Pick<ClassPatch['changes'], ReadingFields | LaterFields>;

/** A class's fields as a device keeps them (readings as lists of strings). */
export type StoredClassFields = Omit<ClassFields, ReadingFields | LaterFields> & {
	titleReadings?: ReadonlyArray<ReadonlyArray<string>>;
	topicReadings?: ReadonlyArray<ReadonlyArray<string>>;
	bring?: string;
	bringReadings?: ReadonlyArray<ReadonlyArray<string>>;
	fee?: string | null;
	tutorIds?: readonly string[];
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
		tutors: '1',
		bring: '',
		bringReadings: [],
		feeChoice: 'free',
		feeText: '',
		tutorIds: []
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
	input.bring = values.bring;
	input.bringReadings = values.bringReadings;
	if (values.feeChoice === 'free') input.fee = '';
	if (values.feeChoice === 'paid') input.fee = values.feeText;
	input.tutorIds = values.tutorIds;
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
		tutors: klass.tutors,
		bring: klass.bring ?? '',
		bringReadings: asPairs(klass.bringReadings) ?? [],
		...(typeof klass.fee === 'string' ? { fee: klass.fee } : {}),
		tutorIds: [...(klass.tutorIds ?? [])]
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
		tutors: String(klass.tutors),
		bring: klass.bring ?? '',
		bringReadings: asPairs(klass.bringReadings) ?? [],
		feeChoice: typeof klass.fee !== 'string' ? '' : klass.fee === '' ? 'free' : 'paid',
		feeText: klass.fee ?? '',
		tutorIds: [...(klass.tutorIds ?? [])]
	};
}

/** Where a schema field's problem is shown in the form. */
function formFieldOf(field: string, values: ClassFormValues): ClassFormField | null {
	switch (field) {
		case 'lessonIds':
			return 'lessons';
		case 'fee':
			return values.feeChoice === 'paid' ? 'fee' : null;
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
		case 'bring':
		case 'bringReadings':
		case 'tutorIds':
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
	// 有料 says how much: an empty amount would read as 無料.
	const feeMissing = values.feeChoice === 'paid' && values.feeText.trim() === '';
	if (parsed.success && !feeMissing) {
		const klass = parsed.data;
		return {
			ok: true,
			klass: {
				...klass,
				titleReadings: klass.titleReadings ?? [],
				topicReadings: klass.topicReadings ?? [],
				lessonIds: klass.lessonIds ?? [],
				loanerTablets: klass.loanerTablets ?? 0,
				tutors: klass.tutors ?? 1,
				bring: klass.bring ?? '',
				bringReadings: klass.bringReadings ?? [],
				tutorIds: klass.tutorIds ?? []
			}
		};
	}
	const errors: Partial<Record<ClassFormField, FieldError>> = {};
	const problems = parsed.success ? {} : fieldErrors(parsed.error, input);
	for (const [field, error] of Object.entries(problems)) {
		const place = formFieldOf(field, values);
		if (place && !errors[place]) errors[place] = error;
	}
	if (feeMissing && !errors.fee) errors.fee = { code: 'required' };
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
 * no readings, tutors or 持ち物 and an empty one are the same).
 */
export function sameFieldValue(field: keyof ClassFields, a: unknown, b: unknown): boolean {
	if (
		field === 'titleReadings' ||
		field === 'topicReadings' ||
		field === 'bringReadings' ||
		field === 'tutorIds'
	) {
		return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
	}
	if (field === 'bring') return (a ?? '') === (b ?? '');
	if (
		(field === 'startsAt' || field === 'endsAt') &&
		typeof a === 'string' &&
		typeof b === 'string'
	)
		return sameInstant(a, b);
	return JSON.stringify(a) === JSON.stringify(b);
}
