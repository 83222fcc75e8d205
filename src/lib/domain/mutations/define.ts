import { z } from 'zod';
import type * as core from 'zod/v4/core';

const uuid = z.uuid({ error: 'invalid' });

/** The ids a mutation's arguments refer to (a sign-up, a class, a venue). */
export const idSchema = uuid;

/**
 * What every mutation carries: the client's UUID for it (a retry sends the same) and the
 * device's sequence number (1, 2, 3… in the order the user made them).
 */
export const mutationHeaderSchema = z.object({
	id: uuid,
	seq: z
		.number({ error: 'invalid' })
		.int({ error: 'invalid' })
		.min(1, { error: 'invalid' })
		.max(Number.MAX_SAFE_INTEGER, { error: 'invalid' })
});

/** Who may send a kind: anyone's device, or only a push carrying a volunteer's session. */
export type Sender = 'resident' | 'volunteer';

/**
 * Declares one mutation kind: its name, who may send it, its arguments (zod, checked by the
 * server with the single endpoints' rules) and its result (zod/mini: devices read it, the
 * service worker included), and for some kinds what a refusal carries (`current`).
 * `filledWhenSent` names arguments the device adds only when it sends the mutation, because
 * it learns them later (a sign-up's cancel token).
 */
export function defineMutation<
	const Kind extends string,
	Args extends z.ZodType<object>,
	Result extends core.$ZodType,
	const Filled extends readonly (keyof z.input<Args>)[] = [],
	Current extends core.$ZodType = core.$ZodUndefined
>(declaration: {
	kind: Kind;
	sender: Sender;
	args: Args;
	result: Result;
	/**
	 * What a refusal carries besides its code (zod/mini): the record as it now is, for the
	 * person to compare (a class edited meanwhile, the earlier sign-up of the same person).
	 * Kinds without it are refused with a code alone.
	 */
	current?: Current;
	filledWhenSent?: Filled;
	/**
	 * An anonymous kind (a questionnaire answer): the mutation log keeps its id, device and
	 * time as for any kind, but nothing that could tie the record it made back to them.
	 */
	anonymous?: true;
}) {
	return {
		...declaration,
		/** The whole mutation as pushed: header, kind and arguments, nothing else. */
		schema: z.strictObject(
			{ ...mutationHeaderSchema.shape, kind: z.literal(declaration.kind), args: declaration.args },
			{ error: 'unknown_field' }
		)
	};
}
