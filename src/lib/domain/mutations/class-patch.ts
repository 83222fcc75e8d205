import { classPatchSchema } from '../class';
import { patchedClassSchema, volunteerClassSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/**
 * A volunteer's field patch of a class, based on the version they were shown; a stale change
 * of time, venue or capacity is refused as a conflict with the class as it now is. Answered
 * with the class as it now is and the waiting sign-ups more capacity confirmed.
 */
export const classPatch = defineMutation({
	kind: 'class.patch',
	sender: 'volunteer',
	args: classPatchSchema.extend({ classId: idSchema }),
	result: patchedClassSchema,
	current: volunteerClassSchema
});
