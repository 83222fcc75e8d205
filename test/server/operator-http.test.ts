import 'fake-indexeddb/auto';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YorisoiDatabase } from '$lib/client/db';
import { Outbox } from '$lib/client/outbox';
import { queueSignup, SyncEngine } from '$lib/client/sync-engine';
import { town as midoriTown } from '$lib/town';
import { openDatabase } from '$lib/server/storage/database';
import { AppServer, requireBuild, stopAllServers } from './app-server';
import { backends, type TestDatabase } from './backends';
import { sessionCookieName, type Answer } from './http-client';
import { sendTo } from './hosts';
import { validSignup } from './requests';

// Issue 17, the operator: one who runs the service for many towns logs in on any host, makes
// a town (id, hosts, details, first admin) that answers on its hosts at once, lists the towns
// with their counts, and suspends one — its API then refuses with `town_suspended` while the
// other towns work — and resumes it with every record kept.

const operatorCookieName = 'yorisoi_operator';
const operatorEmail = 'operator@service.example';
const operatorPassword = `${randomBytes(18).toString('base64url')}-Op1`;
const midoriAdmin = {
	email: 'admin@midori.example',
	password: `${randomBytes(18).toString('base64url')}-Aa1`
};
const day = 24 * 60 * 60 * 1000;
const hour = 60 * 60 * 1000;

beforeAll(() => {
	requireBuild();
});

afterAll(async () => {
	await stopAllServers();
});

type Cookies = { operator?: string; volunteer?: string };

/**
 * Sends a request with a Host header, as a browser on that name would (fetch replaces Host
 * with the address it connects to, so node:http sends these), with the cookies given.
 */
function sendOn(
	server: AppServer,
	host: string,
	path: string,
	init: {
		method?: string;
		json?: unknown;
		form?: Record<string, string>;
		cookies?: Cookies;
		headers?: Record<string, string>;
	} = {}
	// Answers of many shapes: each test reads the fields it checks.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<Answer<any>> {
	const cookies = [
		init.cookies?.operator === undefined ? null : `${operatorCookieName}=${init.cookies.operator}`,
		init.cookies?.volunteer === undefined ? null : `${sessionCookieName}=${init.cookies.volunteer}`
	].filter((cookie) => cookie !== null);
	return sendTo(server, host, path, {
		method: init.method,
		json: init.json,
		form: init.form,
		headers: init.headers,
		...(cookies.length > 0 ? { cookie: cookies.join('; ') } : {})
	});
}

/** The value a Set-Cookie line of the answer gives `name`, or null. */
function setCookie(answer: Answer<unknown>, name: string): string | null {
	const line = answer.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
	return line ? line.split(';')[0]!.slice(name.length + 1) || null : null;
}

/** Logs in on a host through an API (the operator's or the volunteers'); the token, or null. */
async function logInOn(
	server: AppServer,
	host: string,
	kind: 'operator' | 'volunteer',
	credentials: { email: string; password: string }
): Promise<string | null> {
	const answer = await sendOn(server, host, `/api/${kind}/login`, {
		method: 'POST',
		json: credentials
	});
	if (answer.status !== 200) return null;
	return setCookie(answer, kind === 'operator' ? operatorCookieName : sessionCookieName);
}

/** A new town's request: あおば村's shape, under another id and name (fictional). */
function newTown(id: string, hosts: string[], adminEmail = `admin@${id}.example`) {
	return {
		id,
		hosts,
		town: {
			...midoriTown,
			id,
			name: { ja: 'ひなた町', 'ja-easy': 'ひなた{町|ちょう}', en: 'Hinata Town' },
			office: {
				...midoriTown.office,
				name: {
					ja: 'ひなた町役場',
					'ja-easy': 'ひなた{町|ちょう}{役場|やくば}',
					en: 'Hinata Town Office'
				},
				phone: '000-111-2222'
			},
			colours: { primary: '#1e3a8a', background: '#f5f7fb' }
		},
		admin: {
			email: adminEmail,
			name: 'ひなた 管理者',
			password: `${randomBytes(12).toString('base64url')}-Hn1`
		}
	};
}

describe.each(backends)('the operator over HTTP on $name', (backend) => {
	let server: AppServer;
	let made: TestDatabase | undefined;
	let operator: string;
	let midoriCookie: string;
	const id = `hinata-${randomBytes(3).toString('hex')}`;
	const host = `${id}.localhost`;
	const town = newTown(id, [host, `www.${host}`]);
	let hinataCookie: string;
	let hinataClassId: string;

	beforeAll(async () => {
		if (backend.skipReason) return;
		made = await backend.create();
		server = new AppServer(made.url, {
			env: {
				YORISOI_ADMIN_EMAIL: midoriAdmin.email,
				YORISOI_ADMIN_PASSWORD: midoriAdmin.password,
				YORISOI_OPERATOR_EMAIL: operatorEmail,
				YORISOI_OPERATOR_PASSWORD: operatorPassword
			}
		});
		await server.start();
		expect(server.output).toContain('operator: created the operator');
		const midori = await logInOn(server, 'midori.localhost', 'volunteer', midoriAdmin);
		if (!midori) throw new Error(`no admin login:\n${server.output}`);
		midoriCookie = midori;
	}, 60_000);

	afterAll(async () => {
		await stopAllServers();
		await made?.drop();
	});

	const skip = backend.skipReason !== null;

	it.skipIf(skip)(
		'logs the operator in on any host with a cookie of its own, and not with a wrong password',
		async () => {
			const wrong = await sendOn(server, 'midori.localhost', '/api/operator/login', {
				method: 'POST',
				json: { email: operatorEmail, password: `${operatorPassword}x` }
			});
			expect(wrong.status).toBe(401);
			expect(wrong.body.error.code).toBe('invalid_credentials');
			expect(setCookie(wrong, operatorCookieName)).toBeNull();
			// A town's admin is no operator, even with the right password.
			const admin = await sendOn(server, 'midori.localhost', '/api/operator/login', {
				method: 'POST',
				json: midoriAdmin
			});
			expect(admin.status).toBe(401);

			const answer = await sendOn(server, 'aoba.localhost', '/api/operator/login', {
				method: 'POST',
				json: { email: ` ${operatorEmail.toUpperCase()}`, password: operatorPassword }
			});
			expect(answer.status).toBe(200);
			expect(answer.body.operator.email).toBe(operatorEmail);
			const line = answer.headers
				.getSetCookie()
				.find((cookie) => cookie.startsWith(`${operatorCookieName}=`));
			expect(line).toMatch(/HttpOnly/i);
			expect(line).toMatch(/SameSite=Strict/i);
			// Plain http here: no Secure (volunteers' cookies do the same).
			expect(line).not.toMatch(/Secure/i);
			operator = setCookie(answer, operatorCookieName)!;
			// Valid on every host: the operator is no town's.
			for (const where of ['midori.localhost', 'aoba.localhost', 'anything.example']) {
				const listed = await sendOn(server, where, '/api/operator/towns', {
					cookies: { operator }
				});
				expect(listed.status, where).toBe(200);
			}
			// Logging out ends that session for good.
			const other = await logInOn(server, 'midori.localhost', 'operator', {
				email: operatorEmail,
				password: operatorPassword
			});
			const out = await sendOn(server, 'midori.localhost', '/api/operator/logout', {
				method: 'POST',
				cookies: { operator: other! }
			});
			expect(out.status).toBe(204);
			const after = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
				cookies: { operator: other! }
			});
			expect(after.status).toBe(401);
		}
	);

	it.skipIf(skip)(
		'refuses the operator API to anyone else: no cookie, a town admin’s',
		async () => {
			const calls: Array<[string, string, unknown?]> = [
				['GET', '/api/operator/towns'],
				[
					'POST',
					'/api/operator/towns',
					newTown(`x-${randomBytes(3).toString('hex')}`, ['x.localhost'])
				],
				['PATCH', '/api/operator/towns/midori', { suspended: true }]
			];
			for (const [method, path, json] of calls) {
				const anonymous = await sendOn(server, 'midori.localhost', path, { method, json });
				expect(anonymous.status, `${method} ${path}`).toBe(401);
				expect(anonymous.body.error.code).toBe('operator_login_required');
				const admin = await sendOn(server, 'midori.localhost', path, {
					method,
					json,
					cookies: { volunteer: midoriCookie }
				});
				expect(admin.status, `admin ${method} ${path}`).toBe(401);
				// The admin's token under the operator's cookie name is no operator's session either.
				const borrowed = await sendOn(server, 'midori.localhost', path, {
					method,
					json,
					cookies: { operator: midoriCookie }
				});
				expect(borrowed.status, `borrowed ${method} ${path}`).toBe(401);
			}
			// Another site cannot make the operator's browser act.
			const crossSite = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
				method: 'POST',
				json: newTown(`y-${randomBytes(3).toString('hex')}`, ['y.localhost']),
				cookies: { operator },
				headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }
			});
			expect(crossSite.status).toBe(403);
			// Nothing was made, nothing was suspended.
			const listed = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
				cookies: { operator }
			});
			expect(listed.body.towns.map((one: { id: string }) => one.id)).toEqual([midoriTown.id]);
			expect(listed.body.towns[0].suspended).toBe(false);
		}
	);

	it.skipIf(skip)(
		'makes a town that answers on its hosts at once, with an empty schedule and its own admin',
		async () => {
			const answer = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
				method: 'POST',
				json: town,
				cookies: { operator }
			});
			expect(answer.status, JSON.stringify(answer.body)).toBe(201);
			expect(answer.body).toMatchObject({ id, hosts: town.hosts });
			for (const where of town.hosts) {
				const classes = await sendOn(server, where, '/api/classes');
				expect(classes.status, where).toBe(200);
				expect(classes.body.classes, where).toEqual([]);
			}
			// みどり町 keeps its own schedule.
			const midori = await sendOn(server, 'midori.localhost', '/api/classes');
			expect(midori.body.classes.length).toBeGreaterThan(0);
			// The first admin logs in on the town's hosts only.
			const admin = { email: town.admin.email, password: town.admin.password };
			expect(await logInOn(server, 'midori.localhost', 'volunteer', admin)).toBeNull();
			expect(await logInOn(server, 'localhost', 'volunteer', admin)).toBeNull();
			hinataCookie = (await logInOn(server, host, 'volunteer', admin))!;
			expect(hinataCookie).toBeTruthy();
			const me = await sendOn(server, host, '/api/volunteer/me', {
				cookies: { volunteer: hinataCookie }
			});
			expect(me.status).toBe(200);
			expect(me.body.volunteer).toMatchObject({ role: 'admin', name: town.admin.name });
			// The admin fills the schedule: a venue, a class, a resident's sign-up.
			const venue = await sendOn(server, host, '/api/volunteer/venues', {
				method: 'POST',
				json: { name: 'ひなた公民館', address: 'ひなた町1-1（架空の住所）' },
				cookies: { volunteer: hinataCookie }
			});
			expect(venue.status).toBe(201);
			const startsAt = new Date(Date.now() + 7 * day);
			const klass = await sendOn(server, host, '/api/volunteer/classes', {
				method: 'POST',
				json: {
					title: 'ひなたのスマホ教室',
					topic: 'はじめてのスマホ',
					venueId: venue.body.id,
					startsAt: startsAt.toISOString(),
					endsAt: new Date(startsAt.getTime() + 2 * hour).toISOString(),
					capacity: 10
				},
				cookies: { volunteer: hinataCookie }
			});
			expect(klass.status).toBe(201);
			hinataClassId = klass.body.id;
			const signup = await sendOn(server, host, '/api/signups', {
				method: 'POST',
				json: validSignup(hinataClassId)
			});
			expect(signup.status).toBe(201);
		}
	);

	it.skipIf(skip)(
		'refuses a taken id or host, an invalid town and a weak password, making nothing',
		async () => {
			const other = () => `other-${randomBytes(3).toString('hex')}`;
			const refusals: Array<[unknown, number, string]> = [
				[{ ...town, hosts: [`fresh-${id}.localhost`] }, 409, 'town_taken'],
				[newTown(midoriTown.id, [`fresh-${id}.localhost`]), 409, 'town_taken'],
				[newTown(other(), [`www.${host}`]), 409, 'host_taken'],
				[
					{ ...newTown(other(), ['ok.localhost']), admin: { ...town.admin, password: 'short' } },
					400,
					'invalid_input'
				],
				[
					{
						...newTown(other(), [`new-${id}.localhost`]),
						admin: { ...town.admin, email: `new@${id}.example`, password: 'password123' }
					},
					400,
					'common_password'
				]
			];
			for (const [json, status, code] of refusals) {
				const answer = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
					method: 'POST',
					json,
					cookies: { operator }
				});
				expect(answer.status, JSON.stringify(answer.body)).toBe(status);
				expect(answer.body.error.code).toBe(code);
			}
			// An invalid town: each problem named where it is.
			const invalid = newTown(other(), [`new-${id}.localhost`, 'Not A Host!']);
			const broken = {
				...invalid,
				town: {
					...invalid.town,
					id: 'another-id',
					office: { ...invalid.town.office, phone: 'call us' },
					colours: { primary: 'green', background: '#ffffff' }
				}
			};
			const answer = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
				method: 'POST',
				json: broken,
				cookies: { operator }
			});
			expect(answer.status).toBe(400);
			expect(answer.body.error.code).toBe('invalid_input');
			expect(Object.keys(answer.body.error.fields).sort()).toEqual(
				['hosts.1', 'town.colours.primary', 'town.id', 'town.office.phone'].sort()
			);
			const missing = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
				method: 'POST',
				json: { id: other(), hosts: ['a.localhost'] },
				cookies: { operator }
			});
			expect(missing.status).toBe(400);
			expect(missing.body.error.fields.town.code).toBe('required');
			// Only the two towns exist, and the refused hosts are no town's (the default answers).
			const listed = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
				cookies: { operator }
			});
			expect(listed.body.towns.map((one: { id: string }) => one.id).sort()).toEqual(
				[id, midoriTown.id].sort()
			);
			const fresh = await sendOn(server, `new-${id}.localhost`, '/api/classes');
			const midori = await sendOn(server, 'midori.localhost', '/api/classes');
			expect(fresh.body.classes).toEqual(midori.body.classes);
		}
	);

	it.skipIf(skip)('lists every town with its hosts and counts', async () => {
		const listed = await sendOn(server, host, '/api/operator/towns', { cookies: { operator } });
		expect(listed.status).toBe(200);
		const byId = new Map(
			listed.body.towns.map((one: { id: string }) => [one.id, one] as const)
			// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a town as listed
		) as Map<string, any>;
		expect(byId.get(id)).toMatchObject({
			id,
			hosts: [...town.hosts].sort(),
			suspended: false,
			town: { name: town.town.name },
			counts: { classes: 1, signups: 1, volunteers: 1 }
		});
		const midori = byId.get(midoriTown.id);
		expect(midori.hosts).toEqual([]);
		// The demo's classes and volunteers, and the admin of YORISOI_ADMIN_*.
		expect(midori.counts.classes).toBeGreaterThanOrEqual(3);
		expect(midori.counts.volunteers).toBeGreaterThanOrEqual(1);
	});

	it.skipIf(skip)(
		'suspends a town: its API refuses with town_suspended, the other town works, the data stays',
		async () => {
			// From the operator's page on the town's own host, as a browser sends it: its Origin is
			// that host's, not the server's ORIGIN (the default town's address).
			const suspend = await sendOn(server, host, `/api/operator/towns/${id}`, {
				method: 'PATCH',
				json: { suspended: true },
				cookies: { operator },
				headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' }
			});
			expect(suspend.status).toBe(200);
			expect(suspend.body).toEqual({ id, suspended: true });
			const device = randomUUID();
			const refused: Array<[string, string, unknown?]> = [
				['GET', '/api/classes'],
				['POST', '/api/signups', validSignup(hinataClassId)],
				['GET', `/api/sync/pull?deviceId=${device}&cursor=0`],
				[
					'POST',
					'/api/sync/push',
					{
						deviceId: device,
						mutations: [
							{ id: randomUUID(), seq: 1, kind: 'signup.create', args: validSignup(hinataClassId) }
						]
					}
				],
				['GET', '/api/volunteer/me'],
				['GET', `/api/volunteer/classes/${hinataClassId}/roster`],
				['POST', '/api/volunteer/login', { email: town.admin.email, password: town.admin.password }]
			];
			for (const [method, path, json] of refused) {
				const answer = await sendOn(server, host, path, {
					method,
					json,
					cookies: { volunteer: hinataCookie }
				});
				expect(answer.status, `${method} ${path}`).toBe(503);
				expect(answer.body.error.code).toBe('town_suspended');
				expect(answer.body.error.message).toContain('000-111-2222');
				expect(answer.body.error.message).toContain('ひなた町役場');
				expect(answer.body.contact).toEqual({
					name: town.town.name,
					office: town.town.office.name,
					phone: '000-111-2222'
				});
			}
			const english = await sendOn(server, host, '/api/classes?lang=en');
			expect(english.body.error.message).toContain('Hinata Town Office');
			// The pages drawn by the server say so too.
			const page = await sendOn(server, host, '/volunteer/login');
			expect(page.status).toBe(503);
			expect(String(page.body)).toContain('000-111-2222');
			// The other town, and the operator's routes on the suspended town's host, work.
			expect((await sendOn(server, 'midori.localhost', '/api/classes')).status).toBe(200);
			const me = await sendOn(server, 'midori.localhost', '/api/volunteer/me', {
				cookies: { volunteer: midoriCookie }
			});
			expect(me.status).toBe(200);
			const listed = await sendOn(server, host, '/api/operator/towns', { cookies: { operator } });
			expect(listed.status).toBe(200);
			expect(listed.body.towns.find((one: { id: string }) => one.id === id)).toMatchObject({
				suspended: true,
				counts: { classes: 1, signups: 1, volunteers: 1 }
			});
			expect((await sendOn(server, host, '/operator')).status).toBe(200);
			expect((await sendOn(server, host, '/healthz')).status).toBe(200);

			const resume = await sendOn(server, 'midori.localhost', `/api/operator/towns/${id}`, {
				method: 'PATCH',
				json: { suspended: false },
				cookies: { operator }
			});
			expect(resume.body).toEqual({ id, suspended: false });
			const classes = await sendOn(server, host, '/api/classes');
			expect(classes.status).toBe(200);
			expect(classes.body.classes.map((one: { id: string }) => one.id)).toEqual([hinataClassId]);
			// The admin's session was kept through it.
			const again = await sendOn(server, host, '/api/volunteer/me', {
				cookies: { volunteer: hinataCookie }
			});
			expect(again.status).toBe(200);
		}
	);

	it.skipIf(skip)('refuses an unknown town or a wrong patch, and audits every action', async () => {
		const unknown = await sendOn(server, 'midori.localhost', '/api/operator/towns/nowhere', {
			method: 'PATCH',
			json: { suspended: true },
			cookies: { operator }
		});
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.code).toBe('town_not_found');
		const wrong = await sendOn(server, 'midori.localhost', `/api/operator/towns/${id}`, {
			method: 'PATCH',
			json: { suspended: 'yes' },
			cookies: { operator }
		});
		expect(wrong.status).toBe(400);
		const database = await openDatabase(server.databaseUrl);
		try {
			const rows = await database.all<{ actor: string; action: string; town_id: string }>(
				`SELECT actor, action, town_id FROM audit_log WHERE record_type = 'town' AND record_id = ?
				ORDER BY at, action`,
				[id]
			);
			expect(rows.map((row) => row.action)).toEqual(['town.create', 'town.suspend', 'town.resume']);
			for (const row of rows) {
				expect(row.actor).toMatch(/^operator:/);
				expect(row.town_id).toBe(id);
			}
		} finally {
			await database.close();
		}
	});

	it.skipIf(skip)('works without JavaScript: the page’s forms log in and make a town', async () => {
		const page = await sendOn(server, 'midori.localhost', '/operator');
		expect(page.status).toBe(200);
		expect(String(page.body)).toContain('name="password"');
		// A browser's form post, not use:enhance's (which asks for JSON).
		const origin = { origin: server.url, accept: 'text/html' };
		const login = await sendOn(server, 'midori.localhost', '/operator?/login', {
			method: 'POST',
			form: { email: operatorEmail, password: operatorPassword },
			headers: origin
		});
		expect(login.status).toBe(303);
		const cookie = setCookie(login, operatorCookieName)!;
		expect(cookie).toBeTruthy();
		const formId = `form-${randomBytes(3).toString('hex')}`;
		const form = newTown(formId, []);
		const created = await sendOn(server, 'midori.localhost', '/operator?/create', {
			method: 'POST',
			cookies: { operator: cookie },
			headers: origin,
			form: {
				id: formId,
				hosts: `${formId}.localhost\nwww.${formId}.localhost`,
				nameJa: 'ひなた町',
				nameEasy: 'ひなた{町|ちょう}',
				nameEn: 'Hinata Town',
				officeJa: 'ひなた町役場',
				officeEasy: 'ひなた{町|ちょう}{役場|やくば}',
				officeEn: 'Hinata Town Office',
				phone: '000-111-3333',
				primary: '#1e3a8a',
				background: '#f5f7fb',
				adminEmail: `admin@${formId}.example`,
				adminName: form.admin.name,
				adminPassword: form.admin.password
			}
		});
		expect(created.status, String(created.body)).toBe(303);
		const classes = await sendOn(server, `www.${formId}.localhost`, '/api/classes');
		expect(classes.body.classes).toEqual([]);
		expect(
			await logInOn(server, `${formId}.localhost`, 'volunteer', {
				email: `admin@${formId}.example`,
				password: form.admin.password
			})
		).toBeTruthy();
		const suspend = await sendOn(server, 'midori.localhost', '/operator?/suspend', {
			method: 'POST',
			cookies: { operator: cookie },
			headers: origin,
			form: { id: formId, suspended: 'true' }
		});
		expect(suspend.status).toBe(303);
		expect((await sendOn(server, `${formId}.localhost`, '/api/classes')).status).toBe(503);
	});
	it.skipIf(skip)(
		'lets one e-mail hold an account in two towns, each with its own password and sessions',
		async () => {
			// A volunteer helping a neighbouring town too: ひなた町's admin becomes another town's.
			const sharedId = `kawabe-${randomBytes(3).toString('hex')}`;
			const sharedHost = `${sharedId}.localhost`;
			const shared = newTown(sharedId, [sharedHost], town.admin.email);
			const made = await sendOn(server, 'midori.localhost', '/api/operator/towns', {
				method: 'POST',
				json: shared,
				cookies: { operator }
			});
			expect(made.status, JSON.stringify(made.body)).toBe(201);
			const own = { email: town.admin.email, password: shared.admin.password };
			const first = { email: town.admin.email, password: town.admin.password };
			// Each town's host knows only its own account's password.
			expect(await logInOn(server, sharedHost, 'volunteer', first)).toBeNull();
			expect(await logInOn(server, host, 'volunteer', own)).toBeNull();
			const sharedCookie = await logInOn(server, sharedHost, 'volunteer', own);
			expect(sharedCookie).not.toBeNull();
			expect(await logInOn(server, host, 'volunteer', first)).not.toBeNull();
			// A session of one is no session on the other's host.
			const elsewhere = await sendOn(server, host, '/api/volunteer/me', {
				cookies: { volunteer: sharedCookie! }
			});
			expect(elsewhere.status).toBe(401);
			// An admin adding a volunteer learns nothing of other towns' accounts: みどり町's
			// admin's address is free in ひなた町, and taken there only once added there.
			const add = () =>
				sendOn(server, host, '/api/volunteer/volunteers', {
					method: 'POST',
					json: {
						email: midoriAdmin.email,
						name: 'みどり 応援',
						role: 'volunteer',
						password: `${randomBytes(12).toString('base64url')}-Mh2`
					},
					cookies: { volunteer: hinataCookie }
				});
			expect((await add()).status).toBe(201);
			const again = await add();
			expect(again.status).toBe(409);
			expect(again.body.error.code).toBe('email_taken');
			// みどり町's admin still logs in on みどり町 with its own password.
			expect(await logInOn(server, 'midori.localhost', 'volunteer', midoriAdmin)).not.toBeNull();
		}
	);

	it.skipIf(skip)(
		'tells a phone syncing with a suspended town whom to call, keeps its sign-up, sends it on resuming',
		async () => {
			// The phone's requests carry no Host of a town: it is the default town's, みどり町.
			const classes = await sendOn(server, 'midori.localhost', '/api/classes');
			const classId = (classes.body.classes as Array<{ id: string; seatsLeft: number }>).find(
				(klass) => klass.seatsLeft > 0
			)!.id;
			const database = new YorisoiDatabase(`phone-${randomUUID()}`);
			const engine = new SyncEngine({ database, baseUrl: server.url });
			const outbox = new Outbox(database, () => {});
			const patch = (suspended: boolean) =>
				sendOn(server, 'midori.localhost', `/api/operator/towns/${midoriTown.id}`, {
					method: 'PATCH',
					json: { suspended },
					cookies: { operator }
				});
			expect((await patch(true)).status).toBe(200);
			try {
				const signup = await queueSignup(outbox, validSignup(classId));
				const result = await engine.flush();
				expect(result).toEqual({
					outcome: 'town-suspended',
					sent: 0,
					contact: {
						name: midoriTown.name,
						office: midoriTown.office.name,
						phone: midoriTown.office.phone
					}
				});
				expect(await database.outbox.count()).toBe(1);
				expect((await database.mySignups.get(signup.id))?.status).toBe('pending');
				// The operator's page still answers on the suspended default town's hosts.
				expect((await sendOn(server, 'localhost', '/operator')).status).toBe(200);
				expect((await patch(false)).status).toBe(200);
				expect(await engine.flush()).toEqual({ outcome: 'done', sent: 1 });
				expect((await database.mySignups.get(signup.id))?.status).toBe('confirmed');
			} finally {
				await patch(false);
				database.close();
			}
		}
	);
});

describe.skipIf(backends[0]!.skipReason !== null)('operator login rate limit', () => {
	let made: TestDatabase | undefined;
	let server: AppServer;

	beforeAll(async () => {
		made = await backends[0]!.create();
		server = new AppServer(made.url, {
			rateLimits: true,
			env: { YORISOI_OPERATOR_EMAIL: operatorEmail, YORISOI_OPERATOR_PASSWORD: operatorPassword }
		});
		await server.start();
	});

	afterAll(async () => {
		await stopAllServers();
		await made?.drop();
	});

	it('answers the 11th failed login within 15 minutes with 429, even for the right password', async () => {
		const attempt = (password: string) =>
			sendOn(server, 'localhost', '/api/operator/login', {
				method: 'POST',
				json: { email: operatorEmail, password }
			});
		const failures = await Promise.all(
			Array.from({ length: 10 }, (_, index) => attempt(`wrong-${index}-${operatorPassword}`))
		);
		expect(failures.map((answer) => answer.status)).toEqual(Array(10).fill(401));
		const eleventh = await attempt(operatorPassword);
		expect(eleventh.status).toBe(429);
		expect(eleventh.body.error.code).toBe('too_many_logins');
		expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
		expect(setCookie(eleventh, operatorCookieName)).toBeNull();
	});
});
