import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { newTownSchema, type NewTown } from '$lib/domain/operator';
import { newTownDetails } from '$lib/domain/town-defaults';
import { idleTimeout } from '$lib/server/auth';
import { createClass, createVenue } from '$lib/server/classes';
import {
	createTown,
	listTownsWithCounts,
	OperatorError,
	setTownSuspended
} from '$lib/server/operator-towns';
import { ensureOperator, logInOperator, operatorForSession } from '$lib/server/operators';
import { cancelTokenKey, cancelSignup, createSignup } from '$lib/server/signups';
import type { Database } from '$lib/server/storage/database';
import { SuspendedTowns } from '$lib/server/town-suspension';
import { defaultTownId } from '$lib/server/towns';
import { backends } from './backends';
import { validSignup } from './requests';
import { migratedDatabase } from './seed';

const now = new Date('2026-06-01T00:00:00.000Z');
const day = 24 * 60 * 60 * 1000;
const password = `${randomBytes(12).toString('base64url')}-Op9`;
const operatorEnv = {
	YORISOI_OPERATOR_EMAIL: 'Operator@Service.example',
	YORISOI_OPERATOR_PASSWORD: password
};

/** A valid new town's request (fictional), checked by the API's schema. */
function townRequest(id: string, hosts: string[], email = `admin@${id}.example`): NewTown {
	return newTownSchema.parse({
		id,
		hosts,
		town: newTownDetails({
			id,
			fictional: true,
			name: { ja: 'ひなた町', 'ja-easy': 'ひなた{町|ちょう}', en: 'Hinata Town' },
			office: {
				name: {
					ja: 'ひなた町役場',
					'ja-easy': 'ひなた{町|ちょう}{役場|やくば}',
					en: 'Hinata Town Office'
				},
				phone: '000-111-2222'
			},
			colours: { primary: '#1e3a8a', background: '#f5f7fb' }
		}),
		admin: {
			email,
			name: 'ひなた 管理者',
			password: `${randomBytes(12).toString('base64url')}-Hn1`
		}
	}) as NewTown;
}

describe.each(backends)('the operator’s storage on $name', (backend) => {
	const removals: Array<() => Promise<void>> = [];

	afterEach(async () => {
		await Promise.all(removals.splice(0).map((remove) => remove()));
	});

	async function fresh(): Promise<{ database: Database; operator: { id: string; email: string } }> {
		const made = await migratedDatabase(backend);
		removals.push(made.remove);
		expect(await ensureOperator(made.database, operatorEnv, now)).toBe('operator@service.example');
		const session = await logInOperator(made.database, {
			email: 'operator@service.example',
			password,
			now
		});
		return { database: made.database, operator: session!.operator };
	}

	it.skipIf(backend.skipReason !== null)(
		'makes the operator once from the environment, never with a weak password',
		async () => {
			const made = await migratedDatabase(backend);
			removals.push(made.remove);
			const { database } = made;
			expect(await ensureOperator(database, {}, now)).toBeNull();
			await expect(
				ensureOperator(
					database,
					{ YORISOI_OPERATOR_EMAIL: 'op@x.example', YORISOI_OPERATOR_PASSWORD: 'password1' },
					now
				)
			).rejects.toThrow('common_password');
			await expect(
				ensureOperator(
					database,
					{ YORISOI_OPERATOR_EMAIL: 'op@x.example', YORISOI_OPERATOR_PASSWORD: 'short' },
					now
				)
			).rejects.toThrow('weak_password');
			expect(await ensureOperator(database, operatorEnv, now)).toBe('operator@service.example');
			// A second start (or server) adds nothing.
			expect(await ensureOperator(database, operatorEnv, now)).toBeNull();
			const rows = await database.all<{ password_hash: string }>(
				'SELECT password_hash FROM operators'
			);
			expect(rows).toHaveLength(1);
			expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'ends an operator’s session after the idle limit, and refuses a wrong password',
		async () => {
			const { database } = await fresh();
			expect(
				await logInOperator(database, { email: 'operator@service.example', password: 'x', now })
			).toBeNull();
			const session = await logInOperator(database, {
				email: ' OPERATOR@service.example',
				password,
				now
			});
			expect(session).not.toBeNull();
			const token = session!.token;
			const later = new Date(now.getTime() + idleTimeout / 2);
			expect(await operatorForSession(database, { token, now: later })).toMatchObject({
				email: 'operator@service.example'
			});
			// Used half-way, so idle only from then on.
			const idle = new Date(later.getTime() + idleTimeout + 1000);
			expect(await operatorForSession(database, { token, now: idle })).toBeNull();
			// Ended for good: not valid again even at an earlier time.
			expect(await operatorForSession(database, { token, now: later })).toBeNull();
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'makes a town all or nothing: a taken host leaves no town and no admin behind',
		async () => {
			const { database, operator } = await fresh();
			await createTown(database, {
				request: townRequest('hinata', ['hinata.localhost']),
				operator,
				now
			});
			const clash = townRequest('kaze', ['kaze.localhost', 'hinata.localhost']);
			const refusal = await createTown(database, { request: clash, operator, now }).catch(
				(error: unknown) => error
			);
			expect(refusal).toBeInstanceOf(OperatorError);
			expect(refusal).toMatchObject({ status: 409, code: 'host_taken' });
			expect(await database.first("SELECT id FROM towns WHERE id = 'kaze'")).toBeUndefined();
			expect(
				await database.first("SELECT host FROM town_hosts WHERE host = 'kaze.localhost'")
			).toBeUndefined();
			expect(
				await database.first('SELECT id FROM volunteers WHERE email = ?', [clash.admin.email])
			).toBeUndefined();
			// Two operators making the same town at once: one town, one refusal.
			const results = await Promise.allSettled([
				createTown(database, { request: townRequest('sora', ['sora.localhost']), operator, now }),
				createTown(database, {
					request: townRequest('sora', ['sora2.localhost'], 'other@sora.example'),
					operator,
					now
				})
			]);
			expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
			const hosts = await database.all<{ host: string }>(
				"SELECT host FROM town_hosts WHERE town_id = 'sora'"
			);
			expect(hosts).toHaveLength(1);
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'counts each town’s classes, sign-ups and volunteers, leaving out cancelled and inactive ones',
		async () => {
			const { database, operator } = await fresh();
			const made = await createTown(database, {
				request: townRequest('hinata', ['hinata.localhost']),
				operator,
				now
			});
			const venueId = await createVenue(
				database,
				{ name: 'ひなた公民館', address: 'ひなた町1-1（架空の住所）' },
				now,
				undefined,
				'hinata'
			);
			const klass = (offset: number) =>
				createClass(
					database,
					{
						title: 'スマホ教室',
						topic: '',
						venueId,
						startsAt: new Date(now.getTime() + offset * day).toISOString(),
						endsAt: new Date(now.getTime() + offset * day + 3_600_000).toISOString(),
						capacity: 5
					},
					now
				);
			const first = await klass(2);
			await klass(3);
			const key = await cancelTokenKey(database);
			const kept = await createSignup(database, validSignup(first), { now, key });
			const gone = await createSignup(database, validSignup(first), { now, key });
			await cancelSignup(database, {
				id: gone.outcome.id,
				cancelToken: gone.outcome.cancelToken,
				now
			});
			expect(kept.outcome.status).toBe('confirmed');
			await database.run('UPDATE volunteers SET disabled = 1 WHERE id = ?', [made.adminId]);
			const towns = new Map((await listTownsWithCounts(database)).map((town) => [town.id, town]));
			expect([...towns.keys()].sort()).toEqual(['hinata', defaultTownId].sort());
			expect(towns.get('hinata')).toMatchObject({
				hosts: ['hinata.localhost'],
				suspended: false,
				counts: { classes: 2, signups: 1, volunteers: 0 }
			});
			expect(towns.get(defaultTownId)!.counts).toEqual({ classes: 0, signups: 0, volunteers: 0 });
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'suspends and resumes a town; another process sees it after its next read',
		async () => {
			const { database, operator } = await fresh();
			await createTown(database, {
				request: townRequest('hinata', ['hinata.localhost']),
				operator,
				now
			});
			const suspended = new SuspendedTowns(database);
			expect(await suspended.contactIfSuspended('hinata')).toBeNull();
			await setTownSuspended(database, { townId: 'hinata', suspended: true, operator, now });
			await suspended.refresh();
			expect(await suspended.contactIfSuspended('hinata')).toEqual({
				name: { ja: 'ひなた町', 'ja-easy': 'ひなた{町|ちょう}', en: 'Hinata Town' },
				office: {
					ja: 'ひなた町役場',
					'ja-easy': 'ひなた{町|ちょう}{役場|やくば}',
					en: 'Hinata Town Office'
				},
				phone: '000-111-2222'
			});
			expect(await suspended.contactIfSuspended(defaultTownId)).toBeNull();
			await setTownSuspended(database, { townId: 'hinata', suspended: false, operator, now });
			await suspended.refresh();
			expect(await suspended.contactIfSuspended('hinata')).toBeNull();
			await expect(
				setTownSuspended(database, { townId: 'nowhere', suspended: true, operator, now })
			).rejects.toMatchObject({ status: 404, code: 'town_not_found' });
		}
	);
});
