import { onBehalfSignupSchema } from '../signup';
import { earlierSignupSchema, signupOutcomeSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer signs up a resident who phoned the hall, or a walk-in at the class. */
export const signupCreateOnBehalf = defineMutation({
	kind: 'signup.createOnBehalf',
	sender: 'volunteer',
	args: onBehalfSignupSchema.extend({ classId: idSchema }),
	result: signupOutcomeSchema,
	/** Refused as `possible_duplicate`: the earlier sign-up of the same person. */
	current: earlierSignupSchema
});
