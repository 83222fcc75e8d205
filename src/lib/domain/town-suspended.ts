import * as z from 'zod/mini';
import { localizedTextSchema } from './town';

/**
 * What a suspended town's API answers (`503`, code `town_suspended`): beside the error, whom
 * to call — the town office — so every page can say it in the user's own words.
 */
export const townSuspendedAnswerSchema = z.object({
	error: z.object({ code: z.literal('town_suspended') }),
	contact: z.object({
		name: localizedTextSchema,
		office: localizedTextSchema,
		phone: z.string()
	})
});

/** The town office to call while the town's service is paused. */
export type SuspendedTownContact = z.infer<typeof townSuspendedAnswerSchema>['contact'];

/** The contact of a suspended town's answer, or null for any other answer. */
export async function suspendedContact(response: Response): Promise<SuspendedTownContact | null> {
	if (response.status !== 503) return null;
	const parsed = townSuspendedAnswerSchema.safeParse(await response.json().catch(() => null));
	return parsed.success ? parsed.data.contact : null;
}
