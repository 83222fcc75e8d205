import { signupRequestSchema } from '../signup';
import { signupOutcomeSchema, signupSeatSchema } from '../sync-answers';
import { defineMutation } from './define';

/** A resident signs up on their own phone (offline too); the server decides the seat. */
export const signupCreate = defineMutation({
	kind: 'signup.create',
	sender: 'resident',
	args: signupRequestSchema,
	result: signupOutcomeSchema,
	/** Refused as `already_signed_up`: how the earlier sign-up stands (not its id). */
	current: signupSeatSchema
});
