import { z } from 'zod';

/** Whether a signed-up resident came to the class, as a volunteer marks it on the roster. */
export const attendanceStatuses = ['present', 'absent'] as const;

/** One attendance mark: per (class, sign-up); the latest `markedAt` wins. */
export const attendanceMarkSchema = z.strictObject({
	signupId: z.uuid({ error: 'invalid' }),
	status: z.enum(attendanceStatuses, { error: 'invalid' }),
	markedAt: z.iso.datetime({ offset: true, error: 'invalid' })
});

/** An attendance mark after validation. */
export type AttendanceMark = z.infer<typeof attendanceMarkSchema>;
