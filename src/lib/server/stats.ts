import type { ClassStats } from '$lib/domain/class-stats';
import type { Database } from './storage/database';
import { defaultTownId } from './towns';
import { signupsOfEachSession } from './series';

type StatsRow = {
	id: string;
	title: string;
	starts_at: string;
	ends_at: string;
	status: 'scheduled' | 'cancelled';
	capacity: number | string;
	confirmed: number | string;
	waitlisted: number | string;
	cancelled: number | string;
	present: number | string;
	absent: number | string;
};

/**
 * Per class that starts at or after `since` (past and upcoming, oldest first): seats taken,
 * waiting list, withdrawals and attendance marks. Counts only, no personal data, so the
 * figures survive the retention period's anonymisation. Marks of withdrawn sign-ups are left
 * out: a rate is about those expected to come.
 */
export async function classStatistics(
	database: Database,
	options: { since: Date; townId?: string }
): Promise<ClassStats[]> {
	const count = (condition: string) =>
		`CAST(COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0) AS INTEGER)`;
	const rows = await database.all<StatsRow>(
		`SELECT c.id, c.title, c.starts_at, c.ends_at, c.status, c.capacity,
			${count("s.status = 'confirmed'")} AS confirmed,
			${count("s.status = 'waitlisted'")} AS waitlisted,
			${count("s.status = 'cancelled'")} AS cancelled,
			${count("s.status <> 'cancelled' AND a.status = 'present'")} AS present,
			${count("s.status <> 'cancelled' AND a.status = 'absent'")} AS absent
		FROM classes c
		${signupsOfEachSession}
		LEFT JOIN attendance a ON a.class_id = c.id AND a.signup_id = s.id
		WHERE c.town_id = ? AND c.starts_at >= ?
		GROUP BY c.id, c.title, c.starts_at, c.ends_at, c.status, c.capacity
		ORDER BY c.starts_at, c.id`,
		[options.townId ?? defaultTownId, options.since.toISOString()]
	);
	// PostgreSQL hands back 64-bit counts as text.
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		status: row.status,
		capacity: Number(row.capacity),
		confirmed: Number(row.confirmed),
		waitlisted: Number(row.waitlisted),
		cancelled: Number(row.cancelled),
		present: Number(row.present),
		absent: Number(row.absent)
	}));
}
