import { consultationCreateSchema } from '../consultation';
import { idResultSchema } from '../sync-answers';
import { defineMutation } from './define';

/** A volunteer publishes a block of 相談会 slots (each slot a class), offline too. */
export const consultationCreate = defineMutation({
	kind: 'consultation.create',
	sender: 'volunteer',
	args: consultationCreateSchema,
	result: idResultSchema
});
