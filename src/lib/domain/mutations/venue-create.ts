import { newVenueSchema } from '../class';
import { idResultSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer adds a venue, with the id the device made for it (offline too). */
export const venueCreate = defineMutation({
	kind: 'venue.create',
	sender: 'volunteer',
	args: newVenueSchema.safeExtend({ id: idSchema }),
	result: idResultSchema
});
