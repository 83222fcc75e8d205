import { z } from 'zod';
import { parseIsoDate } from './calendar-date';
import { newClassSchema } from './class';

/** Most dates one series may have (a year of weekly classes). */
export const maxSeriesSessions = 52;

/**
 * What a series is: a *repeating class* (each date its own class, its own sign-ups) or a
 * *course* (講座: one sign-up takes a seat in every session).
 */
export const seriesKinds = ['repeat', 'course'] as const;

/** A series' kind. */
export type SeriesKind = (typeof seriesKinds)[number];

/** The weekdays as the form offers them (Monday first, as rrule counts). */
export const weekdays = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;

const isoDate = z
	.string({ error: 'required' })
	.refine((text) => parseIsoDate(text) !== null, { error: 'invalid' });

const clock = z.string({ error: 'required' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
	error: 'invalid'
});

/**
 * How a series repeats: every `interval` weeks on a weekday, or on the n-th weekdays of each
 * month (第2・第4火曜: `nth` [2, 4]; -1 is the last). `sessions` dates are held, counting
 * from `firstDate`; 祝日 (when `skipHolidays`) and the hall's closed days are skipped, so a
 * 「全4回」 course still has four sessions.
 */
export const seriesRuleSchema = z
	.strictObject({
		frequency: z.enum(['weekly', 'monthly'], { error: 'invalid' }),
		interval: z
			.number({ error: 'invalid' })
			.int({ error: 'invalid' })
			.min(1, { error: 'invalid' })
			.max(4, { error: 'invalid' }),
		weekday: z.enum(weekdays, { error: 'required' }),
		nth: z
			.array(z.union([z.literal(-1), z.number().int().min(1).max(5)]), { error: 'invalid' })
			.max(5, { error: 'invalid' }),
		firstDate: isoDate,
		sessions: z
			.number({ error: 'required' })
			.int({ error: 'invalid' })
			.min(2, { error: 'invalid' })
			.max(maxSeriesSessions, { error: 'too_long' }),
		skipHolidays: z.boolean({ error: 'invalid' }),
		closedDates: z.array(isoDate, { error: 'invalid' }).max(366, { error: 'too_long' })
	})
	.refine((rule) => rule.frequency === 'weekly' || rule.nth.length > 0, {
		error: 'required',
		path: ['nth']
	});

/** A series' rule as the form makes it. */
export type SeriesRule = z.infer<typeof seriesRuleSchema>;

const instant = z.iso.datetime({ offset: true, error: 'invalid' });

/** One date of a series as a device sends it: the id it made and the times. */
export const seriesSessionSchema = z
	.strictObject({ id: z.uuid({ error: 'invalid' }), startsAt: instant, endsAt: instant })
	.refine((session) => new Date(session.endsAt) > new Date(session.startsAt), {
		error: 'ends_before_start',
		path: ['endsAt']
	});

/**
 * A new series: its kind, the first session as a whole class (title, venue, capacity…, its
 * times those of the first date) and every date with the id the device made for it, in order.
 * A course's capacity and waiting list are the class's capacity, taken once for all sessions.
 */
export const newSeriesSchema = z
	.strictObject({
		kind: z.enum(seriesKinds, { error: 'invalid' }),
		klass: newClassSchema,
		sessions: z
			.array(seriesSessionSchema, { error: 'invalid' })
			.min(2, { error: 'invalid' })
			.max(maxSeriesSessions, { error: 'too_long' })
	})
	.refine(
		(series) =>
			new Set(series.sessions.map((session) => session.id)).size === series.sessions.length,
		{
			error: 'invalid',
			path: ['sessions']
		}
	)
	.refine(
		(series) =>
			series.sessions.every(
				(session, index) =>
					index === 0 ||
					new Date(session.startsAt) >= new Date(series.sessions[index - 1]?.endsAt ?? 0)
			),
		{ error: 'invalid', path: ['sessions'] }
	)
	.refine(
		(series) =>
			series.sessions[0] !== undefined &&
			new Date(series.sessions[0].startsAt).getTime() ===
				new Date(series.klass.startsAt).getTime() &&
			new Date(series.sessions[0].endsAt).getTime() === new Date(series.klass.endsAt).getTime(),
		{ error: 'invalid', path: ['sessions'] }
	);

/** A new series as published. */
export type NewSeriesInput = z.infer<typeof newSeriesSchema>;

/**
 * 「この回から後すべて」: new clock times (Japan) and/or venue for a session and every later
 * one, each based on the version the volunteer was shown (a stale change of time or venue is
 * a conflict for that session, answered with it as it now is).
 */
export const seriesPatchSchema = z.strictObject({
	fromClassId: z.uuid({ error: 'invalid' }),
	baseVersions: z
		.array(
			z.strictObject({
				classId: z.uuid({ error: 'invalid' }),
				version: z
					.number({ error: 'invalid' })
					.int({ error: 'invalid' })
					.min(1, { error: 'invalid' })
			}),
			{ error: 'invalid' }
		)
		.min(1, { error: 'required' })
		.max(maxSeriesSessions, { error: 'too_long' }),
	changes: z
		.strictObject({
			startTime: clock.optional(),
			endTime: clock.optional(),
			venueId: z.uuid({ error: 'invalid' }).optional()
		})
		.refine((changes) => Object.keys(changes).length > 0, { error: 'required' })
});

/** A change to a session and the later ones. */
export type SeriesPatch = z.infer<typeof seriesPatchSchema>;

/** What the class form's 「繰り返し」 holds, as typed. */
export type RepeatFormValues = {
	/** `none`: one class, as before. */
	kind: 'none' | SeriesKind;
	frequency: SeriesRule['frequency'];
	interval: string;
	/** 第1–第5 (and -1, 最終) for a monthly series. */
	nth: number[];
	sessions: string;
	skipHolidays: boolean;
	/** The hall's closed days, one `YYYY-MM-DD` a line. */
	closedDates: string;
};

/** A form with no repetition, and weekly 4 sessions skipping 祝日 ready when one is chosen. */
export function emptyRepeatForm(): RepeatFormValues {
	return {
		kind: 'none',
		frequency: 'weekly',
		interval: '1',
		nth: [],
		sessions: '4',
		skipHolidays: true,
		closedDates: ''
	};
}

/**
 * The rule the form describes, its weekday that of the first date (`YYYY-MM-DD`); or the
 * first problem, on the form's field (`sessions`, `nth`, `closedDates`, or `date`).
 */
export function repeatRule(
	values: RepeatFormValues,
	firstDate: string
): { ok: true; rule: SeriesRule } | { ok: false; field: string; code: string } {
	const day = parseIsoDate(firstDate);
	if (!day) return { ok: false, field: 'date', code: 'required' };
	const weekday =
		weekdays[(new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7];
	const digits = (text: string) =>
		text.trim().replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - 0xff10));
	const parsed = seriesRuleSchema.safeParse({
		frequency: values.frequency,
		interval: Number(digits(values.interval)),
		weekday,
		nth:
			values.frequency === 'monthly'
				? [...values.nth].sort((a, b) => (a === -1 ? 1 : b === -1 ? -1 : a - b))
				: [],
		firstDate,
		sessions: /^\d+$/.test(digits(values.sessions)) ? Number(digits(values.sessions)) : Number.NaN,
		skipHolidays: values.skipHolidays,
		closedDates: values.closedDates
			.split(/[\s,、]+/)
			.map((line) => line.trim())
			.filter((line) => line !== '')
	});
	if (parsed.success) return { ok: true, rule: parsed.data };
	const issue = parsed.error.issues[0];
	const field = String(issue?.path[0] ?? 'sessions');
	return {
		ok: false,
		field:
			field === 'interval'
				? 'interval'
				: field === 'nth'
					? 'nth'
					: field === 'closedDates'
						? 'closedDates'
						: 'sessions',
		code: issue?.message === 'too_long' ? 'too_long' : 'invalid'
	};
}
