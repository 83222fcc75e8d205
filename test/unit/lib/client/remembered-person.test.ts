import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { forgetPerson, rememberPerson, rememberedPerson } from '$lib/client/remembered-person';

let database: YorisoiDatabase;
const person = { name: '山田 花子', nameKana: 'やまだ はなこ', phone: '090-1234-5678' };

describe('remembered-person', () => {
	beforeEach(() => {
		database = new YorisoiDatabase(`test-${crypto.randomUUID()}`);
	});

	afterEach(async () => {
		await database.delete();
	});

	describe('rememberPerson', () => {
		it('keeps the last sign-up’s person on the device, for the next form', async () => {
			await rememberPerson(person, database);
			expect(await rememberedPerson(database)).toEqual(person);
			await rememberPerson({ ...person, phone: '' }, database);
			expect(await rememberedPerson(database)).toEqual({ ...person, phone: '' });
		});

		it('keeps nothing without a name', async () => {
			await rememberPerson({ name: ' ', nameKana: 'やまだ', phone: '' }, database);
			expect(await rememberedPerson(database)).toBeNull();
		});
	});

	describe('rememberedPerson', () => {
		it('is null when nothing, or something unreadable, was stored', async () => {
			expect(await rememberedPerson(database)).toBeNull();
			await database.remembered.put({ key: 'person', value: { name: 42 } });
			expect(await rememberedPerson(database)).toBeNull();
		});
	});

	describe('forgetPerson', () => {
		it('removes the person: the next form starts empty', async () => {
			await rememberPerson(person, database);
			await forgetPerson(database);
			expect(await rememberedPerson(database)).toBeNull();
			expect(await database.remembered.count()).toBe(0);
		});
	});
});
