import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { Outbox } from '$lib/client/outbox';
import { SyncEngine } from '$lib/client/sync-engine';

const classId = '7d4f8e2a-1b3c-4d5e-8f90-123456789abc';
const signupId = '3e1f2a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';

const signup = {
	id: signupId,
	classId,
	name: '山田 花子',
	device: 'android' as const,
	needsLoaner: false
};

/** A server that answers every pushed mutation as applied and pulls nothing new. */
function fakeServer() {
	const pushed: Array<{ kind: string; args: unknown }> = [];
	const fetch: typeof globalThis.fetch = async (input, init) => {
		const url = new URL(String(input));
		if (url.pathname === '/api/sync/push') {
			const body = JSON.parse(String(init?.body)) as {
				mutations: Array<{ id: string; seq: number; kind: string; args: unknown }>;
			};
			pushed.push(...body.mutations.map(({ kind, args }) => ({ kind, args })));
			const answers = body.mutations.map(({ id, seq, kind }) => ({
				id,
				seq,
				status: 'applied',
				result:
					kind === 'signup.create'
						? { id: signupId, status: 'confirmed', cancelToken: 'token-from-server' }
						: { id: signupId, status: 'cancelled', promoted: [] }
			}));
			return Response.json({ answers });
		}
		return Response.json({ cursor: 7, classes: [], signups: [] });
	};
	return { fetch, pushed };
}

describe('Outbox', () => {
	let database: YorisoiDatabase;
	let wakes: number;
	let outbox: Outbox;

	beforeEach(() => {
		database = new YorisoiDatabase(`outbox-${crypto.randomUUID()}`);
		wakes = 0;
		outbox = new Outbox(database, () => {
			wakes += 1;
		});
	});

	afterEach(async () => {
		await database.delete();
	});

	describe('queue', () => {
		it('stores the mutation with its record, numbered in order, and wakes the sync', async () => {
			const first = await outbox.queue('venue.create', {
				id: classId,
				name: '公民館',
				address: '町'
			});
			const second = await outbox.queue(
				'venue.retire',
				{ venueId: classId },
				{ about: { title: '公民館' }, record: () => database.venues.delete(classId) }
			);
			expect([first.seq, second.seq]).toEqual([1, 2]);
			expect((await database.outbox.get(2))?.about).toEqual({ title: '公民館' });
			expect(wakes).toBe(2);
		});

		it('stores neither the mutation nor its record when the record fails, and wakes nothing', async () => {
			const failing = outbox.queue(
				'class.cancel',
				{ classId },
				{
					record: async () => {
						await database.rosters.put({ id: classId, startsAt: '2026-12-03T01:00:00Z' });
						throw new Error('disk full');
					}
				}
			);
			await expect(failing).rejects.toThrow('disk full');
			expect(await database.outbox.count()).toBe(0);
			expect(await database.rosters.count()).toBe(0);
			expect(await database.syncState.get('nextSeq')).toBeUndefined();
			expect(wakes).toBe(0);
		});
	});

	describe('rows an earlier version stored', () => {
		it('are sent as they are, a cancel with the token its sign-up got meanwhile', async () => {
			// Written as the app before the kind registry wrote them (Dexie version 4, same shape).
			await database.mySignups.put({ ...signup, createdAt: 1, status: 'pending' });
			await database.outbox.bulkAdd([
				{
					seq: 1,
					id: crypto.randomUUID(),
					kind: 'signup.create',
					args: signup,
					createdAt: 1,
					tries: 2
				},
				{
					seq: 2,
					id: crypto.randomUUID(),
					kind: 'signup.cancel',
					args: { signupId },
					createdAt: 2,
					tries: 0
				}
			]);
			await database.syncState.put({ key: 'nextSeq', value: 3 });
			const server = fakeServer();
			const engine = new SyncEngine({
				database,
				baseUrl: 'http://town.example',
				fetch: server.fetch
			});

			expect(await engine.flush()).toEqual({ outcome: 'done', sent: 2 });

			expect(server.pushed).toEqual([
				{ kind: 'signup.create', args: signup },
				{ kind: 'signup.cancel', args: { signupId, cancelToken: 'token-from-server' } }
			]);
			expect(await database.outbox.count()).toBe(0);
			expect(await database.mySignups.get(signupId)).toMatchObject({
				cancelToken: 'token-from-server'
			});
			// A new change continues the stored numbering.
			expect((await outbox.queue('signup.cancel', { signupId })).seq).toBe(3);
		});
	});
});
