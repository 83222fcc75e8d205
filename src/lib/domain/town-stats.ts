import { z } from 'zod';
import { nextDay, parseIsoDate, toIsoDate, type DateParts } from './calendar-date';
import { samePerson, type PersonKeys } from './person-match';

/**
 * The figures a town reports for デジタル活用支援 over a period (issue 16): classes held,
 * attendees (people and visits), their phones, the questionnaire's answers, and one row per
 * class for the report's CSV. Pure rules; the server gathers the rows (`$lib/server/town-stats`).
 */

/** The longest period asked for at once: a few fiscal years. */
export const maxPeriodDays = 3 * 366;

const isoDate = z
	.string({ error: 'required' })
	.refine((text) => parseIsoDate(text) !== null, { error: 'invalid' });

/** `?from=YYYY-MM-DD&to=YYYY-MM-DD`: both days included, in Japan's calendar. */
export const periodSchema = z
	.strictObject({ from: isoDate, to: isoDate }, { error: 'unknown_field' })
	// Zod runs these after a day was refused too: a day that is not one is that field's error.
	.refine(({ from, to }) => !bothDays(from, to) || from <= to, {
		error: 'ends_before_start',
		path: ['to']
	})
	.refine(({ from, to }) => !bothDays(from, to) || daysBetween(from, to) < maxPeriodDays, {
		error: 'too_long',
		path: ['to']
	});

// `YYYY-MM-DD` strings of real days compare as the days do.
const bothDays = (from: string, to: string) =>
	parseIsoDate(from) !== null && parseIsoDate(to) !== null;

/** A period of whole days, both included. */
export type Period = z.infer<typeof periodSchema>;

function daysBetween(from: string, to: string): number {
	return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** The instants a period covers in Japan: from its first day's midnight to after its last day. */
export function periodInstants(period: Period): { start: Date; end: Date } {
	const end = toIsoDate(nextDay(parseIsoDate(period.to)!));
	return {
		start: new Date(`${period.from}T00:00:00+09:00`),
		end: new Date(`${end}T00:00:00+09:00`)
	};
}

/** The calendar day in Japan of an instant. */
export function tokyoDay(instant: Date): DateParts {
	const shifted = new Date(instant.getTime() + 9 * 60 * 60 * 1000);
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate()
	};
}

/** The periods offered with one tap: 今年度, 前年度 (April–March, as towns count), this and last month. */
export type PeriodPreset = 'thisYear' | 'lastYear' | 'thisMonth' | 'lastMonth';

/** The days of a preset period around `now` (Japan's calendar). */
export function presetPeriod(preset: PeriodPreset, now: Date): Period {
	const today = tokyoDay(now);
	const fiscalYear = today.month >= 4 ? today.year : today.year - 1;
	const lastDay = (year: number, month: number) =>
		toIsoDate({ year, month, day: new Date(Date.UTC(year, month, 0)).getUTCDate() });
	if (preset === 'thisYear' || preset === 'lastYear') {
		const year = preset === 'thisYear' ? fiscalYear : fiscalYear - 1;
		return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
	}
	const back = preset === 'thisMonth' ? 0 : 1;
	const monthIndex = today.year * 12 + (today.month - 1) - back;
	const year = Math.floor(monthIndex / 12);
	const month = (monthIndex % 12) + 1;
	return { from: toIsoDate({ year, month, day: 1 }), to: lastDay(year, month) };
}

/**
 * How many different people made these visits: visits whose person-match keys say the same
 * person (`samePerson`: same folded name and same phone or reading) count once. Visits whose
 * keys retention removed cannot be told apart and are counted apart, as `unidentified`.
 */
export function countPeople(visits: ReadonlyArray<PersonKeys | null>): {
	people: number;
	unidentified: number;
} {
	let unidentified = 0;
	const byName = new Map<string, PersonKeys[]>();
	for (const visit of visits) {
		if (!visit || visit.name === '') {
			unidentified += 1;
			continue;
		}
		const group = byName.get(visit.name) ?? [];
		group.push(visit);
		byName.set(visit.name, group);
	}
	let people = 0;
	for (const group of byName.values()) {
		// Union-find within one name: a chain of matches (phone, then reading) is one person.
		const parent = group.map((_, index) => index);
		const root = (index: number): number => {
			while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
			return index;
		};
		for (let a = 0; a < group.length; a += 1) {
			for (let b = a + 1; b < group.length; b += 1) {
				if (samePerson(group[a]!, group[b]!)) parent[root(a)] = root(b);
			}
		}
		people += new Set(group.map((_, index) => root(index))).size;
	}
	return { people, unidentified };
}

const counts5 = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]);
const choiceList = z.array(z.object({ id: z.string(), count: z.number() }));

/** One class's row of the town's report. */
export const townClassRowSchema = z.object({
	id: z.string(),
	startsAt: z.string(),
	title: z.string(),
	topic: z.string(),
	venue: z.string(),
	/** Sign-ups made before the day and not withdrawn (walk-ins are not applicants). */
	applicants: z.number(),
	/** Marked present (walk-ins included). */
	attendees: z.number(),
	/** Tutors: those assigned by name, or the number the class was given. */
	tutors: z.number(),
	answers: z.number(),
	clarityMean: z.number().nullable(),
	satisfactionMean: z.number().nullable()
});

/** A class's row of the report. */
export type TownClassRow = z.infer<typeof townClassRowSchema>;

/** `GET /api/volunteer/stats/town`: a period's figures. */
export const townStatsSchema = z.object({
	period: z.object({ from: z.string(), to: z.string() }),
	classesHeld: z.number(),
	classesCancelled: z.number(),
	visits: z.number(),
	people: z.number(),
	/** Visits whose people retention has made anonymous (not in `people`). */
	unidentifiedVisits: z.number(),
	/** Visits by the phone the person said they use. */
	byDevice: z.object({
		android: z.number(),
		iphone: z.number(),
		other: z.number(),
		none: z.number()
	}),
	answers: z.number(),
	clarity: z.object({ counts: counts5, mean: z.number().nullable() }),
	satisfaction: z.object({ counts: counts5, mean: z.number().nullable() }),
	canDo: choiceList,
	wantNext: choiceList,
	/** The free texts, in no particular order (answers carry no time). */
	comments: z.array(z.string()),
	classes: z.array(townClassRowSchema)
});

/** A period's figures. */
export type TownStats = z.infer<typeof townStatsSchema>;

/** The report's columns, in order, as their message keys' last part. */
export const reportColumns = [
	'date',
	'venue',
	'topic',
	'applicants',
	'attendees',
	'tutors',
	'clarity',
	'satisfaction',
	'answers'
] as const;

/** One class as the report's cells (a mean with one decimal, empty when nobody answered). */
export function reportCells(row: TownClassRow): Record<(typeof reportColumns)[number], string> {
	const day = tokyoDay(new Date(row.startsAt));
	const mean = (value: number | null) => (value === null ? '' : value.toFixed(1));
	return {
		date: `${day.year}/${String(day.month).padStart(2, '0')}/${String(day.day).padStart(2, '0')}`,
		venue: row.venue,
		topic: row.topic === '' ? row.title : row.topic,
		applicants: String(row.applicants),
		attendees: String(row.attendees),
		tutors: String(row.tutors),
		clarity: mean(row.clarityMean),
		satisfaction: mean(row.satisfactionMean),
		answers: String(row.answers)
	};
}
