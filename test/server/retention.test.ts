import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '$lib/server/migrations';
import { createClass, createVenue } from '$lib/server/classes';
import { anonymiseOldSignups, retentionDays } from '$lib/server/retention';
import { cancelTokenKey, createSignup } from '$lib/server/signups';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { backends, type TestDatabase } from './backends';

const day = 24 * 60 * 60 * 1000;

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`retention on ${backend.name}`, () => {
		let testDatabase: TestDatabase;
		let database: Database;

		beforeAll(async () => {
			testDatabase = await backend.create();
			database = await openDatabase(testDatabase.url);
			await migrate(database);
		});

		afterAll(async () => {
			await database?.close();
			await testDatabase?.drop();
		});

		async function classWithSignup(start: Date, name: string) {
			const venue = await createVenue(database, { name: '公民館', address: '架空' }, start);
			const classId = await createClass(
				database,
				{
					title: '教室',
					topic: 'テスト',
					venueId: venue,
					startsAt: start.toISOString(),
					endsAt: new Date(start.getTime() + 90 * 60 * 1000).toISOString(),
					capacity: 5
				},
				new Date(start.getTime() - 30 * day)
			);
			const id = crypto.randomUUID();
			await createSignup(
				database,
				{
					id,
					classId,
					name,
					phone: '090-1234-5678',
					device: 'android',
					needsLoaner: false,
					needs: ['sight'],
					note: 'メモ'
				},
				{ now: new Date(start.getTime() - 10 * day), key: await cancelTokenKey(database) }
			);
			return id;
		}

		it('removes names, phones, needs and notes of classes older than the limit, only', async () => {
			const now = new Date('2027-06-01T00:00:00Z');
			const old = await classWithSignup(new Date(now.getTime() - 100 * day), '古い 太郎');
			const recent = await classWithSignup(new Date(now.getTime() - 30 * day), '新しい 花子');

			expect(await anonymiseOldSignups(database, { now, days: 90 })).toBe(1);

			const rows = await database.all<{
				id: string;
				name: string;
				phone: string | null;
				note: string | null;
				needs: string;
				status: string;
			}>('SELECT id, name, phone, note, needs, status FROM signups WHERE id IN (?, ?)', [
				old,
				recent
			]);
			const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
			expect(byId[old]).toMatchObject({
				name: '',
				phone: null,
				note: null,
				needs: '[]',
				status: 'confirmed'
			});
			expect(byId[recent]).toMatchObject({ name: '新しい 花子', phone: '090-1234-5678' });

			// Running again changes nothing more.
			expect(await anonymiseOldSignups(database, { now, days: 90 })).toBe(0);
		});
	});
}

describe('retentionDays', () => {
	it('defaults to 90 and refuses nonsense', () => {
		expect(retentionDays({})).toBe(90);
		expect(retentionDays({ YORISOI_RETENTION_DAYS: '30' })).toBe(30);
		expect(retentionDays({ YORISOI_RETENTION_DAYS: '-1' })).toBe(90);
		expect(retentionDays({ YORISOI_RETENTION_DAYS: 'soon' })).toBe(90);
	});
});
