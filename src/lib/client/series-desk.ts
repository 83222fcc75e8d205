import type { ClassFields } from '$lib/domain/class-form';
import { japanDateTime } from '$lib/domain/class-form';
import { rosterClassSchema, type RosterClassData } from '$lib/domain/sync';
import type { SeriesKind, SeriesPatch } from '$lib/domain/series';
import type { Outbox } from './outbox';

/**
 * Publishes a series (a repeating class or a course) from the class form: every session shows
 * at once on this device, with an empty roster, and the server makes them all in one mutation.
 */
export async function queueNewSeries(
	outbox: Outbox,
	options: {
		id: string;
		kind: SeriesKind;
		klass: ClassFields;
		sessions: Array<{ id: string; startsAt: string; endsAt: string }>;
	}
): Promise<void> {
	const { id, kind, klass, sessions } = options;
	const first = sessions[0];
	if (!first) return;
	const template = { ...klass, startsAt: first.startsAt, endsAt: first.endsAt };
	const rows: RosterClassData[] = sessions.map((session, index) => ({
		...klass,
		id: session.id,
		startsAt: session.startsAt,
		endsAt: session.endsAt,
		status: 'scheduled',
		version: 1,
		roster: [],
		series: { id, kind, position: index + 1, sessions: sessions.length }
	}));
	await outbox.queue(
		'series.create',
		{ id, kind, klass: template, sessions },
		{
			about: { title: klass.title, startsAt: first.startsAt },
			record: async () => {
				await outbox.database.rosters.bulkPut(rows);
			}
		}
	);
}

/**
 * 「この回から後すべて」: moves a session and every later one of its series on this device at
 * once (clock times, venue), each based on the version this device holds.
 */
export async function queueSeriesEdit(
	outbox: Outbox,
	options: { seriesId: string; fromClassId: string; changes: SeriesPatch['changes'] }
): Promise<void> {
	const { seriesId, fromClassId, changes } = options;
	const { database } = outbox;
	const sessions = (await database.rosters.toArray()).flatMap((row) => {
		const parsed = rosterClassSchema.safeParse(row);
		return parsed.success && parsed.data.series?.id === seriesId ? [parsed.data] : [];
	});
	const from = sessions.find((session) => session.id === fromClassId);
	if (!from?.series) return;
	const later = sessions
		.filter((session) => (session.series?.position ?? 0) >= (from.series?.position ?? 0))
		.filter((session) => session.status === 'scheduled');
	const moved = (time: string | undefined, instant: string) =>
		time ? `${japanDateTime(instant).date}T${time}:00+09:00` : instant;
	await outbox.queue(
		'series.patch',
		{
			seriesId,
			fromClassId,
			baseVersions: later.map((session) => ({ classId: session.id, version: session.version })),
			changes
		},
		{
			about: { title: from.title, startsAt: from.startsAt },
			record: async () => {
				for (const session of later) {
					await database.rosters.put({
						...session,
						startsAt: moved(changes.startTime, session.startsAt),
						endsAt: moved(changes.endTime, session.endsAt),
						...(changes.venueId ? { venueId: changes.venueId } : {}),
						version: session.version + 1
					});
				}
			}
		}
	);
}
