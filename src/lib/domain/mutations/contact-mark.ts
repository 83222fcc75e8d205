import { contactMarkSchema } from '../call-list';
import { contactMarkResultSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer ticks (or unticks) 「連絡済み」 on the call list; the latest `markedAt` wins. */
export const contactMark = defineMutation({
	kind: 'contact.mark',
	sender: 'volunteer',
	args: contactMarkSchema.extend({ classId: idSchema }),
	result: contactMarkResultSchema
});
