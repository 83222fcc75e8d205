import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClass, createVenue } from '$lib/server/classes';
import { openDatabase, type Database } from '$lib/server/storage/database';
import { AppServer, requireBuild, stopAllServers } from './app-server';
import { send, type Answer } from './http-client';
import type { PublicClass as ListedClass } from '$lib/server/signups';
import { backends, postgresBackend, type TestDatabase } from './backends';
import { fuzzRequests, validBody, type FuzzRequest } from './fuzz';

type Outcome = {
	id: string;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	waitlistPosition?: number;
	cancelToken: string;
};

type ErrorBody = {
	error: {
		code: string;
		message: string;
		fields: Record<string, { code: string; message: string; max?: number }>;
	};
};

/** POSTs a sign-up as JSON. */
function postSignup<T = Outcome>(
	server: AppServer,
	body: unknown,
	headers: Record<string, string> = {}
): Promise<Answer<T>> {
	return send<T>(server, '/api/signups', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body)
	});
}

async function listClasses(server: AppServer): Promise<ListedClass[]> {
	const answer = await send<{ classes: ListedClass[] }>(server, '/api/classes');
	expect(answer.status).toBe(200);
	return answer.body.classes;
}

async function listedClass(server: AppServer, classId: string): Promise<ListedClass> {
	const found = (await listClasses(server)).find((klass) => klass.id === classId);
	if (!found) throw new Error(`class ${classId} is not listed`);
	return found;
}

/** Opens the server's database from the test process (a second connection), for checks. */
async function withDatabase<T>(url: string, work: (database: Database) => Promise<T>): Promise<T> {
	const database = await openDatabase(url);
	try {
		return await work(database);
	} finally {
		await database.close();
	}
}

/** Publishes a class in the server's database, as a volunteer would; returns its id. */
function addClass(url: string, capacity: number): Promise<string> {
	return withDatabase(url, async (database) => {
		const now = new Date();
		const venueId = await createVenue(
			database,
			{ name: '負荷試験会場', address: 'みどり県みどり町試験1-1（架空の住所）' },
			now
		);
		const startsAt = new Date(now.getTime() + 3 * 24 * 60 * 60 * 1000);
		return createClass(
			database,
			{
				title: `${capacity}席の教室`,
				topic: '試験',
				venueId,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 90 * 60 * 1000).toISOString(),
				capacity
			},
			now
		);
	});
}

function countSignups(url: string, where: string, params: unknown[]): Promise<number> {
	return withDatabase(url, async (database) => {
		const row = await database.first<{ n: number }>(
			`SELECT COUNT(*) AS n FROM signups WHERE ${where}`,
			params
		);
		return Number(row?.n);
	});
}

/** Checks a burst's answers: exactly `capacity` seats, and waiting places 1…n, each once. */
function expectSeatsAndWaitlist(answers: Answer<Outcome>[], capacity: number): void {
	expect(answers.map((answer) => answer.status).filter((status) => status !== 201)).toEqual([]);
	const confirmed = answers.filter((answer) => answer.body.status === 'confirmed');
	const waitlisted = answers.filter((answer) => answer.body.status === 'waitlisted');
	expect(confirmed).toHaveLength(capacity);
	expect(waitlisted).toHaveLength(answers.length - capacity);
	const positions = waitlisted.map((answer) => answer.body.waitlistPosition ?? 0);
	expect(positions.sort((a, b) => a - b)).toEqual(
		Array.from({ length: answers.length - capacity }, (_, i) => i + 1)
	);
}

const individualNumber = '1234 5678 9018';

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

for (const backend of backends) {
	describe.skipIf(backend.skipReason !== null)(`production server on ${backend.name}`, () => {
		let made: TestDatabase | undefined;
		let server: AppServer;

		beforeAll(async () => {
			made = await backend.create();
			server = new AppServer(made.url);
			await server.start();
		});

		afterAll(async () => {
			await stopAllServers();
			await made?.drop();
		});

		const url = () => made!.url;

		describe('GET /api/classes', () => {
			it('lists the demo classes, upcoming and with free seats', async () => {
				const answer = await send<{ classes: ListedClass[] }>(server, '/api/classes');
				expect(answer.status).toBe(200);
				expect(answer.headers.get('content-type')).toContain('application/json');
				const { classes } = answer.body;
				expect(classes.length).toBeGreaterThanOrEqual(3);
				for (const klass of classes) {
					expect(klass).toMatchObject({
						id: expect.any(String),
						title: expect.any(String),
						startsAt: expect.any(String),
						endsAt: expect.any(String),
						venue: {
							id: expect.any(String),
							name: expect.any(String),
							address: expect.any(String)
						},
						capacity: expect.any(Number),
						seatsLeft: klass.capacity,
						waitlistLength: 0,
						status: 'scheduled'
					});
					expect(Date.parse(klass.startsAt)).toBeGreaterThan(Date.now());
					expect(Date.parse(klass.endsAt)).toBeGreaterThan(Date.parse(klass.startsAt));
				}
				expect(classes.map((klass) => klass.venue.address).join()).toContain('架空');
			});
		});

		describe('POST /api/signups', () => {
			it('confirms a valid sign-up with 201 and takes a seat', async () => {
				const [klass] = await listClasses(server);
				const body = validBody(klass!.id);
				const answer = await postSignup(server, body);
				expect(answer.status).toBe(201);
				expect(answer.body).toEqual({
					id: body.id,
					status: 'confirmed',
					cancelToken: expect.stringMatching(/^[\w-]{20,}$/)
				});
				expect((await listedClass(server, klass!.id)).seatsLeft).toBe(klass!.seatsLeft - 1);
			});

			it('answers a retry of the same id as the first time: 201, the same outcome and one record', async () => {
				const [, klass] = await listClasses(server);
				const body = validBody(klass!.id);
				const first = await postSignup(server, body);
				const retries = await Promise.all([1, 2, 3].map(() => postSignup(server, body)));
				expect(first.status).toBe(201);
				for (const retry of retries) {
					expect(retry.status).toBe(201);
					expect(retry.body).toEqual(first.body);
				}
				expect(await countSignups(url(), 'id = ?', [body.id])).toBe(1);
				expect((await listedClass(server, klass!.id)).seatsLeft).toBe(klass!.seatsLeft - 1);
			});

			it('refuses the same id with a different body with 409 id_conflict', async () => {
				const [klass] = await listClasses(server);
				const body = validBody(klass!.id);
				expect((await postSignup(server, body)).status).toBe(201);
				const answer = await postSignup<ErrorBody>(server, { ...body, name: '別人 二郎' });
				expect(answer.status).toBe(409);
				expect(answer.body.error.code).toBe('id_conflict');
				expect(answer.body.error.message).toMatch(/申し込み/);
				expect(await countSignups(url(), 'id = ?', [body.id])).toBe(1);
			});

			it('refuses a 個人番号 in the name with 400, explained in Japanese by default', async () => {
				const [klass] = await listClasses(server);
				const body = { ...validBody(klass!.id), name: `山田 ${individualNumber}` };
				const answer = await postSignup<ErrorBody>(server, body);
				expect(answer.status).toBe(400);
				expect(answer.headers.get('content-language')).toBe('ja');
				expect(answer.body.error.code).toBe('invalid_input');
				expect(answer.body.error.message).toMatch(/[ぁ-んァ-ン一-龯]/);
				expect(answer.body.error.fields.name).toEqual({
					code: 'individual_number',
					message: expect.stringContaining('個人番号')
				});
				expect(await countSignups(url(), 'id = ?', [body.id])).toBe(0);
				// The number is never written to the log either.
				expect(server.output.replace(/\D/g, '')).not.toContain('123456789018');
			});

			it('explains the 個人番号 refusal in English with Accept-Language: en or ?lang=en', async () => {
				const [klass] = await listClasses(server);
				const body = { ...validBody(klass!.id), note: `番号は${individualNumber}です` };
				const byHeader = await postSignup<ErrorBody>(server, body, {
					'accept-language': 'en-US,en;q=0.9'
				});
				const byQuery = await send<ErrorBody>(server, '/api/signups?lang=en', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body)
				});
				for (const answer of [byHeader, byQuery]) {
					expect(answer.status).toBe(400);
					expect(answer.headers.get('content-language')).toBe('en');
					expect(answer.body.error.fields.note?.code).toBe('individual_number');
					expect(answer.body.error.fields.note?.message).toMatch(/My Number/);
					expect(answer.body.error.message).toMatch(/^[\x20-\x7e]+$/);
				}
			});

			it('refuses unknown fields with 400 and names each of them', async () => {
				const [klass] = await listClasses(server);
				const body = { ...validBody(klass!.id), status: 'confirmed', waitlistPosition: 0 };
				const answer = await postSignup<ErrorBody>(server, body);
				expect(answer.status).toBe(400);
				expect(answer.body.error.code).toBe('invalid_input');
				expect(answer.body.error.fields.status?.code).toBe('unknown_field');
				expect(answer.body.error.fields.waitlistPosition?.code).toBe('unknown_field');
				expect(await countSignups(url(), 'id = ?', [body.id])).toBe(0);
			});

			it('names unknown fields called constructor or __proto__ too', async () => {
				const [klass] = await listClasses(server);
				const body = JSON.stringify({ ...validBody(klass!.id), constructor: 1 });
				const answers = [
					await postSignup<ErrorBody>(server, JSON.parse(body)),
					await send<ErrorBody>(server, '/api/signups', {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: `${body.slice(0, -1)},"__proto__":{"isAdmin":true}}`
					})
				];
				for (const answer of answers) expect(answer.status).toBe(400);
				expect(answers[0]!.body.error.fields.constructor).toMatchObject({ code: 'unknown_field' });
				expect(Object.keys(answers[1]!.body.error.fields)).toContain('__proto__');
			});

			it('refuses a body over 16 KB with 413, with or without Content-Length', async () => {
				const [klass] = await listClasses(server);
				const bytes = new TextEncoder().encode(
					JSON.stringify({ ...validBody(klass!.id), note: 'あ'.repeat(6_000) })
				);
				expect(bytes.length).toBeGreaterThan(16 * 1024);
				const declared = await send<ErrorBody>(server, '/api/signups', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: bytes
				});
				const chunked = await send<ErrorBody>(server, '/api/signups', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: () =>
						new ReadableStream<Uint8Array>({
							start(controller) {
								for (let at = 0; at < bytes.length; at += 1_000) {
									controller.enqueue(bytes.slice(at, at + 1_000));
								}
								controller.close();
							}
						})
				});
				for (const answer of [declared, chunked]) {
					expect(answer.status).toBe(413);
					expect(answer.body.error.code).toBe('body_too_large');
				}
			});

			it('refuses content that is not JSON with 415', async () => {
				const [klass] = await listClasses(server);
				const bytes = new TextEncoder().encode(JSON.stringify(validBody(klass!.id)));
				for (const type of ['application/xml', 'text/csv', 'application/json-patch+json', null]) {
					const answer = await send<ErrorBody>(server, '/api/signups', {
						method: 'POST',
						headers: type ? { 'content-type': type } : {},
						body: bytes
					});
					expect(answer.status, String(type)).toBe(415);
					expect(answer.body.error.code).toBe('unsupported_media_type');
				}
			});

			it('refuses an unknown class with 404 and a cancelled class with 409', async () => {
				const unknown = await postSignup<ErrorBody>(server, validBody(randomUUID()));
				expect(unknown.status).toBe(404);
				expect(unknown.body.error.code).toBe('class_not_found');

				const classId = await addClass(url(), 5);
				await withDatabase(url(), (database) =>
					database.run("UPDATE classes SET status = 'cancelled' WHERE id = ?", [classId])
				);
				const cancelled = await postSignup<ErrorBody>(server, validBody(classId));
				expect(cancelled.status).toBe(409);
				expect(cancelled.body.error.code).toBe('class_cancelled');
			});

			it('refuses a NUL character in free text with 400, never storing it or failing', async () => {
				const classId = await addClass(url(), 5);
				const answers = [];
				for (const field of ['name', 'note'] as const) {
					const body = { ...validBody(classId), [field]: '山田\u0000花子' };
					answers.push(await postSignup<ErrorBody>(server, body));
				}
				expect(answers.map((answer) => answer.status)).toEqual([400, 400]);
				expect(await countSignups(url(), 'class_id = ?', [classId])).toBe(0);
			});
		});

		describe('DELETE /api/signups/:id', () => {
			it('cancels with the cancel token (200) and gives the seat back', async () => {
				const classId = await addClass(url(), 3);
				const body = validBody(classId);
				const created = await postSignup(server, body);
				expect((await listedClass(server, classId)).seatsLeft).toBe(2);
				const answer = await send<{ id: string; status: string }>(
					server,
					`/api/signups/${body.id}`,
					{ method: 'DELETE', headers: { 'x-cancel-token': created.body.cancelToken } }
				);
				expect(answer.status).toBe(200);
				expect(answer.body).toMatchObject({ id: body.id, status: 'cancelled' });
				expect((await listedClass(server, classId)).seatsLeft).toBe(3);
				// Cancelling again is fine and frees nothing more.
				const again = await send(server, `/api/signups/${body.id}`, {
					method: 'DELETE',
					headers: { 'x-cancel-token': created.body.cancelToken }
				});
				expect(again.status).toBe(200);
				expect((await listedClass(server, classId)).seatsLeft).toBe(3);
			});

			it('gives a freed seat to the first waiting sign-up', async () => {
				const classId = await addClass(url(), 1);
				const [first, second, third] = [1, 2, 3].map(() => validBody(classId));
				const outcome = (await postSignup(server, first)).body;
				expect((await postSignup(server, second)).body.waitlistPosition).toBe(1);
				expect((await postSignup(server, third)).body.waitlistPosition).toBe(2);
				const answer = await send(server, `/api/signups/${outcome.id}`, {
					method: 'DELETE',
					headers: { 'x-cancel-token': outcome.cancelToken }
				});
				expect(answer.status).toBe(200);
				expect((await postSignup(server, second)).body).toMatchObject({ status: 'confirmed' });
				expect((await postSignup(server, third)).body).toMatchObject({
					status: 'waitlisted',
					waitlistPosition: 1
				});
				expect(await listedClass(server, classId)).toMatchObject({
					seatsLeft: 0,
					waitlistLength: 1
				});
			});

			it('refuses a missing or wrong token with 403 and keeps the seat', async () => {
				const classId = await addClass(url(), 3);
				const body = validBody(classId);
				const other = await postSignup(server, validBody(classId));
				expect((await postSignup(server, body)).status).toBe(201);
				const tokens: Array<Record<string, string>> = [
					{},
					{ 'x-cancel-token': 'wrong' },
					{ 'x-cancel-token': other.body.cancelToken }
				];
				for (const headers of tokens) {
					const answer = await send<ErrorBody>(server, `/api/signups/${body.id}`, {
						method: 'DELETE',
						headers
					});
					expect(answer.status).toBe(403);
					expect(answer.body.error.code).toBe('bad_cancel_token');
				}
				expect((await listedClass(server, classId)).seatsLeft).toBe(1);
			});
		});

		describe('concurrency', () => {
			it('gives a 20-seat class exactly 20 seats among 200 simultaneous sign-ups', async () => {
				const classId = await addClass(url(), 20);
				const bodies = Array.from({ length: 200 }, () => validBody(classId));
				const answers = await Promise.all(bodies.map((body) => postSignup(server, body)));
				expectSeatsAndWaitlist(answers, 20);
				expect(await listedClass(server, classId)).toMatchObject({
					seatsLeft: 0,
					waitlistLength: 180
				});
				expect(await countSignups(url(), 'class_id = ?', [classId])).toBe(200);
			});
		});

		describe('hostile input', () => {
			it('answers 1,200 malformed or hostile requests with 4xx only, and keeps serving', async () => {
				const classId = await addClass(url(), 10);
				const before = await countSignups(url(), '1 = 1', []);
				const requests = fuzzRequests({ classId, count: 1_200, seed: 20261124 });
				const statuses = new Map<number, number>();
				const wrong: string[] = [];
				const wrongKinds = new Map<string, number>();
				const refuse = (request: FuzzRequest, what: string) => {
					wrong.push(`${request.label} → ${what}`);
					wrongKinds.set(request.kind ?? '?', (wrongKinds.get(request.kind ?? '?') ?? 0) + 1);
				};
				// A few at a time: the point is what each answer is, not load.
				for (let at = 0; at < requests.length; at += 8) {
					await Promise.all(
						requests.slice(at, at + 8).map(async (request) => {
							try {
								const answer = await send(server, request.path, request);
								statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
								if (answer.status < 400 || answer.status > 499) {
									refuse(request, `${answer.status} ${JSON.stringify(answer.body)}`);
								}
							} catch (error) {
								const { message, cause } = error as Error & { cause?: Error };
								refuse(request, `no answer (${cause?.message ?? message})`);
							}
						})
					);
				}
				// Every one got a 4xx answer (soft: the checks below say more when this fails)…
				const kinds = [...wrongKinds].map(([kind, count]) => `${kind} ×${count}`).join(', ');
				expect
					.soft(wrong.slice(0, 20), `${wrong.length} of ${requests.length} wrong (${kinds})`)
					.toEqual([]);
				// …the requests reached every kind of refusal…
				expect([...statuses.keys()]).toEqual(
					expect.arrayContaining([400, 403, 404, 405, 413, 415])
				);
				// …none of them created anything, and the server still serves.
				expect(await countSignups(url(), '1 = 1', [])).toBe(before);
				expect(server.alive).toBe(true);
				expect((await send(server, '/api/classes')).status).toBe(200);
				// Nothing sent (names, phones, notes) is written to the log.
				expect(server.output).not.toMatch(/佐藤|さとう|0120-12-|杖/);
			});
		});
	});
}

describe('production server on sqlite, killed during a burst', () => {
	let made: TestDatabase | undefined;

	afterEach(async () => {
		await stopAllServers();
		await made?.drop();
	});

	const integrity = (path: string) => {
		const connection = new DatabaseSync(path);
		try {
			return connection.prepare('PRAGMA integrity_check').all();
		} finally {
			connection.close();
		}
	};

	it('loses no acknowledged sign-up, stays intact, and retries make no duplicates', async () => {
		made = await backends[0]!.create();
		const server = new AppServer(made.url);
		await server.start();
		const capacity = 50;
		const classId = await addClass(made.url, capacity);
		const bodies = Array.from({ length: 300 }, () => validBody(classId));

		// The burst: every request at once; the server is killed after the 60th answer.
		const acknowledged = new Map<string, Outcome>();
		const crash: { stopped: Promise<void> | null } = { stopped: null };
		const burst = await Promise.allSettled(
			bodies.map(async (body) => {
				const answer = await postSignup(server, body);
				if (answer.status >= 200 && answer.status < 300) {
					acknowledged.set(String(body.id), answer.body);
				}
				if (acknowledged.size >= 60) crash.stopped ??= server.stop('SIGKILL');
				return answer.status;
			})
		);
		await crash.stopped;
		expect(server.alive).toBe(false);
		const failed = burst.filter((result) => result.status === 'rejected').length;
		// The kill really came in the middle: some requests never got an answer.
		expect(acknowledged.size).toBeGreaterThanOrEqual(60);
		expect(failed).toBeGreaterThan(0);

		const check = (expected: number | null) => {
			expect(integrity(made!.url)).toEqual([{ integrity_check: 'ok' }]);
			const connection = new DatabaseSync(made!.url, { readOnly: true });
			try {
				const rows = connection
					.prepare('SELECT id, status FROM signups WHERE class_id = ?')
					.all(classId) as Array<{ id: string; status: string }>;
				const stored = new Map(rows.map((row) => [row.id, row.status]));
				for (const [id, outcome] of acknowledged) expect(stored.get(id), id).toBe(outcome.status);
				const perId = connection
					.prepare(
						'SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM signups WHERE class_id = ?'
					)
					.get(classId) as { n: number; ids: number };
				expect(perId.n).toBe(perId.ids);
				if (expected !== null) expect(perId.n).toBe(expected);
				expect(rows.filter((row) => row.status === 'confirmed').length).toBeLessThanOrEqual(
					capacity
				);
			} finally {
				connection.close();
			}
		};
		check(null);

		// Restarted on the same file, every request is sent again, as the clients' outboxes would.
		await server.start();
		const retries = await Promise.all(bodies.map((body) => postSignup(server, body)));
		for (const [index, retry] of retries.entries()) {
			const id = String(bodies[index]!.id);
			const before = acknowledged.get(id);
			if (before) {
				expect(retry.status, id).toBe(201);
				expect(retry.body, id).toEqual(before);
			} else {
				expect(retry.status, id).toBe(201);
			}
		}
		expectSeatsAndWaitlist(
			retries.map((retry) => ({ ...retry, status: 201 })),
			capacity
		);
		await server.stop();
		check(bodies.length);
	});
});

describe.skipIf(postgresBackend.skipReason !== null)('production servers sharing postgres', () => {
	const made: TestDatabase[] = [];

	afterEach(async () => {
		await stopAllServers();
		for (const database of made.splice(0)) await database.drop();
	});

	it('three servers started at once on a fresh database all come up', async () => {
		const database = await postgresBackend.create();
		made.push(database);
		const servers = [1, 2, 3].map(() => new AppServer(database.url));
		const started = await Promise.allSettled(servers.map((server) => server.start()));
		const failures = started.flatMap((result) =>
			result.status === 'rejected' ? [(result.reason as Error).message] : []
		);
		expect(failures).toEqual([]);
		for (const server of servers) expect((await listClasses(server)).length).toBeGreaterThan(0);
	});

	it('two servers give a 20-seat class exactly 20 seats among 200 simultaneous sign-ups', async () => {
		const database = await postgresBackend.create();
		made.push(database);
		const servers = [new AppServer(database.url), new AppServer(database.url)];
		// One after the other, so that this test is about sign-ups, not start-up.
		for (const server of servers) await server.start();
		const classId = await addClass(database.url, 20);
		const bodies = Array.from({ length: 200 }, () => validBody(classId));
		const answers = await Promise.all(
			bodies.map((body, index) => postSignup(servers[index % 2]!, body))
		);
		expectSeatsAndWaitlist(answers, 20);

		// Retries through the other server answer the same and add nothing.
		const retries = await Promise.all(
			bodies.slice(0, 50).map((body, index) => postSignup(servers[(index + 1) % 2]!, body))
		);
		for (const [index, retry] of retries.entries()) {
			expect(retry.status).toBe(201);
			expect(retry.body).toEqual(answers[index]!.body);
		}
		expect(await countSignups(database.url, 'class_id = ?', [classId])).toBe(200);
		for (const server of servers) {
			expect(await listedClass(server, classId)).toMatchObject({
				seatsLeft: 0,
				waitlistLength: 180
			});
		}
	});
});
