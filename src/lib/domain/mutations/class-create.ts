import { newClassSchema } from '../class';
import { idResultSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer publishes a class, with the id the device made for it. */
export const classCreate = defineMutation({
	kind: 'class.create',
	sender: 'volunteer',
	args: newClassSchema.safeExtend({ id: idSchema }),
	result: idResultSchema
});
