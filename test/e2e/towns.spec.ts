import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { expect, test, waitForOfflineReady } from './fixtures';
import { AppFrame, waitForApp } from './pages/app-frame';
import { LoginPage } from './pages/login-page';
import { testAdmin, testOperator } from './server';

// Issue 17: one server, many towns. A town the operator makes answers at once on its own host
// name, as its own app (name, office, manifest), empty, offline too, and its admin's account
// works there and nowhere else. Chromium resolves *.localhost to this machine.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** Makes a town through the operator's API; answers its host name and its first admin. */
async function makeTown(request: APIRequestContext, id: string) {
	const login = await request.post('/api/operator/login', { data: testOperator });
	expect(login.status()).toBe(200);
	// The default town's file, under another id, name and office.
	const seed = JSON.parse(readFileSync('town.config.json', 'utf8')) as { office: object };
	const host = `${id}.localhost`;
	const admin = {
		email: `admin@${id}.example`,
		name: '星野 ひかり',
		password: 'starry-night-2026'
	};
	const made = await request.post('/api/operator/towns', {
		data: {
			id,
			hosts: [host],
			town: {
				...seed,
				id,
				name: { ja: 'ほしぞら町', 'ja-easy': 'ほしぞら{町|まち}', en: 'Hoshizora Town' },
				office: {
					...seed.office,
					name: {
						ja: 'ほしぞら町役場',
						'ja-easy': 'ほしぞら{町|まち}{役場|やくば}',
						en: 'Hoshizora Town Office'
					},
					phone: '0123-45-6789'
				}
			},
			admin
		}
	});
	expect(made.status(), await made.text()).toBe(201);
	return { host, admin };
}

test('a town made by the operator opens at once on its own host as its own app, offline too', async ({
	page,
	server
}) => {
	test.slow();
	const { host, admin } = await makeTown(page.request, `hoshi-${randomUUID().slice(0, 6)}`);
	const here = `http://${host}:${server.port}`;

	// Step 1: a resident opens the new town's address on her phone: its name and office, no
	// class yet, and the home-screen app carries its name.
	await page.goto(`${here}/`);
	await waitForApp(page);
	const frame = new AppFrame(page);
	await expect(frame.header).toContainText('ほしぞら町');
	await expect(frame.header).not.toContainText('みどり町');
	await expect(page.getByRole('contentinfo')).toContainText('0123-45-6789');
	// Asked from the page (the test's own HTTP client cannot resolve *.localhost names).
	const manifest = await page.evaluate(async () => {
		const answer = await fetch('/manifest.webmanifest');
		return (await answer.json()) as { name: string };
	});
	expect(manifest.name).toContain('ほしぞら町');
	// Its icons are the app's shared ones until the town's first admin opens the desk.
	const before = await page.evaluate(async () => (await fetch('/town-icon-192.png')).url);
	expect(new URL(before).pathname).toBe('/icons/icon-192.png');
	await page.goto(`${here}/classes`);
	await waitForApp(page);
	await expect(page.getByText('いま申し込める教室はありません')).toBeVisible();

	// Step 2: its admin logs in on the town's own page; the same account is unknown to みどり町.
	const login = new LoginPage(page);
	await page.goto(`${here}/volunteer/login`);
	await waitForApp(page);
	await login.logIn(admin);
	await expect(page).toHaveURL(`${here}/volunteer`);
	await expect(page.getByText('星野 ひかりさん（管理者）としてログインしています。')).toBeVisible();
	const elsewhere = await page.request.post('/api/volunteer/login', {
		data: { email: admin.email, password: admin.password }
	});
	expect(elsewhere.status()).toBe(401);
	// And みどり町's admin is unknown here.
	const midoriHere = await page.evaluate(async (credentials) => {
		const answer = await fetch('/api/volunteer/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(credentials)
		});
		return answer.status;
	}, testAdmin);
	expect(midoriHere).toBe(401);

	// Step 3: her first visit to the desk had her browser draw the town's home-screen icons with
	// its name, for iPhones and for launchers that take PNG only; saving 「町の情報」 draws them
	// again from what she saved.
	await expect
		.poll(async () =>
			page.evaluate(async () => new URL((await fetch('/town-icon-192.png')).url).pathname)
		)
		.toBe('/town-icon-192.png');
	await page.goto(`${here}/volunteer/town`);
	await waitForApp(page);
	await page.getByRole('button', { name: '保存する' }).click();
	await expect(
		page.getByRole('main').getByText('町の情報と、ホーム画面のアイコンを保存しました。')
	).toBeVisible();
	const icons = await page.evaluate(async () => {
		const { town } = (await (await fetch('/api/town')).json()) as {
			town: { colours: { primary: string } };
		};
		const touch = document.querySelector<HTMLLinkElement>('link[rel="apple-touch-icon"]')!.href;
		const looks = async (url: string) => {
			const answer = await fetch(url);
			const bitmap = await createImageBitmap(await answer.blob());
			const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
			const context = canvas.getContext('2d')!;
			context.drawImage(bitmap, 0, 0);
			const pixel = (x: number, y: number) => [...context.getImageData(x, y, 1, 1).data];
			const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
			let white = 0;
			for (let index = 0; index < data.length; index += 4) {
				if (data[index]! > 240 && data[index + 1]! > 240 && data[index + 2]! > 240) white += 1;
			}
			return {
				url: new URL(answer.url).pathname,
				type: answer.headers.get('content-type'),
				size: [bitmap.width, bitmap.height],
				corner: pixel(0, 0),
				centre: pixel(bitmap.width / 2, bitmap.height / 2),
				whiteShare: white / (bitmap.width * bitmap.height)
			};
		};
		return {
			primary: town.colours.primary,
			touch: await looks(touch),
			any: await looks('/town-icon-192.png'),
			large: await looks('/town-icon-512.png')
		};
	});
	const rgb = [1, 3, 5].map((at) => parseInt(icons.primary.slice(at, at + 2), 16));
	for (const [drawnIcon, size] of [
		[icons.touch, 180],
		[icons.any, 192],
		[icons.large, 512]
	] as const) {
		expect(drawnIcon.url).toBe(`/town-icon-${size}.png`);
		expect(drawnIcon.type).toBe('image/png');
		expect(drawnIcon.size).toEqual([size, size]);
		// よりそい and the town's name in white letters on the town's colour.
		expect(drawnIcon.whiteShare).toBeGreaterThan(0.02);
	}
	// iOS rounds the corners itself and shows transparency as black: its icon fills the square.
	expect(icons.touch.corner).toEqual([...rgb, 255]);
	expect(icons.any.corner[3]).toBe(0);

	// Step 4: with the server gone, the town's pages still open as ほしぞら町.
	await page.goto(`${here}/`);
	await waitForOfflineReady(page);
	await server.stop();
	await page.reload();
	await waitForApp(page);
	await expect(frame.header).toContainText('ほしぞら町');
	await expect(page.getByRole('contentinfo')).toContainText('0123-45-6789');
	await server.start();
});
