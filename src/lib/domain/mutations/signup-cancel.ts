import { z } from 'zod';
import { cancelledSignupSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/**
 * A resident cancels their sign-up with its token. A sign-up made offline has no token yet:
 * the device adds it when it sends the cancel, after the creation's answer brought it.
 */
export const signupCancel = defineMutation({
	kind: 'signup.cancel',
	sender: 'resident',
	args: z.strictObject({ signupId: idSchema, cancelToken: z.string().min(1).max(200) }),
	result: cancelledSignupSchema,
	filledWhenSent: ['cancelToken']
});
