import { japanDateTime, japanInstant } from '$lib/domain/class-form';
import type { NewSeriesInput, SeriesKind, SeriesPatch } from '$lib/domain/series';
import { audit } from './audit';
import { contactTicks } from './contacts';
import {
	ClassError,
	createClassIn,
	getClass,
	patchClassIn,
	rosters,
	type RosterClass,
	type VolunteerClass
} from './classes';
import { placeholders, type Database } from './storage/database';

/** A session's series as answered with it: the series, its kind, the place and how many. */
export type SeriesFacts = { id: string; kind: SeriesKind; position: number; sessions: number };

/**
 * Publishes a series: one class row per date, linked by the series id, the first taking the
 * form's class as it is and the others its fields with their own times. A course's capacity
 * is taken by its first session, which holds every sign-up of the course.
 */
export async function createSeriesIn(
	tx: Database,
	options: { id: string; series: NewSeriesInput; actor: string; now: Date }
): Promise<{ id: string; classIds: string[] }> {
	const { id, series } = options;
	const at = options.now.toISOString();
	const known = await tx.first<{ id: string }>('SELECT id FROM class_series WHERE id = ?', [id]);
	if (known) {
		const rows = await tx.all<{ id: string }>(
			'SELECT id FROM classes WHERE series_id = ? ORDER BY series_position',
			[id]
		);
		return { id, classIds: rows.map((row) => row.id) };
	}
	// The series is its venue's town's (its sessions are too, through the same venue).
	await tx.run(
		`INSERT INTO class_series (id, kind, created_at, town_id)
		VALUES (?, ?, ?, (SELECT town_id FROM venues WHERE id = ?))`,
		[id, series.kind, at, series.klass.venueId]
	);
	for (const [index, session] of series.sessions.entries()) {
		const klass = { ...series.klass, startsAt: session.startsAt, endsAt: session.endsAt };
		await createClassIn(tx, { klass, now: options.now, id: session.id });
		await tx.run('UPDATE classes SET series_id = ?, series_position = ? WHERE id = ?', [
			id,
			index + 1,
			session.id
		]);
	}
	await audit(tx, {
		actor: options.actor,
		action: `series.create:${series.kind}:${series.sessions.length}`,
		recordType: 'series',
		recordId: id,
		at
	});
	return { id, classIds: series.sessions.map((session) => session.id) };
}

/**
 * SQL that joins each class `c` to its sign-ups as `s`: a course's, held by its first session,
 * for every session of the course (whose attendance is marked per session), a class's own
 * otherwise. For figures per class.
 */
export const signupsOfEachSession = `LEFT JOIN class_series course ON course.id = c.series_id AND course.kind = 'course'
		LEFT JOIN classes first ON first.series_id = course.id AND first.series_position = 1
		LEFT JOIN signups s ON s.class_id = COALESCE(first.id, c.id)`;

/**
 * SQL selecting the classes whose sign-ups are over before the one parameter: a class once it
 * has ended, a course's first session (which holds its sign-ups) once its last session has.
 */
export const classesEndedBefore = `SELECT c.id FROM classes c
	WHERE COALESCE(
		(SELECT MAX(o.ends_at) FROM classes o
			JOIN class_series course ON course.id = o.series_id AND course.kind = 'course'
			WHERE o.series_id = c.series_id),
		c.ends_at
	) < ?`;

/**
 * The class that holds a class's sign-ups: a course's first session for any of its sessions,
 * the class itself otherwise (unknown ids too: the sign-up rules answer those).
 */
export async function seatClassId(database: Database, classId: string): Promise<string> {
	const row = await database.first<{ id: string }>(
		`SELECT first.id FROM classes c
		JOIN class_series s ON s.id = c.series_id AND s.kind = 'course'
		JOIN classes first ON first.series_id = c.series_id AND first.series_position = 1
		WHERE c.id = ?`,
		[classId]
	);
	return row?.id ?? classId;
}

/**
 * Refuses to cancel a course's first session: it holds the course's sign-ups, so cancelling
 * it would cancel the course for everyone. The course is cancelled session by session, or the
 * first session moved.
 */
export async function refuseFirstSessionCancel(tx: Database, classId: string): Promise<void> {
	const row = await tx.first<{ id: string }>(
		`SELECT c.id FROM classes c JOIN class_series s ON s.id = c.series_id AND s.kind = 'course'
		WHERE c.id = ? AND c.series_position = 1 AND c.status = 'scheduled'
			AND EXISTS (SELECT 1 FROM classes later WHERE later.series_id = c.series_id
				AND later.series_position > 1 AND later.status = 'scheduled')`,
		[classId]
	);
	if (row) throw new ClassError('course_first_session', 409);
}

/** The series facts of some classes (those in a series), by class id, in two queries. */
export async function seriesFacts(
	database: Database,
	classIds: readonly string[]
): Promise<Map<string, SeriesFacts>> {
	const facts = new Map<string, SeriesFacts>();
	if (classIds.length === 0) return facts;
	const rows = await database.all<{
		id: string;
		series_id: string;
		series_position: number;
		kind: SeriesKind;
		sessions: number;
	}>(
		`SELECT c.id, c.series_id, c.series_position, s.kind,
			(SELECT CAST(COUNT(*) AS INTEGER) FROM classes o WHERE o.series_id = c.series_id) AS sessions
		FROM classes c JOIN class_series s ON s.id = c.series_id
		WHERE c.id IN (${placeholders(classIds)})`,
		[...classIds]
	);
	for (const row of rows) {
		facts.set(row.id, {
			id: row.series_id,
			kind: row.kind,
			position: Number(row.series_position),
			sessions: Number(row.sessions)
		});
	}
	return facts;
}

/**
 * The classes listed to residents with their series (`series`), a course's sessions showing
 * the course's seats and waiting list (those of its first session). Classes outside a series
 * are answered as they were.
 */
export async function withSeriesSeats<
	T extends { id: string; capacity: number; seatsLeft: number; waitlistLength: number }
>(database: Database, classes: T[]): Promise<Array<T & { series?: SeriesFacts }>> {
	const facts = await seriesFacts(
		database,
		classes.map((klass) => klass.id)
	);
	if (facts.size === 0) return classes;
	const courses = [
		...new Set([...facts.values()].filter((f) => f.kind === 'course').map((f) => f.id))
	];
	const seats = new Map<string, { capacity: number; confirmed: number; waiting: number }>();
	if (courses.length > 0) {
		const rows = await database.all<{
			series_id: string;
			capacity: number;
			confirmed: number;
			waiting: number;
		}>(
			`SELECT c.series_id, c.capacity,
				CAST(COALESCE(SUM(CASE WHEN s.status = 'confirmed' THEN 1 ELSE 0 END), 0) AS INTEGER) AS confirmed,
				CAST(COALESCE(SUM(CASE WHEN s.status = 'waitlisted' THEN 1 ELSE 0 END), 0) AS INTEGER) AS waiting
			FROM classes c LEFT JOIN signups s ON s.class_id = c.id
			WHERE c.series_position = 1 AND c.series_id IN (${placeholders(courses)})
			GROUP BY c.series_id, c.capacity`,
			courses
		);
		for (const row of rows) {
			seats.set(row.series_id, {
				capacity: Number(row.capacity),
				confirmed: Number(row.confirmed),
				waiting: Number(row.waiting)
			});
		}
	}
	return classes.map((klass) => {
		const series = facts.get(klass.id);
		if (!series) return klass;
		const course = series.kind === 'course' ? seats.get(series.id) : undefined;
		return {
			...klass,
			...(course
				? {
						capacity: course.capacity,
						seatsLeft: Math.max(0, course.capacity - course.confirmed),
						waitlistLength: course.waiting
					}
				: {}),
			series
		};
	});
}

/**
 * Volunteers' classes with their series; a course's later sessions get the course's roster
 * (its first session's sign-ups) with their own attendance and their own 「連絡済み」 ticks,
 * so the hall marks, and calls before, each session.
 */
export async function withSeriesRosters(
	database: Database,
	classes: RosterClass[]
): Promise<Array<RosterClass & { series?: SeriesFacts }>> {
	const facts = await seriesFacts(
		database,
		classes.map((klass) => klass.id)
	);
	if (facts.size === 0) return classes;
	const later = classes.filter((klass) => {
		const series = facts.get(klass.id);
		return series?.kind === 'course' && series.position > 1;
	});
	const firstOf = new Map<string, string>();
	if (later.length > 0) {
		const seriesIds = [...new Set(later.map((klass) => facts.get(klass.id)?.id ?? ''))];
		const firsts = await database.all<{ id: string; series_id: string }>(
			`SELECT id, series_id FROM classes WHERE series_position = 1 AND series_id IN (${placeholders(seriesIds)})`,
			seriesIds
		);
		for (const row of firsts) firstOf.set(row.series_id, row.id);
	}
	const courseRosters = await rosters(database, [...new Set(firstOf.values())]);
	const marks = later.length
		? await database.all<{ class_id: string; signup_id: string; status: 'present' | 'absent' }>(
				`SELECT class_id, signup_id, status FROM attendance WHERE class_id IN (${placeholders(later)})`,
				later.map((klass) => klass.id)
			)
		: [];
	const markOf = new Map(marks.map((mark) => [`${mark.class_id} ${mark.signup_id}`, mark.status]));
	const ticks = await contactTicks(
		database,
		later.map((klass) => klass.id)
	);
	return classes.map((klass) => {
		const series = facts.get(klass.id);
		if (!series) return klass;
		if (series.kind !== 'course' || series.position === 1) return { ...klass, series };
		const roster = courseRosters.get(firstOf.get(series.id) ?? '') ?? [];
		return {
			...klass,
			series,
			roster: roster.map((entry) => ({
				...entry,
				attendance: markOf.get(`${klass.id} ${entry.id}`) ?? null,
				contact: ticks.get(klass.id)?.get(entry.id) ?? null
			}))
		};
	});
}

/**
 * The classes whose pull copy changes with these: a course's sign-ups are held by its first
 * session, so when it changes every session of the course is sent again.
 */
export async function withCourseSessions(
	database: Database,
	changed: Set<string>
): Promise<Set<string>> {
	if (changed.size === 0) return changed;
	const rows = await database.all<{ id: string }>(
		`SELECT o.id FROM classes c
		JOIN class_series s ON s.id = c.series_id AND s.kind = 'course'
		JOIN classes o ON o.series_id = c.series_id
		WHERE c.series_position = 1 AND c.id IN (${placeholders([...changed])})`,
		[...changed]
	);
	return new Set([...changed, ...rows.map((row) => row.id)]);
}

/**
 * 「全4回（2回目まで出席）」 for the course sign-ups among these: the sessions of the course
 * and the last one marked present (0 before any).
 */
export async function courseProgress(
	database: Database,
	signupIds: readonly string[]
): Promise<Map<string, { seriesId: string; sessions: number; attendedThrough: number }>> {
	const progress = new Map<
		string,
		{ seriesId: string; sessions: number; attendedThrough: number }
	>();
	if (signupIds.length === 0) return progress;
	const rows = await database.all<{
		id: string;
		series_id: string;
		sessions: number;
		attended: number | null;
	}>(
		`SELECT su.id, c.series_id,
			(SELECT CAST(COUNT(*) AS INTEGER) FROM classes o WHERE o.series_id = c.series_id) AS sessions,
			(SELECT MAX(o.series_position) FROM attendance a JOIN classes o ON o.id = a.class_id
				WHERE a.signup_id = su.id AND a.status = 'present' AND o.series_id = c.series_id) AS attended
		FROM signups su
		JOIN classes c ON c.id = su.class_id
		JOIN class_series s ON s.id = c.series_id AND s.kind = 'course'
		WHERE su.id IN (${placeholders(signupIds)})`,
		[...signupIds]
	);
	for (const row of rows) {
		progress.set(row.id, {
			seriesId: row.series_id,
			sessions: Number(row.sessions),
			attendedThrough: Number(row.attended ?? 0)
		});
	}
	return progress;
}

/**
 * 「この回から後すべて」: new clock times and/or venue for a session and every later scheduled
 * session of its series, all or none. Each session is patched with the class rules
 * (`patchClassIn`): a stale change of time or venue to any session is a conflict answered with
 * that session as it now is, and nothing changes. Unknown series or session: 404.
 */
export async function patchSeriesIn(
	tx: Database,
	options: { seriesId: string; patch: SeriesPatch; actor: string; now: Date }
): Promise<{ classes: VolunteerClass[] }> {
	const { patch } = options;
	const from = await tx.first<{ series_position: number }>(
		'SELECT series_position FROM classes WHERE id = ? AND series_id = ?',
		[patch.fromClassId, options.seriesId]
	);
	if (!from) throw new ClassError('class_not_found', 404);
	const sessions = await tx.all<{ id: string }>(
		`SELECT id FROM classes WHERE series_id = ? AND series_position >= ? AND status = 'scheduled'
		ORDER BY series_position`,
		[options.seriesId, from.series_position]
	);
	const based = new Map(patch.baseVersions.map((base) => [base.classId, base.version]));
	const planned = [];
	for (const { id } of sessions) {
		const current = (await getClass(tx, id)) as VolunteerClass;
		const day = japanDateTime(current.startsAt).date;
		const moved = (time: string | undefined, instant: string) =>
			time ? (japanInstant({ date: day, time }) ?? instant) : instant;
		const changes = {
			startsAt: moved(patch.changes.startTime, current.startsAt),
			endsAt: moved(patch.changes.endTime, current.endsAt),
			...(patch.changes.venueId ? { venueId: patch.changes.venueId } : {})
		};
		// An input mistake refuses the whole change before any session is written.
		if (new Date(changes.endsAt) <= new Date(changes.startsAt)) {
			throw new ClassError('ends_before_start', 400);
		}
		planned.push({ id, changes });
	}
	const classes: VolunteerClass[] = [];
	for (const { id, changes } of planned) {
		// A session changed since the volunteer saw it (or one the device never saw) refuses the
		// whole change as a conflict with that session as it now is: the push undoes the rest.
		const { klass } = await patchClassIn(tx, {
			id,
			patch: { baseVersion: based.get(id) ?? 0, changes },
			actor: options.actor,
			now: options.now
		});
		classes.push(klass);
	}
	return { classes };
}
