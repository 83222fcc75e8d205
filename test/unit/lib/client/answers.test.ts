import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerHandlers } from '$lib/client/answers';
import { YorisoiDatabase, type OutboxRow } from '$lib/client/db';
import { Outbox } from '$lib/client/outbox';
import { queueCancel, queueSignup, type MySignup } from '$lib/client/sync-engine';

// What a sign-up's answers do on the device when it was cancelled before they came: cases the
// sync simulator (test/sim) found.
const classId = '0b7c3a52-1d5e-4f0a-9a64-5b1f3c2d4e6f';
const signupId = '7d1f0e0a-2b4c-4e8a-9c1d-3f5a6b7c8d9e';

describe('a sign-up cancelled before its answer came', () => {
	let database: YorisoiDatabase;
	let outbox: Outbox;

	beforeEach(async () => {
		database = new YorisoiDatabase(`answers-${crypto.randomUUID()}`);
		outbox = new Outbox(database, () => {});
		await queueSignup(outbox, {
			id: signupId,
			classId,
			name: '山田 花子',
			device: 'android',
			needsLoaner: false
		});
		await queueCancel(outbox, signupId);
	});

	afterEach(async () => {
		await database.delete();
	});

	const rows = async () => {
		const [create, cancel] = await database.outbox.orderBy('seq').toArray();
		return {
			create: create as OutboxRow<'signup.create'>,
			cancel: cancel as OutboxRow<'signup.cancel'>
		};
	};
	const mine = async () => (await database.mySignups.get(signupId)) as MySignup;

	it('keeps no waiting place once cancelled, whatever the creation’s answer says', async () => {
		const { create } = await rows();
		await answerHandlers['signup.create'](database, create, {
			id: create.id,
			seq: create.seq,
			status: 'applied',
			result: { id: signupId, status: 'waitlisted', waitlistPosition: 2, cancelToken: 'token' }
		});
		expect(await mine()).toMatchObject({
			status: 'cancelled',
			waitlistPosition: null,
			cancelToken: 'token'
		});
	});

	it('stays refused when the creation was refused and the cancel then found nothing', async () => {
		const { create, cancel } = await rows();
		const refused = (code: string) => ({ code, message: '…', fields: {} });
		await answerHandlers['signup.create'](database, create, {
			id: create.id,
			seq: create.seq,
			status: 'rejected',
			error: refused('class_cancelled')
		});
		await answerHandlers['signup.cancel'](database, cancel, {
			id: cancel.id,
			seq: cancel.seq,
			status: 'rejected',
			error: refused('signup_not_found')
		});
		expect(await mine()).toMatchObject({ status: 'rejected', error: { code: 'class_cancelled' } });
	});
});
