import { attendanceMarkSchema } from '../attendance';
import { attendanceMarkResultSchema } from '../sync-answers';
import { defineMutation, idSchema } from './define';

/** A volunteer marks a resident present or absent; the latest `markedAt` wins. */
export const attendanceSet = defineMutation({
	kind: 'attendance.set',
	sender: 'volunteer',
	args: attendanceMarkSchema.extend({ classId: idSchema }),
	result: attendanceMarkResultSchema
});
