import { z } from 'zod';
import { mutationHeaderSchema } from './mutations';
import { maxPushBatch } from './sync-answers';

const uuid = z.uuid({ error: 'invalid' });

/**
 * `POST /api/sync/push`. Each mutation is validated on its own, so that one the server cannot
 * read is answered as rejected instead of blocking the rest of the queue.
 */
export const pushRequestSchema = z.strictObject(
	{
		deviceId: uuid,
		mutations: z
			.array(mutationHeaderSchema.loose(), { error: 'invalid' })
			.min(1, { error: 'required' })
			.max(maxPushBatch, { error: 'too_long' })
	},
	{ error: 'unknown_field' }
);

/** `GET /api/sync/pull` query: the device and what it has already seen. */
export const pullQuerySchema = z.strictObject({
	deviceId: uuid,
	cursor: z.coerce
		.number({ error: 'invalid' })
		.int({ error: 'invalid' })
		.min(0, { error: 'invalid' })
		.max(Number.MAX_SAFE_INTEGER, { error: 'invalid' })
});

// The mutation kinds, each in its own file, are collected in mutations/index.ts.
export type { Mutation, MutationKind } from './mutations';

// What devices read back (answers, pulled classes and rosters) and the push's limits live in
// sync-answers.ts, written with zod/mini: the service worker's Background Sync needs them and
// nothing else of zod.
export * from './sync-answers';
