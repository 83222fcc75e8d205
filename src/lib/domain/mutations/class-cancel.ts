import { z } from 'zod';
import { volunteerClassSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer cancels a class; residents learn it on their next pull. */
export const classCancel = defineMutation({
	kind: 'class.cancel',
	sender: 'volunteer',
	args: z.strictObject({ classId: idSchema }),
	result: volunteerClassSchema
});
