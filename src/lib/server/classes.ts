import { randomUUID } from 'node:crypto';
import type { Database } from './storage/database';

/** A place where classes are held. */
export type NewVenue = { name: string; address: string };

/** A class to publish. Times are ISO-8601 instants. */
export type NewClass = {
	title: string;
	topic: string;
	lessonIds?: string[];
	venueId: string;
	startsAt: string;
	endsAt: string;
	capacity: number;
	loanerTablets?: number;
	tutors?: number;
};

/** Adds a venue; returns its id. */
export async function createVenue(database: Database, venue: NewVenue, now: Date): Promise<string> {
	const id = randomUUID();
	const at = now.toISOString();
	await database.run(
		'INSERT INTO venues (id, name, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
		[id, venue.name, venue.address, at, at]
	);
	return id;
}

/** Publishes a class; returns its id. */
export async function createClass(database: Database, klass: NewClass, now: Date): Promise<string> {
	const id = randomUUID();
	const at = now.toISOString();
	await database.run(
		`INSERT INTO classes (id, title, topic, lesson_ids, venue_id, starts_at, ends_at, capacity,
			loaner_tablets, tutors, status, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', 1, ?, ?)`,
		[
			id,
			klass.title,
			klass.topic,
			JSON.stringify(klass.lessonIds ?? []),
			klass.venueId,
			new Date(klass.startsAt).toISOString(),
			new Date(klass.endsAt).toISOString(),
			klass.capacity,
			klass.loanerTablets ?? 0,
			klass.tutors ?? 1,
			at,
			at
		]
	);
	return id;
}
