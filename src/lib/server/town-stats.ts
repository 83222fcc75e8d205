import { choiceCounts, otherWish, ratingDistribution } from '$lib/domain/questionnaire';
import {
	countPeople,
	periodInstants,
	type Period,
	type TownClassRow,
	type TownStats
} from '$lib/domain/town-stats';
import type { Database } from './storage/database';
import { defaultTownId } from './towns';
import { signupsOfEachSession } from './series';

type ClassRow = {
	id: string;
	title: string;
	topic: string;
	starts_at: string;
	venue: string;
	tutors: number | string;
	named_tutors: number | string;
	applicants: number | string;
	attendees: number | string;
};

type VisitRow = {
	device: 'android' | 'iphone' | 'other' | 'none';
	name_key: string | null;
	phone_key: string | null;
	reading_key: string | null;
};

type AnswerRow = {
	class_id: string;
	clarity: number | string;
	satisfaction: number | string;
	can_do: string;
	want_next: string;
	comment: string | null;
};

/**
 * A period's figures for the town's デジタル活用支援 report: the classes held in it (begun by
 * `now`, not cancelled), their attendees as visits and as people, their phones, and the
 * questionnaire's answers, with one row per class. Three queries whatever the period's size;
 * counting people and answers is done here, by the domain's rules.
 */
export async function townStatistics(
	database: Database,
	options: { period: Period; now: Date; lessonOrder?: readonly string[]; townId?: string }
): Promise<TownStats> {
	const { start, end } = periodInstants(options.period);
	// Classes begun by now: a class later in the period has not been held yet.
	const until = new Date(Math.min(end.getTime(), options.now.getTime())).toISOString();
	// The town's own classes only: every query below starts from them.
	const window = [options.townId ?? defaultTownId, start.toISOString(), until];
	const count = (condition: string) =>
		`CAST(COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0) AS INTEGER)`;
	const classes = await database.all<ClassRow>(
		`SELECT c.id, c.title, c.topic, c.starts_at, v.name AS venue, c.tutors,
			(SELECT CAST(COUNT(*) AS INTEGER) FROM class_tutors t WHERE t.class_id = c.id) AS named_tutors,
			${count("s.status <> 'cancelled' AND s.walk_in = 0")} AS applicants,
			${count("s.status <> 'cancelled' AND a.status = 'present'")} AS attendees
		FROM classes c
		JOIN venues v ON v.id = c.venue_id
		${signupsOfEachSession}
		LEFT JOIN attendance a ON a.class_id = c.id AND a.signup_id = s.id
		WHERE c.town_id = ? AND c.starts_at >= ? AND c.starts_at < ? AND c.status = 'scheduled'
		GROUP BY c.id, c.title, c.topic, c.starts_at, v.name, c.tutors
		ORDER BY c.starts_at, c.id`,
		window
	);
	const cancelled = await database.first<{ n: number | string }>(
		`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM classes
		WHERE town_id = ? AND starts_at >= ? AND starts_at < ? AND status = 'cancelled'`,
		window
	);
	const visits = await database.all<VisitRow>(
		`SELECT s.device, s.name_key, s.phone_key, s.reading_key
		FROM classes c
		${signupsOfEachSession}
		JOIN attendance a ON a.class_id = c.id AND a.signup_id = s.id
		WHERE c.town_id = ? AND c.starts_at >= ? AND c.starts_at < ? AND c.status = 'scheduled'
			AND s.status <> 'cancelled' AND a.status = 'present'`,
		window
	);
	const answers = await database.all<AnswerRow>(
		`SELECT q.class_id, q.clarity, q.satisfaction, q.can_do, q.want_next, q.comment
		FROM classes c
		JOIN questionnaire_answers q ON q.class_id = c.id
		WHERE c.town_id = ? AND c.starts_at >= ? AND c.starts_at < ? AND c.status = 'scheduled'`,
		window
	);

	const byClass = new Map<string, { clarity: number[]; satisfaction: number[] }>();
	for (const answer of answers) {
		const entry = byClass.get(answer.class_id) ?? { clarity: [], satisfaction: [] };
		entry.clarity.push(Number(answer.clarity));
		entry.satisfaction.push(Number(answer.satisfaction));
		byClass.set(answer.class_id, entry);
	}
	const rows = classes.map((row): TownClassRow => {
		const rated = byClass.get(row.id);
		const named = Number(row.named_tutors);
		return {
			id: row.id,
			startsAt: row.starts_at,
			title: row.title,
			topic: row.topic,
			venue: row.venue,
			applicants: Number(row.applicants),
			attendees: Number(row.attendees),
			tutors: named > 0 ? named : Number(row.tutors),
			answers: rated?.clarity.length ?? 0,
			clarityMean: ratingDistribution(rated?.clarity ?? []).mean,
			satisfactionMean: ratingDistribution(rated?.satisfaction ?? []).mean
		};
	});

	const byDevice = { android: 0, iphone: 0, other: 0, none: 0 };
	for (const visit of visits) byDevice[visit.device] += 1;
	const { people, unidentified } = countPeople(
		visits.map((visit) =>
			visit.name_key === null
				? null
				: { name: visit.name_key, phone: visit.phone_key, reading: visit.reading_key }
		)
	);
	const lists = (field: 'can_do' | 'want_next') =>
		answers.map((answer) => JSON.parse(answer[field]) as string[]);
	const order = [...(options.lessonOrder ?? []), otherWish];

	return {
		period: { from: options.period.from, to: options.period.to },
		classesHeld: rows.length,
		classesCancelled: Number(cancelled?.n ?? 0),
		visits: visits.length,
		people,
		unidentifiedVisits: unidentified,
		byDevice,
		answers: answers.length,
		clarity: ratingDistribution(answers.map((answer) => Number(answer.clarity))),
		satisfaction: ratingDistribution(answers.map((answer) => Number(answer.satisfaction))),
		canDo: choiceCounts(lists('can_do'), order),
		wantNext: choiceCounts(lists('want_next'), order),
		comments: answers.flatMap((answer) => (answer.comment ? [answer.comment] : [])),
		classes: rows
	};
}
