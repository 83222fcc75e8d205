import { z } from 'zod';
import { db, type YorisoiDatabase } from './db';

const key = 'person';

/**
 * The person of this device's last sign-up, as the next sign-up form offers it. Checked on
 * read: an older app version, or a broken write, may have left something else.
 */
const rememberedPersonSchema = z.object({
	name: z.string().trim().min(1),
	nameKana: z.string(),
	phone: z.string()
});

/** The name, reading and phone of the last sign-up made on this device. */
export type RememberedPerson = z.infer<typeof rememberedPersonSchema>;

/** Keeps the person of a sign-up on this device only (IndexedDB), for the next form. */
export async function rememberPerson(
	person: RememberedPerson,
	database: YorisoiDatabase = db
): Promise<void> {
	const parsed = rememberedPersonSchema.safeParse(person);
	if (!parsed.success) return;
	await database.remembered.put({ key, value: parsed.data });
}

/** The person remembered, or null (never remembered, forgotten, or unreadable). */
export async function rememberedPerson(
	database: YorisoiDatabase = db
): Promise<RememberedPerson | null> {
	const row = await database.remembered.get(key);
	const parsed = rememberedPersonSchema.safeParse(row?.value);
	return parsed.success ? parsed.data : null;
}

/** Forgets the person: the next form starts empty. */
export async function forgetPerson(database: YorisoiDatabase = db): Promise<void> {
	await database.remembered.delete(key);
}
