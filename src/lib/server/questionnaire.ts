import type { QuestionnaireAnswer } from '$lib/domain/questionnaire';
import type { Database } from './storage/database';

/** Why an answer cannot be taken: no such class, a cancelled one, or one not begun yet. */
export class QuestionnaireError extends Error {
	constructor(
		readonly code: 'class_not_found' | 'class_cancelled' | 'questionnaire_too_early',
		readonly status: 404 | 409
	) {
		super(code);
	}
}

/** A class as the questionnaire shows it: its title and the lessons it taught. */
export type QuestionnaireClass = {
	id: string;
	title: string;
	startsAt: string;
	endsAt: string;
	lessonIds: string[];
};

/**
 * The class a questionnaire is about, once it has begun (answers are handed round at its end):
 * `class_not_found` for an unknown class, `class_cancelled`, `questionnaire_too_early` before it
 * starts. Public facts only, no one's data.
 */
export async function questionnaireClass(
	database: Database,
	options: { classId: string; now: Date }
): Promise<QuestionnaireClass> {
	const row = await database.first<{
		id: string;
		title: string;
		starts_at: string;
		ends_at: string;
		lesson_ids: string;
		status: string;
	}>('SELECT id, title, starts_at, ends_at, lesson_ids, status FROM classes WHERE id = ?', [
		options.classId
	]);
	if (!row) throw new QuestionnaireError('class_not_found', 404);
	if (row.status === 'cancelled') throw new QuestionnaireError('class_cancelled', 409);
	if (Date.parse(row.starts_at) > options.now.getTime()) {
		throw new QuestionnaireError('questionnaire_too_early', 409);
	}
	return {
		id: row.id,
		title: row.title,
		startsAt: row.starts_at,
		endsAt: row.ends_at,
		lessonIds: JSON.parse(row.lesson_ids) as string[]
	};
}

/**
 * Keeps one answer, inside the push's transaction: once per (class, answer id) — the same
 * answer id again changes nothing and is accepted again. Ticks of lessons the class does not
 * have (a tablet's old copy) are dropped. Nothing about the sender is stored.
 */
export async function recordAnswerIn(
	tx: Database,
	answer: QuestionnaireAnswer,
	now: Date
): Promise<{ accepted: true }> {
	const klass = await questionnaireClass(tx, { classId: answer.classId, now });
	const canDo = answer.canDo.filter((id) => klass.lessonIds.includes(id));
	await tx.run(
		`INSERT INTO questionnaire_answers
			(class_id, answer_id, clarity, satisfaction, can_do, want_next, comment)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (class_id, answer_id) DO NOTHING`,
		[
			answer.classId,
			answer.answerId,
			answer.clarity,
			answer.satisfaction,
			JSON.stringify(canDo),
			JSON.stringify(answer.wantNext),
			answer.comment ? answer.comment : null
		]
	);
	return { accepted: true };
}
