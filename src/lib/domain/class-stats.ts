import { z } from 'zod';

/** The figures of one class, past or upcoming, as `GET /api/volunteer/stats` lists them. */
export const classStatsSchema = z.object({
	id: z.string(),
	title: z.string(),
	startsAt: z.string(),
	endsAt: z.string(),
	status: z.enum(['scheduled', 'cancelled']),
	capacity: z.number(),
	/** Sign-ups holding a seat (walk-ins included). */
	confirmed: z.number(),
	/** The waiting list's length now (for a past class: those who never got a seat). */
	waitlisted: z.number(),
	/** Sign-ups withdrawn before the class. */
	cancelled: z.number(),
	/** Attendance marks of sign-ups that were not withdrawn. */
	present: z.number(),
	absent: z.number()
});

/** One class's figures. */
export type ClassStats = z.infer<typeof classStatsSchema>;

/** `GET /api/volunteer/stats`'s answer: classes oldest first. */
export const statsAnswerSchema = z.object({
	since: z.string(),
	classes: z.array(classStatsSchema)
});

/** The statistics answer, validated. */
export type StatsAnswer = z.infer<typeof statsAnswerSchema>;

/**
 * Present out of those marked (0–1), or null while nobody has been marked: a class whose
 * attendance was never taken has no rate, not a rate of zero.
 */
export function attendanceRate(figures: { present: number; absent: number }): number | null {
	const marked = figures.present + figures.absent;
	return marked === 0 ? null : figures.present / marked;
}

/** Sign-ups of a class: everyone who asked for a seat and did not withdraw. */
export function signupCount(figures: { confirmed: number; waitlisted: number }): number {
	return figures.confirmed + figures.waitlisted;
}

/**
 * A chart axis from zero to a round number at or above `max`, with 2–5 evenly spaced ticks
 * on steps of 1, 2 or 5 × 10ⁿ, so the gridlines read as plain numbers (0, 5, 10, 15).
 */
export function niceAxis(max: number): { max: number; ticks: number[] } {
	if (!Number.isFinite(max) || max <= 0) return { max: 1, ticks: [0, 1] };
	const rough = max / 4;
	const power = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough)!;
	// Counts are whole people: a step below one would label half a person.
	const wholeStep = Math.max(1, step);
	const top = Math.ceil(max / wholeStep) * wholeStep;
	const ticks: number[] = [];
	for (let value = 0; value <= top + wholeStep / 2; value += wholeStep) ticks.push(value);
	return { max: top, ticks };
}

/** Maps a value on an axis from 0 to `max` onto a length from 0 to `length` (clamped). */
export function scaleLength(value: number, axis: { max: number }, length: number): number {
	if (axis.max <= 0) return 0;
	return Math.min(length, Math.max(0, (value / axis.max) * length));
}
