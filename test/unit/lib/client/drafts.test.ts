import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { Draft } from '$lib/client/drafts.svelte';

let database: YorisoiDatabase;

describe('Draft', () => {
	beforeEach(() => {
		database = new YorisoiDatabase(`test-${crypto.randomUUID()}`);
	});

	afterEach(async () => {
		await database.delete();
	});

	describe('save', () => {
		it('stores the text with the time it was typed', async () => {
			const draft = new Draft('home.memo', database);
			const before = Date.now();
			draft.value = 'マイナンバーカードの暗証番号';
			const after = Date.now();

			await draft.save();

			const row = await database.drafts.get('home.memo');
			expect(row?.value).toBe('マイナンバーカードの暗証番号');
			expect(row?.updatedAt).toBeGreaterThanOrEqual(before);
			expect(row?.updatedAt).toBeLessThanOrEqual(after);
		});

		it('stamps a write the database held back with when its text was typed, not written', async () => {
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				const draft = new Draft('home.memo', database);
				vi.setSystemTime(1_000);
				draft.value = 'LINEの写真';
				// Typed while the first write is in flight: written after it, at 5 000. A reload
				// could cut the next write, whose text's mirror must then still look newer.
				vi.setSystemTime(2_000);
				draft.value = 'LINEの写真の送';
				vi.setSystemTime(5_000);
				await draft.flushed();

				expect(await database.drafts.get('home.memo')).toEqual({
					key: 'home.memo',
					value: 'LINEの写真の送',
					updatedAt: 2_000
				});
			} finally {
				vi.useRealTimers();
			}
		});

		it('saves on every assignment, so binding an input is enough', async () => {
			const draft = new Draft('home.memo', database);
			draft.value = 'LINE';
			draft.value = 'LINEの写真';

			await draft.flushed();

			expect((await database.drafts.get('home.memo'))?.value).toBe('LINEの写真');
		});

		it('keeps the last of several rapid saves', async () => {
			const draft = new Draft('home.memo', database);
			const saves: Promise<void>[] = [];
			for (const value of ['ス', 'スマ', 'スマホ', 'スマホ教室']) {
				draft.value = value;
				saves.push(draft.save());
			}
			await Promise.all(saves);

			expect((await database.drafts.get('home.memo'))?.value).toBe('スマホ教室');
		});

		it('deletes the row when the last rapid save is empty', async () => {
			const draft = new Draft('home.memo', database);
			draft.value = 'メモ';
			const first = draft.save();
			draft.value = '';
			const second = draft.save();
			await Promise.all([first, second]);

			expect(await database.drafts.get('home.memo')).toBeUndefined();
		});

		it('keeps fields apart by key', async () => {
			const name = new Draft('signup.name', database);
			const phone = new Draft('signup.phone', database);
			name.value = 'みどり 花子';
			phone.value = '000-000-0000';

			await Promise.all([name.save(), phone.save()]);

			expect((await database.drafts.get('signup.name'))?.value).toBe('みどり 花子');
			expect((await database.drafts.get('signup.phone'))?.value).toBe('000-000-0000');
		});
	});

	describe('flushed', () => {
		it('resolves once every save so far has been written', async () => {
			const draft = new Draft('home.memo', database);
			draft.value = 'a';
			void draft.save();
			draft.value = 'ab';
			void draft.save();

			await draft.flushed();

			expect((await database.drafts.get('home.memo'))?.value).toBe('ab');
		});
	});

	describe('restore', () => {
		it('prefers the synchronous copy when the last database write was cut short', async () => {
			const before = new Draft('home.memo', database);
			before.value = 'LINEの写真の送り';
			await before.flushed();
			// The last keystroke reached localStorage, but its IndexedDB write was lost in a reload.
			localStorage.setItem(
				'yorisoi.draft.home.memo',
				JSON.stringify({ value: 'LINEの写真の送り方', updatedAt: Date.now() + 1_000 })
			);

			const after = new Draft('home.memo', database);
			await after.restore();

			expect(after.value).toBe('LINEの写真の送り方');
		});

		it('prefers the synchronous copy typed in the same millisecond as the last write', async () => {
			const before = new Draft('home.memo', database);
			before.value = 'LINEの写真の送';
			await before.flushed();
			const row = await database.drafts.get('home.memo');
			localStorage.setItem(
				'yorisoi.draft.home.memo',
				JSON.stringify({ value: 'LINEの写真の送り', updatedAt: row?.updatedAt })
			);

			const after = new Draft('home.memo', database);
			await after.restore();

			expect(after.value).toBe('LINEの写真の送り');
		});

		it('ignores a broken or older synchronous copy', async () => {
			const before = new Draft('home.memo', database);
			before.value = '新しいほう';
			await before.flushed();
			localStorage.setItem(
				'yorisoi.draft.home.memo',
				JSON.stringify({ value: '古いほう', updatedAt: 0 })
			);
			const older = new Draft('home.memo', database);
			await older.restore();
			expect(older.value).toBe('新しいほう');

			localStorage.setItem('yorisoi.draft.home.memo', '{not json');
			const broken = new Draft('home.memo', database);
			await broken.restore();
			expect(broken.value).toBe('新しいほう');
		});

		it('keeps nothing after clear(), in either copy', async () => {
			const draft = new Draft('home.memo', database);
			draft.value = '消すメモ';
			await draft.clear();

			const after = new Draft('home.memo', database);
			await after.restore();
			expect(after.value).toBe('');
			expect(localStorage.getItem('yorisoi.draft.home.memo')).toBeNull();
		});

		it('reads the text another instance saved (after a reload)', async () => {
			const before = new Draft('home.memo', database);
			before.value = '次の教室で聞くこと';
			await before.save();

			const after = new Draft('home.memo', database);
			expect(after.restored).toBe(false);
			await after.restore();

			expect(after.value).toBe('次の教室で聞くこと');
			expect(after.restored).toBe(true);
		});

		it('leaves the text empty when nothing was saved', async () => {
			const draft = new Draft('home.memo', database);

			await draft.restore();

			expect(draft.value).toBe('');
			expect(draft.restored).toBe(true);
		});

		it('does not overwrite text typed before it finished', async () => {
			const before = new Draft('home.memo', database);
			before.value = '古いメモ';
			await before.save();

			const after = new Draft('home.memo', database);
			const restoring = after.restore();
			after.value = '新しく入力した文字';
			await restoring;

			expect(after.value).toBe('新しく入力した文字');
			expect(after.restored).toBe(true);
		});
	});

	describe('clear', () => {
		it('empties the text and deletes the row', async () => {
			const draft = new Draft('home.memo', database);
			draft.value = 'メモ';
			await draft.save();

			await draft.clear();

			expect(draft.value).toBe('');
			expect(await database.drafts.get('home.memo')).toBeUndefined();
			const later = new Draft('home.memo', database);
			await later.restore();
			expect(later.value).toBe('');
		});

		it('wins over a save that was still being written', async () => {
			const draft = new Draft('home.memo', database);
			draft.value = 'メモ';
			const saving = draft.save();

			await draft.clear();
			await saving;

			expect(await database.drafts.get('home.memo')).toBeUndefined();
		});
	});
});
