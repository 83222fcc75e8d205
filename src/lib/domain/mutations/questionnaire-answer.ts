import { questionnaireAnswerSchema } from '../questionnaire';
import { answerAcceptedSchema } from '../sync-answers';
import { defineMutation } from './define';

/**
 * One person's after-class questionnaire answer, from the hall tablet handed round or from a
 * resident's phone. Anonymous: the server keeps the answer apart from the device that sent it
 * (`anonymous`: the mutation log keeps no trace of its arguments), and accepts it once per
 * (class, answer id).
 */
export const questionnaireAnswer = defineMutation({
	kind: 'questionnaire.answer',
	sender: 'resident',
	anonymous: true,
	args: questionnaireAnswerSchema,
	result: answerAcceptedSchema
});
