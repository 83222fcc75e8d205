import { z } from 'zod';
import { venuePatchSchema } from '../class';
import { venueSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer renames a venue or changes its address; answered with the venue as it now is. */
export const venuePatch = defineMutation({
	kind: 'venue.patch',
	sender: 'volunteer',
	args: z.strictObject({ venueId: idSchema, changes: venuePatchSchema }),
	result: venueSchema
});
