import { randomUUID } from 'node:crypto';
import { expect, request, type APIRequestContext } from '@playwright/test';
import { testAdmin } from './server';

/** One line of a class's roster, as volunteers read it. */
export type RosterLine = {
	id: string;
	name: string;
	status: string;
	waitlistPosition?: number;
	device?: string;
	needs?: string[];
	note?: string | null;
};

/**
 * The server's side of a class test, through its real HTTP API: a logged-in volunteer who
 * publishes classes and reads rosters, and other residents signing up from their own phones.
 */
export class ClassesApi {
	readonly #http: APIRequestContext;
	readonly #baseURL: string;
	#venueId: string | null = null;

	private constructor(http: APIRequestContext, baseURL: string) {
		this.#http = http;
		this.#baseURL = baseURL;
	}

	/** Logs in as the test server's admin. */
	static async logIn(baseURL: string): Promise<ClassesApi> {
		const http = await request.newContext({ baseURL });
		const answer = await http.post('/api/volunteer/login', { data: testAdmin });
		expect(answer.status(), await answer.text()).toBe(200);
		return new ClassesApi(http, baseURL);
	}

	/** Publishes a class a week from now at a test venue; answers its id. */
	async publishClass(options: {
		title: string;
		capacity: number;
		lessonIds?: string[];
	}): Promise<string> {
		if (!this.#venueId) {
			const venue = await this.#http.post('/api/volunteer/venues', {
				data: { name: 'テスト公民館 1階', address: 'みどり県みどり町テスト1-1（架空の住所）' }
			});
			expect(venue.status(), await venue.text()).toBe(201);
			this.#venueId = ((await venue.json()) as { id: string }).id;
		}
		const day = 24 * 60 * 60 * 1000;
		const startsAt = new Date(Date.now() + 7 * day);
		const answer = await this.#http.post('/api/volunteer/classes', {
			data: {
				title: options.title,
				topic: 'LINEの始め方',
				venueId: this.#venueId,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
				capacity: options.capacity,
				lessonIds: options.lessonIds ?? []
			}
		});
		expect(answer.status(), await answer.text()).toBe(201);
		return ((await answer.json()) as { id: string }).id;
	}

	/** Cancels a class, as a volunteer would when the hall is not available. */
	async cancelClass(classId: string): Promise<void> {
		const answer = await this.#http.post(`/api/volunteer/classes/${classId}/cancel`);
		expect(answer.status(), await answer.text()).toBe(200);
	}

	/** Another resident signs up from their own phone (the public endpoint, no session). */
	async signUpSomeoneElse(classId: string, name: string): Promise<string> {
		const http = await request.newContext({ baseURL: this.#baseURL });
		const answer = await http.post('/api/signups', {
			data: { id: randomUUID(), classId, name, device: 'android', needsLoaner: false }
		});
		expect(answer.status(), await answer.text()).toBe(201);
		const body = (await answer.json()) as { status: string };
		await http.dispose();
		return body.status;
	}

	/** The class's roster as the server holds it. */
	async roster(classId: string): Promise<RosterLine[]> {
		const answer = await this.#http.get(`/api/volunteer/classes/${classId}/roster`);
		expect(answer.status(), await answer.text()).toBe(200);
		return ((await answer.json()) as { signups: RosterLine[] }).signups;
	}

	/** Ends the volunteer's session. */
	async dispose(): Promise<void> {
		await this.#http.dispose();
	}
}
