import { z } from 'zod';
import { idResultSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer removes a venue from the list; refused while a class ahead is held there. */
export const venueRetire = defineMutation({
	kind: 'venue.retire',
	sender: 'volunteer',
	args: z.strictObject({ venueId: idSchema }),
	result: idResultSchema
});
