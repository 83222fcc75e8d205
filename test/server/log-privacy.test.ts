// The server's output never carries what residents and volunteers typed or hold: names, readings,
// phones, notes, passwords, session and cancel tokens. One distinctive resident goes through every
// way a sign-up reaches the server, the ways it fails included, and the log is searched for them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServer } from './app-server';
import { backends } from './backends';
import { logIn, send, serverWithAdmin } from './http-client';
import { validSignup } from './requests';

/** The JSON lines the server has printed, once at least `count` request lines have arrived. */
async function logLines(server: AppServer, count: number): Promise<Array<Record<string, unknown>>> {
	const deadline = Date.now() + 5_000;
	for (;;) {
		const lines = server.output
			.split('\n')
			.filter((line) => line.startsWith('{'))
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		const requests = lines.filter((line) => line.msg === 'request').length;
		// Output reaches the test through a pipe, a little after the answer.
		if (requests >= count || Date.now() > deadline) return lines;
		await new Promise((done) => setTimeout(done, 50));
	}
}

const sqlite = backends.find((backend) => backend.name === 'sqlite')!;
const admin = { email: 'log-admin@example.jp', password: 'ログに出ない合言葉-7291' };

// Words no other part of the app or its demo uses, so that any hit is a leak.
const resident = {
	name: '記録谷 紫苑',
	nameKana: 'きろくだに しおん',
	phone: '080-7316-2954',
	note: '左の耳が聞こえにくいのでゆっくり話してほしい（秘密のメモ）'
};

describe('the server log', () => {
	let server: AppServer;
	let cookie: string;
	let drop: () => Promise<void>;
	let classId: string;
	const secrets: string[] = [...Object.values(resident), admin.password];

	beforeAll(async () => {
		({ server, cookie, drop } = await serverWithAdmin(sqlite, admin));
		secrets.push(cookie);
		const listed = await send<{ classes: Array<{ id: string }> }>(server, '/api/classes');
		classId = listed.body.classes[0]!.id;
	});

	afterAll(() => drop());

	it('is JSON lines with a route pattern, a status and a time for each request', async () => {
		await send(server, `/api/signups/${randomUUID()}`, { method: 'DELETE' });
		const lines = await logLines(server, 3);
		const request = lines.find(
			(line) => line.msg === 'request' && line.route === '/api/signups/[id]'
		);
		expect(request).toMatchObject({ level: 'info', method: 'DELETE', status: 403 });
		expect(typeof request?.ms).toBe('number');
		expect(typeof request?.time).toBe('string');
	});

	it('never holds what the resident typed, a password or a token, whatever the path', async () => {
		// The API: a sign-up, its retry, a cancel with its token, and refusals that quote input.
		const signup = validSignup(classId, resident);
		const created = await send<{ cancelToken: string }>(server, '/api/signups', {
			method: 'POST',
			json: signup
		});
		expect(created.status).toBe(201);
		secrets.push(created.body.cancelToken);
		await send(server, '/api/signups', { method: 'POST', json: signup });
		await send(server, '/api/signups', {
			method: 'POST',
			json: { ...validSignup(classId, resident), phone: `${resident.phone}x` }
		});
		await send(server, '/api/signups', {
			method: 'POST',
			json: validSignup(randomUUID(), resident)
		});
		await send(server, '/api/signups', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: `{"name":"${resident.name}","note":"${resident.note}"`
		});
		await send(server, `/api/signups/${signup.id}`, {
			method: 'DELETE',
			headers: { 'x-cancel-token': `${created.body.cancelToken}x` }
		});
		expect(
			(
				await send(server, `/api/signups/${signup.id}`, {
					method: 'DELETE',
					headers: { 'x-cancel-token': created.body.cancelToken }
				})
			).status
		).toBe(200);

		// Sync: a resident's phone pushes a sign-up; a volunteer's tablet one for a caller.
		const deviceId = randomUUID();
		const pushed = validSignup(classId, resident);
		await send(server, '/api/sync/push', {
			method: 'POST',
			json: {
				deviceId,
				mutations: [{ id: randomUUID(), seq: 1, kind: 'signup.create', args: pushed }]
			}
		});
		const { id: onBehalfId, ...onBehalf } = validSignup(classId, resident);
		await send(server, '/api/sync/push', {
			method: 'POST',
			cookie,
			json: {
				deviceId: randomUUID(),
				mutations: [
					{
						id: randomUUID(),
						seq: 1,
						kind: 'signup.createOnBehalf',
						args: { ...onBehalf, id: onBehalfId }
					}
				]
			}
		});
		await send(server, `/api/sync/pull?deviceId=${deviceId}&cursor=0`, { cookie });

		// The volunteer desk's API: a sign-up taken on the phone, the roster, the CSV.
		const desk: Partial<ReturnType<typeof validSignup>> = validSignup(classId, resident);
		delete desk.classId;
		await send(server, `/api/volunteer/classes/${classId}/signups`, {
			method: 'POST',
			cookie,
			json: desk
		});
		await send(server, `/api/volunteer/classes/${classId}/roster`, { cookie });
		await send(server, `/api/volunteer/classes/${classId}/roster.csv`, { cookie });

		// Logins, failed and not; a session that no longer exists.
		await send(server, '/api/volunteer/login', {
			method: 'POST',
			json: { email: admin.email, password: `${admin.password}!` }
		});
		const second = await logIn(server, admin);
		secrets.push(second);
		await send(server, '/api/volunteer/logout', { method: 'POST', cookie: second });
		await send(server, '/api/volunteer/me', { cookie: second });

		const requests = (await logLines(server, 20)).filter((line) => line.msg === 'request');
		expect(requests.length, 'a log line for each request').toBeGreaterThanOrEqual(20);
		const output = server.output;
		for (const secret of secrets) {
			expect(output.includes(secret), `the log holds 「${secret.slice(0, 12)}…」`).toBe(false);
		}
		// Nor any piece of the name or the note (a message quoting part of a field).
		for (const part of [...resident.name.split(' '), resident.note.slice(0, 8)]) {
			expect(output.includes(part), `the log holds 「${part}」`).toBe(false);
		}
	});
});
