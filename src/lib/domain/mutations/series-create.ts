import { newSeriesSchema } from '../series';
import { seriesCreatedSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/**
 * A volunteer publishes a series (a repeating class or a course) from one form: every date
 * with the id the device made for it, so each session shows at once, offline too.
 */
export const seriesCreate = defineMutation({
	kind: 'series.create',
	sender: 'volunteer',
	args: newSeriesSchema.safeExtend({ id: idSchema }),
	result: seriesCreatedSchema
});
