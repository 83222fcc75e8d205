import { z } from 'zod';
import { cancelledSignupSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer cancels a resident's sign-up for them (no token needed). */
export const signupCancelOnBehalf = defineMutation({
	kind: 'signup.cancelOnBehalf',
	sender: 'volunteer',
	args: z.strictObject({ signupId: idSchema }),
	result: cancelledSignupSchema
});
