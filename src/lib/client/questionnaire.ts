import type { QuestionnaireAnswer } from '$lib/domain/questionnaire';
import type { Outbox } from './outbox';

/**
 * Queues one person's questionnaire answer for the server (offline too). It has no local
 * record: once the server has it, nothing of it stays on the device. The waiting list shows
 * it by its class only.
 */
export async function queueAnswer(
	outbox: Outbox,
	options: { answer: QuestionnaireAnswer; klass: { title: string; startsAt: string } }
): Promise<void> {
	const { answer, klass } = options;
	await outbox.queue('questionnaire.answer', answer, {
		about: { title: klass.title, startsAt: klass.startsAt }
	});
}
