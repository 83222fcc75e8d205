import type { QuestionnaireAnswer } from '$lib/domain/questionnaire';
import type { ClassRow, YorisoiDatabase } from './db';
import type { Outbox } from './outbox';

const day = 24 * 60 * 60 * 1000;

/**
 * How long after it ends a class a resident signed up for stays on their phone: the
 * questionnaire opens from 「わたしの申し込み」 without the network for this long.
 */
export const keptAfterClassDays = 7;

/** How long the phone remembers that it answered a class's questionnaire. */
export const answeredKeptDays = 90;

/**
 * Queues one person's questionnaire answer for the server (offline too). It has no local
 * record of what was answered: once the server has it, nothing of it stays on the device. The
 * waiting list shows it by its class only. On a resident's own phone (`remember`), the device
 * notes in the same transaction that this class's questionnaire was answered (the class and
 * when, nothing of the answer), so it is not asked twice; the hall tablet, handed round, does
 * not.
 */
export async function queueAnswer(
	outbox: Outbox,
	options: {
		answer: QuestionnaireAnswer;
		klass: { title: string; startsAt: string };
		remember?: boolean;
		now?: Date;
	}
): Promise<void> {
	const { answer, klass } = options;
	const answeredAt = (options.now ?? new Date()).getTime();
	await outbox.queue('questionnaire.answer', answer, {
		about: { title: klass.title, startsAt: klass.startsAt },
		...(options.remember
			? {
					record: async () => {
						await outbox.database.answeredQuestionnaires.put({
							classId: answer.classId,
							answeredAt
						});
					}
				}
			: {})
	});
}

/** True when this phone has answered the class's questionnaire. */
export async function answeredHere(database: YorisoiDatabase, classId: string): Promise<boolean> {
	return (await database.answeredQuestionnaires.get(classId)) !== undefined;
}

/**
 * The classes that have begun which the device keeps, inside the caller's transaction: those
 * a sign-up of this device (not cancelled or refused) is for — a course's every session — until
 * `keptAfterClassDays` after they end. Every other class is dropped once it has begun.
 */
export async function classesKeptAfterStart(
	database: YorisoiDatabase,
	now: Date
): Promise<ClassRow[]> {
	const begun = await database.classes.where('startsAt').below(now.toISOString()).toArray();
	if (begun.length === 0) return [];
	const signups = (await database.mySignups.toArray()).filter(
		(signup) => signup.status !== 'cancelled' && signup.status !== 'rejected'
	);
	const classIds = new Set(signups.map((signup) => signup.classId));
	const courses = new Set<string>();
	for (const signup of signups) {
		const course = signup.course as { seriesId?: unknown } | undefined;
		if (typeof course?.seriesId === 'string') courses.add(course.seriesId);
	}
	// A course's sign-up sent before the pull said so: its class names the course.
	for (const klass of await database.classes.bulkGet([...classIds])) {
		const series = courseOf(klass);
		if (series) courses.add(series);
	}
	const since = now.getTime() - keptAfterClassDays * day;
	return begun.filter((klass) => {
		const endsAt = Date.parse(String(klass.endsAt));
		if (!(endsAt >= since)) return false;
		const series = courseOf(klass);
		return classIds.has(klass.id) || (series !== null && courses.has(series));
	});
}

/** The course a stored class is a session of, if it is one. */
function courseOf(klass: ClassRow | undefined): string | null {
	const series = klass?.series as { id?: unknown; kind?: unknown } | undefined;
	return series?.kind === 'course' && typeof series.id === 'string' ? series.id : null;
}

/** Forgets answered questionnaires after `answeredKeptDays`, inside the caller's transaction. */
export async function forgetOldAnswers(database: YorisoiDatabase, now: Date): Promise<void> {
	await database.answeredQuestionnaires
		.where('answeredAt')
		.below(now.getTime() - answeredKeptDays * day)
		.delete();
}
