import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationSlots } from '$lib/domain/consultation';
import { mutationKinds, type MutationKind } from '$lib/domain/mutations';
import type { MutationAnswer } from '$lib/domain/sync';
import { AppServer, requireBuild, stopAllServers } from './app-server';
import { backends } from './backends';
import { send, type Answer } from './http-client';
import { demoPassword, logInOn, on, sendTo, type Host } from './hosts';
import { validSignup } from './requests';

// Issue 17, first slice: one server, two towns (YORISOI_DEMO=2 seeds あおば村 at aoba.localhost
// beside みどり町, the default town, which answers midori.localhost and every other host).
// Each town's admin fills their town through the API; then みどり町's admin asks, on みどり町's
// host, for everything of あおば村 by its ids — every volunteer route, every mutation kind —
// and every answer must be "not found", with none of あおば村's data in any body.

const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

/** What one town holds after `fill`: its ids and the texts only it has. */
type TownData = {
	host: Host;
	cookie: string;
	adminId: string;
	classId: string;
	signupId: string;
	cancelToken: string;
	venueId: string;
	volunteerId: string;
	seriesId: string;
	sessionIds: string[];
	consultationId: string;
	slotIds: string[];
	shortCode: string;
	/** Texts that are this town's only (names, titles, e-mails), to look for in other answers. */
	marks: string[];
};

function ok<T>(answer: Answer<unknown>, status: number, what: string): T {
	expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
	return answer.body as T;
}

/** Gives a town a venue, a class with a sign-up and marks, a series, a 相談会 and a volunteer. */
async function fill(server: AppServer, host: Host, cookie: string): Promise<TownData> {
	const send = on(host, cookie);
	const mark = `${host.split('.')[0]}-${randomBytes(4).toString('hex')}`;
	const me = ok<{ volunteer: { id: string } }>(await send(server, '/api/volunteer/me'), 200, 'me');
	const venue = ok<{ id: string }>(
		await send(server, '/api/volunteer/venues', {
			method: 'POST',
			json: { name: `会場 ${mark}`, address: `住所 ${mark}（架空）` }
		}),
		201,
		'venue'
	);
	const volunteerEmail = `${mark}@volunteer.example`;
	const volunteer = ok<{ id: string }>(
		await send(server, '/api/volunteer/volunteers', {
			method: 'POST',
			json: {
				email: volunteerEmail,
				name: `支援員 ${mark}`,
				role: 'volunteer',
				password: `${randomBytes(12).toString('base64url')}-Aa1`
			}
		}),
		201,
		'volunteer'
	);
	const startsAt = new Date(Date.now() + 10 * day);
	const klass = ok<{ id: string; version: number; shortCode: string }>(
		await send(server, '/api/volunteer/classes', {
			method: 'POST',
			json: {
				title: `教室 ${mark}`,
				topic: `内容 ${mark}`,
				venueId: venue.id,
				startsAt: startsAt.toISOString(),
				endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
				capacity: 10,
				tutorIds: [me.volunteer.id, volunteer.id]
			}
		}),
		201,
		'class'
	);
	const resident = validSignup(klass.id, { name: `住民 ${mark}`, note: `メモ ${mark}` });
	const signup = ok<{ id: string; cancelToken: string }>(
		await send(server, '/api/signups', { method: 'POST', json: resident }),
		201,
		'sign-up'
	);
	const markedAt = new Date().toISOString();
	ok(
		await send(server, `/api/volunteer/classes/${klass.id}/attendance`, {
			method: 'PUT',
			json: { signupId: signup.id, status: 'present', markedAt }
		}),
		200,
		'attendance'
	);
	ok(
		await send(server, `/api/volunteer/classes/${klass.id}/contacts`, {
			method: 'PUT',
			json: { signupId: signup.id, done: true, markedAt }
		}),
		200,
		'contact'
	);
	const sessions = [0, 1].map((index) => {
		const start = new Date(Date.now() + (20 + 7 * index) * day);
		return {
			id: randomUUID(),
			startsAt: start.toISOString(),
			endsAt: new Date(start.getTime() + 2 * hour).toISOString()
		};
	});
	const seriesId = randomUUID();
	const pushed = ok<{ answers: MutationAnswer[] }>(
		await send(server, '/api/sync/push', {
			method: 'POST',
			json: {
				deviceId: randomUUID(),
				mutations: [
					{
						id: randomUUID(),
						seq: 1,
						kind: 'series.create',
						args: {
							id: seriesId,
							kind: 'course',
							klass: {
								title: `講座 ${mark}`,
								topic: `講座の内容 ${mark}`,
								venueId: venue.id,
								startsAt: sessions[0]!.startsAt,
								endsAt: sessions[0]!.endsAt,
								capacity: 5
							},
							sessions
						}
					}
				]
			}
		}),
		200,
		'series'
	);
	expect(pushed.answers[0]?.status, JSON.stringify(pushed.answers)).toBe('applied');
	const block = consultationBlock(venue.id, `相談会 ${mark}`);
	const consultation = ok<{ id: string }>(
		await send(server, '/api/volunteer/consultations', { method: 'POST', json: block }),
		201,
		'consultation'
	);
	return {
		host,
		cookie,
		adminId: me.volunteer.id,
		classId: klass.id,
		signupId: signup.id,
		cancelToken: signup.cancelToken,
		venueId: venue.id,
		volunteerId: volunteer.id,
		seriesId,
		sessionIds: sessions.map((session) => session.id),
		consultationId: consultation.id,
		slotIds: block.slotIds,
		shortCode: klass.shortCode,
		marks: [mark, volunteerEmail]
	};
}

function consultationBlock(venueId: string, title: string) {
	const start = new Date(Date.now() + 4 * day);
	start.setUTCHours(4, 0, 0, 0);
	const block = {
		title,
		venueId,
		startsAt: start.toISOString(),
		endsAt: new Date(start.getTime() + hour).toISOString(),
		slotMinutes: 20 as const,
		helpers: 1,
		waitlist: false
	};
	return { ...block, id: randomUUID(), slotIds: consultationSlots(block).map(() => randomUUID()) };
}

/** Every id of a town, as they could appear in an answer. */
const idsOf = (town: TownData) => [
	town.classId,
	town.signupId,
	town.venueId,
	town.volunteerId,
	town.adminId,
	town.seriesId,
	...town.sessionIds,
	town.consultationId,
	...town.slotIds
];

/** The texts of `other` found in an answer's body (none, when isolation holds). */
function leaksIn(answer: Answer<unknown>, other: TownData): string[] {
	const text = answer.bytes.toString('utf8');
	return [...idsOf(other), ...other.marks, other.cancelToken].filter((secret) =>
		text.includes(secret)
	);
}

/** Every volunteer (and public) route, each naming `other`'s records, asked with `own`'s login. */
function crossTownRequests(own: TownData, other: TownData) {
	const markedAt = new Date().toISOString();
	const patch = { baseVersion: 1, changes: { title: '書き換え' } };
	const klass = (venueId: string, tutorIds?: string[]) => ({
		title: '新しい教室',
		topic: '内容',
		venueId,
		startsAt: new Date(Date.now() + 30 * day).toISOString(),
		endsAt: new Date(Date.now() + 30 * day + hour).toISOString(),
		capacity: 5,
		...(tutorIds ? { tutorIds } : {})
	});
	const onBehalf = () => {
		const { classId: _classId, ...person } = validSignup(own.classId);
		void _classId;
		return person;
	};
	const c = `/api/volunteer/classes/${other.classId}`;
	return [
		// Routes naming the other town's record in the path.
		['GET', c],
		['PATCH', c, patch],
		['POST', `${c}/cancel`],
		['PUT', `${c}/attendance`, { signupId: other.signupId, status: 'absent', markedAt }],
		['PUT', `${c}/contacts`, { signupId: other.signupId, done: false, markedAt }],
		['GET', `${c}/roster`],
		['GET', `${c}/roster.csv`],
		['POST', `${c}/signups`, onBehalf()],
		['GET', `/api/volunteer/classes/${other.sessionIds[1]}/roster`],
		['GET', `/api/volunteer/consultations/${other.consultationId}`],
		['POST', `/api/volunteer/signups/${other.signupId}/cancel`],
		['PATCH', `/api/volunteer/venues/${other.venueId}`, { name: '書き換え' }],
		['DELETE', `/api/volunteer/venues/${other.venueId}`],
		['PATCH', `/api/volunteer/volunteers/${other.volunteerId}`, { active: false }],
		[
			'PUT',
			`/api/volunteer/volunteers/${other.volunteerId}/password`,
			{ password: 'Zz-9876-abcd-EFGH' }
		],
		['PATCH', `/api/volunteer/volunteers/${other.adminId}`, { role: 'volunteer' }],
		['GET', `/api/classes/${other.classId}/questionnaire`],
		['GET', `/api/consultations/${other.consultationId}`],
		[
			'DELETE',
			`/api/signups/${other.signupId}`,
			undefined,
			{ 'x-cancel-token': other.cancelToken }
		],
		// Routes naming the other town's record in the body, on this town's own records.
		['POST', '/api/volunteer/classes', klass(other.venueId)],
		['POST', '/api/volunteer/classes', klass(own.venueId, [own.adminId, other.volunteerId])],
		[
			'PATCH',
			`/api/volunteer/classes/${own.classId}`,
			{ baseVersion: 1, changes: { venueId: other.venueId } }
		],
		[
			'PUT',
			`/api/volunteer/classes/${own.classId}/attendance`,
			{ signupId: other.signupId, status: 'absent', markedAt }
		],
		[
			'PUT',
			`/api/volunteer/classes/${own.classId}/contacts`,
			{ signupId: other.signupId, done: false, markedAt }
		],
		[
			'POST',
			`/api/volunteer/classes/${own.classId}/signups`,
			{ ...onBehalf(), id: other.signupId }
		],
		['POST', '/api/volunteer/consultations', consultationBlock(other.venueId, '相談会')],
		[
			'POST',
			'/api/volunteer/consultations',
			{ ...consultationBlock(own.venueId, '相談会'), id: other.consultationId }
		],
		['POST', '/api/signups', validSignup(other.classId)],
		['POST', '/api/signups', validSignup(own.classId, { id: other.signupId })]
	] as Array<[string, string, unknown?, Record<string, string>?]>;
}

/** One mutation of every kind, each naming `other`'s records (or made under its ids). */
function crossTownMutations(own: TownData, other: TownData): Record<MutationKind, unknown> {
	const markedAt = new Date().toISOString();
	const start = new Date(Date.now() + 40 * day);
	const klass = {
		title: '新しい教室',
		topic: '内容',
		venueId: other.venueId,
		startsAt: start.toISOString(),
		endsAt: new Date(start.getTime() + hour).toISOString(),
		capacity: 5
	};
	const { classId: _classId, ...person } = validSignup(own.classId);
	void _classId;
	return {
		'signup.create': validSignup(other.classId),
		'signup.cancel': { signupId: other.signupId, cancelToken: other.cancelToken },
		'signup.createOnBehalf': { ...person, classId: other.classId },
		'signup.cancelOnBehalf': { signupId: other.signupId },
		'venue.create': { id: other.venueId, name: '会場', address: '住所' },
		'venue.patch': { venueId: other.venueId, changes: { name: '書き換え' } },
		'venue.retire': { venueId: other.venueId },
		'class.create': { ...klass, id: randomUUID() },
		'class.patch': { classId: other.classId, baseVersion: 1, changes: { title: '書き換え' } },
		'class.cancel': { classId: other.classId },
		'attendance.set': {
			classId: other.classId,
			signupId: other.signupId,
			status: 'absent',
			markedAt
		},
		'contact.mark': { classId: other.classId, signupId: other.signupId, done: false, markedAt },
		'series.create': {
			id: randomUUID(),
			kind: 'repeat',
			klass,
			sessions: [0, 1].map((index) => {
				const at = new Date(start.getTime() + index * 7 * day);
				return {
					id: randomUUID(),
					startsAt: at.toISOString(),
					endsAt: new Date(at.getTime() + hour).toISOString()
				};
			})
		},
		'series.patch': {
			seriesId: other.seriesId,
			fromClassId: other.sessionIds[0],
			baseVersions: other.sessionIds.map((classId) => ({ classId, version: 1 })),
			changes: { startTime: '09:00' }
		},
		'questionnaire.answer': {
			answerId: randomUUID(),
			classId: other.classId,
			clarity: 5,
			satisfaction: 5,
			canDo: [],
			wantNext: [],
			comment: ''
		},
		'consultation.create': consultationBlock(other.venueId, '相談会')
	};
}

describe.each(backends)('two towns on one server over HTTP on $name', (backend) => {
	let server: AppServer;
	let drop: (() => Promise<void>) | undefined;
	let midori: TownData;
	let aoba: TownData;
	const adminPassword = `${randomBytes(18).toString('base64url')}-Aa1`;

	beforeAll(async () => {
		if (backend.skipReason) return;
		const made = await backend.create();
		drop = made.drop;
		server = new AppServer(made.url, {
			env: {
				YORISOI_DEMO: '2',
				YORISOI_ADMIN_EMAIL: 'admin@midori.example',
				YORISOI_ADMIN_PASSWORD: adminPassword
			}
		});
		await server.start();
		const midoriCookie = await logInOn(server, 'midori.localhost', {
			email: 'admin@midori.example',
			password: adminPassword
		});
		const aobaEmail = 'demo-admin@aoba.example';
		const aobaCookie = await logInOn(server, 'aoba.localhost', {
			email: aobaEmail,
			password: await demoPassword(server, aobaEmail)
		});
		if (!midoriCookie || !aobaCookie) throw new Error(`no login:\n${server.output}`);
		midori = await fill(server, 'midori.localhost', midoriCookie);
		aoba = await fill(server, 'aoba.localhost', aobaCookie);
	}, 120_000);

	afterAll(async () => {
		await stopAllServers();
		await drop?.();
	});

	it.skipIf(backend.skipReason !== null)(
		'answers every volunteer route and every mutation kind naming the other town’s records as not found, leaking nothing',
		async () => {
			let requests = 0;
			let refused = 0;
			const leaks: string[] = [];
			const kinds = new Set<string>();
			for (const [own, other] of [
				[midori, aoba],
				[aoba, midori]
			] as const) {
				const send = on(own.host, own.cookie);
				for (const [method, path, json, headers] of crossTownRequests(own, other)) {
					const answer = await send(server, path, { method, json, headers });
					requests += 1;
					const what = `${own.host} ${method} ${path}`;
					expect(answer.status, `${what}: ${answer.bytes.toString('utf8')}`).toBe(404);
					refused += 1;
					for (const leak of leaksIn(answer, other)) leaks.push(`${what}: ${leak}`);
				}
				// The plain page's form (no JavaScript) under the other town's sign-up id, and on the
				// other town's class: refused as the API refuses them, as unknown.
				const person = validSignup(own.classId);
				for (const [classId, signupId] of [
					[own.classId, other.signupId],
					[other.classId, randomUUID()]
				] as const) {
					const posted = await sendTo(server, own.host, `/classes/plain/${classId}`, {
						method: 'POST',
						headers: { origin: `http://${own.host}`, accept: 'text/html' },
						form: {
							signupId,
							name: person.name,
							nameKana: person.nameKana ?? '',
							phone: person.phone ?? '',
							device: person.device,
							needs: 'sight'
						}
					});
					requests += 1;
					const what = `${own.host} form ${classId} ${signupId}`;
					expect(posted.status, what).toBe(404);
					refused += 1;
					// The page keeps the id it was sent, for the resident's retry: that is no leak.
					for (const leak of leaksIn(posted, other)) {
						if (leak !== signupId) leaks.push(`${what}: ${leak}`);
					}
				}
				// The control: the same reads by the records’ own town are not 404, so the ids are real
				// and the 404s above are the town's doing.
				for (const [method, path] of crossTownRequests(own, other)) {
					if (method !== 'GET' || !path.includes(other.classId)) continue;
					const answer = await on(other.host, other.cookie)(server, path);
					expect(answer.status, `control ${other.host} ${path}`).not.toBe(404);
				}
				const device = randomUUID();
				const mutations = Object.entries(crossTownMutations(own, other)).map(
					([kind, args], index) => ({ id: randomUUID(), seq: index + 1, kind, args })
				);
				// The registry and this list must not drift apart: every kind is fuzzed.
				expect(mutations.map((mutation) => mutation.kind).sort()).toEqual(
					mutationKinds.map((declaration) => declaration.kind).sort()
				);
				const pushed = await send(server, '/api/sync/push', {
					method: 'POST',
					json: { deviceId: device, mutations }
				});
				requests += 1;
				expect(pushed.status).toBe(200);
				for (const leak of leaksIn(pushed, other)) leaks.push(`${own.host} push: ${leak}`);
				const answers = (pushed.body as { answers: MutationAnswer[] }).answers;
				for (const [index, answer] of answers.entries()) {
					const kind = mutations[index]!.kind;
					kinds.add(kind);
					expect(answer.status, `${own.host} ${kind}: ${JSON.stringify(answer)}`).toBe('rejected');
					expect(answer.error?.code, `${kind}`).toMatch(/_not_found$/);
					refused += 1;
				}
				// A device is its origin's, so one town's: its id pushed to the other town's host is
				// refused, even for a sign-up that host would take.
				const borrowed = await on(other.host)(server, '/api/sync/push', {
					method: 'POST',
					json: {
						deviceId: device,
						mutations: [
							{
								id: randomUUID(),
								seq: mutations.length + 1,
								kind: 'signup.create',
								args: validSignup(other.classId)
							}
						]
					}
				});
				requests += 1;
				const borrowedAnswers = (borrowed.body as { answers: MutationAnswer[] }).answers;
				expect(borrowedAnswers.map((answer) => answer.error?.code)).toEqual(['id_conflict']);
				for (const leak of leaksIn(borrowed, own)) leaks.push(`${other.host} push: ${leak}`);
				// What a town's own lists, pull, statistics and short links show.
				const date = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);
				const period = `from=${date(-300)}&to=${date(60)}`;
				for (const path of [
					'/api/classes',
					`/api/sync/pull?deviceId=${device}&cursor=0`,
					'/api/volunteer/stats',
					`/api/volunteer/stats/town?${period}`,
					`/api/volunteer/stats/town.csv?${period}`,
					'/api/volunteer/volunteers',
					'/api/volunteer/me',
					`/c/${other.shortCode}`
				]) {
					const answer = await send(server, path);
					requests += 1;
					expect(answer.status, `${own.host} ${path}`).toBe(path.startsWith('/c/') ? 404 : 200);
					for (const leak of leaksIn(answer, other)) leaks.push(`${own.host} ${path}: ${leak}`);
				}
			}
			console.log(
				`town isolation (${backend.name}): ${requests} requests, ${kinds.size} mutation kinds × 2 towns, ${refused} refused as not found, ${leaks.length} leaks`
			);
			expect(leaks).toEqual([]);
			expect(kinds.size).toBe(mutationKinds.length);
		},
		120_000
	);

	it.skipIf(backend.skipReason !== null)(
		'lists and pulls per host only that town’s classes; the records stay untouched',
		async () => {
			const listed = async (host: Host) =>
				(
					(await on(host)(server, '/api/classes')).body as { classes: Array<{ id: string }> }
				).classes.map((klass) => klass.id);
			const midoriClasses = await listed('midori.localhost');
			const aobaClasses = await listed('aoba.localhost');
			expect(midoriClasses).toContain(midori.classId);
			expect(aobaClasses).toContain(aoba.classId);
			expect(midoriClasses.filter((id) => aobaClasses.includes(id))).toEqual([]);
			// Any host no town claims is the default town's, as a single-town install was.
			const elsewhere = await send<{ classes: Array<{ id: string }> }>(server, '/api/classes');
			expect(elsewhere.body.classes.map((klass) => klass.id)).toEqual(midoriClasses);
			const pull = await on('aoba.localhost', aoba.cookie)(
				server,
				`/api/sync/pull?deviceId=${randomUUID()}&cursor=0`
			);
			const pulled = pull.body as {
				classes: Array<{ id: string }>;
				volunteer: { classes: Array<{ id: string }>; venues: Array<{ id: string }> };
			};
			expect(pulled.classes.map((klass) => klass.id)).toContain(aoba.classId);
			expect(pulled.volunteer.venues.map((venue) => venue.id)).toContain(aoba.venueId);
			expect(leaksIn(pull, midori)).toEqual([]);
			// Nothing the other town asked for changed a record.
			const roster = await on('aoba.localhost', aoba.cookie)(
				server,
				`/api/volunteer/classes/${aoba.classId}/roster`
			);
			const body = roster.body as {
				class: { title: string; status: string; version: number };
				signups: Array<{ id: string; status: string; attendance: string | null }>;
			};
			expect(body.class.status).toBe('scheduled');
			expect(body.class.version).toBe(1);
			expect(body.signups.find((signup) => signup.id === aoba.signupId)).toMatchObject({
				status: 'confirmed',
				attendance: 'present'
			});
		}
	);

	it.skipIf(backend.skipReason !== null)(
		'a session of one town is no login on the other town’s host, nor is its password',
		async () => {
			const me = (host: Host, cookie: string) => on(host, cookie)(server, '/api/volunteer/me');
			expect((await me('midori.localhost', midori.cookie)).status).toBe(200);
			expect((await me('aoba.localhost', midori.cookie)).status).toBe(401);
			expect((await me('midori.localhost', aoba.cookie)).status).toBe(401);
			// Still valid on its own host afterwards.
			expect((await me('aoba.localhost', aoba.cookie)).status).toBe(200);
			const wrongHost = await logInOn(server, 'aoba.localhost', {
				email: 'admin@midori.example',
				password: adminPassword
			});
			expect(wrongHost).toBeNull();
		}
	);
});
