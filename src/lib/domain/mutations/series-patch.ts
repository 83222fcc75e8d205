import { seriesPatchSchema } from '../series';
import { seriesPatchedSchema, volunteerClassSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/**
 * 「この回から後すべて」: a volunteer moves a session and every later one (clock times, venue).
 * Each session keeps the class rules: one changed since the volunteer saw it refuses the whole
 * change as a conflict, answered with that session as it now is.
 */
export const seriesPatch = defineMutation({
	kind: 'series.patch',
	sender: 'volunteer',
	args: seriesPatchSchema.extend({ seriesId: idSchema }),
	result: seriesPatchedSchema,
	current: volunteerClassSchema
});
