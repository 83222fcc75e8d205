import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, waitForOfflineReady } from './fixtures';
import { waitForApp } from './pages/app-frame';
import { MyNumberPracticePage } from './pages/mynumber-practice-page';

/**
 * A short Y4M video of random pixels for Chromium's fake camera. Its own test pattern is
 * mostly one flat colour, which encodes to a JPEG under the form's 20 KB minimum — as a real
 * camera's photo never would — so the camera shows noise instead.
 */
function fakeCameraVideo(): string {
	const width = 640;
	const height = 480;
	const frame = width * height * 1.5;
	const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
	const frames = [0, 1].map(() => Buffer.concat([Buffer.from('FRAME\n'), randomBytes(frame)]));
	const file = join(mkdtempSync(join(tmpdir(), 'yorisoi-camera-')), 'face.y4m');
	writeFileSync(file, Buffer.concat([header, ...frames]));
	return file;
}

// Chromium's fake camera answers getUserMedia without a prompt. The project's launch options
// are kept: only the fake-camera switches are added.
test.use({
	launchOptions: {
		executablePath: '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--disable-sync',
			'--disable-quic',
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream',
			`--use-file-for-fake-video-capture=${fakeCameraVideo()}`
		]
	}
});

const person = { name: '練習 みどり', email: 'practice.midori@example.jp' };
const applicationId = ['9876', '5432', '1098', '7654', '3210', '987'];

/** Records camera streams and object URLs, to check that the photo step lets go of them. */
async function watchPhotoResources(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const record = { streams: [] as MediaStream[], created: new Set<string>() };
		(window as unknown as { photoResources: typeof record }).photoResources = record;
		const getUserMedia = navigator.mediaDevices?.getUserMedia?.bind(navigator.mediaDevices);
		if (getUserMedia) {
			navigator.mediaDevices.getUserMedia = async (constraints) => {
				const stream = await getUserMedia(constraints);
				record.streams.push(stream);
				return stream;
			};
		}
		const create = URL.createObjectURL.bind(URL);
		const revoke = URL.revokeObjectURL.bind(URL);
		URL.createObjectURL = (object) => {
			const url = create(object);
			record.created.add(url);
			return url;
		};
		URL.revokeObjectURL = (url) => {
			record.created.delete(url);
			revoke(url);
		};
	});
}

/** Live camera tracks and object URLs not yet revoked. */
function heldPhotoResources(page: Page) {
	return page.evaluate(() => {
		const record = (
			window as unknown as {
				photoResources: { streams: MediaStream[]; created: Set<string> };
			}
		).photoResources;
		return {
			liveTracks: record.streams
				.flatMap((stream) => stream.getTracks())
				.filter((track) => track.readyState === 'live').length,
			objectUrls: record.created.size
		};
	});
}

/** Makes an image in the page with a canvas: random pixels (large files) or one colour (tiny). */
async function makeImage(
	page: Page,
	{
		width,
		height,
		type,
		noise = true,
		padTo = 0
	}: {
		width: number;
		height: number;
		type: 'image/jpeg' | 'image/png';
		noise?: boolean;
		padTo?: number;
	}
): Promise<Buffer> {
	const bytes = await page.evaluate(
		async ({ width, height, type, noise }) => {
			const canvas = document.createElement('canvas');
			canvas.width = width;
			canvas.height = height;
			const context = canvas.getContext('2d');
			if (!context) throw new Error('no canvas');
			if (noise) {
				const image = context.createImageData(width, height);
				for (let index = 0; index < image.data.length; index += 1) {
					image.data[index] = index % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
				}
				context.putImageData(image, 0, 0);
			} else {
				context.fillStyle = '#c8d8e8';
				context.fillRect(0, 0, width, height);
			}
			const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, type, 0.92));
			if (!blob) throw new Error('no image');
			return [...new Uint8Array(await blob.arrayBuffer())];
		},
		{ width, height, type, noise }
	);
	const buffer = Buffer.from(bytes);
	// Bytes after the image's end marker change the file's size, not the picture.
	return padTo > buffer.length
		? Buffer.concat([buffer, Buffer.alloc(padTo - buffer.length)])
		: buffer;
}

/** Everything the page's origin keeps: localStorage, sessionStorage, IndexedDB and caches. */
function storedEverything(page: Page) {
	return page.evaluate(async () => {
		const texts: string[] = [];
		let blobs = 0;
		for (const storage of [localStorage, sessionStorage]) {
			for (let index = 0; index < storage.length; index += 1) {
				const key = storage.key(index) ?? '';
				texts.push(`${key}=${storage.getItem(key)}`);
			}
		}
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const database = await new Promise<IDBDatabase>((done, fail) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => done(request.result);
				request.onerror = () => fail(request.error);
			});
			for (const storeName of database.objectStoreNames) {
				const rows = await new Promise<unknown[]>((done, fail) => {
					const request = database.transaction(storeName).objectStore(storeName).getAll();
					request.onsuccess = () => done(request.result);
					request.onerror = () => fail(request.error);
				});
				for (const row of rows) {
					texts.push(`${name}/${storeName}: ${JSON.stringify(row)}`);
					if (
						row instanceof Blob ||
						(typeof row === 'object' &&
							row !== null &&
							Object.values(row).some((value) => value instanceof Blob))
					)
						blobs += 1;
				}
			}
			database.close();
		}
		const cached: string[] = [];
		for (const cacheName of await caches.keys()) {
			const cache = await caches.open(cacheName);
			for (const request of await cache.keys()) cached.push(request.url);
		}
		return { texts, blobs, cached: cached.sort() };
	});
}

test.describe('My Number practice application', () => {
	test('is completed offline with the camera, with a file, and leaves nothing behind', async ({
		page,
		server
	}) => {
		test.setTimeout(120_000);
		await watchPhotoResources(page);
		const practice = new MyNumberPracticePage(page);

		// Step 1: the first visit, on the hall's Wi-Fi, saves the app; then the Wi-Fi is gone.
		await practice.open();
		await waitForOfflineReady(page);
		const cachedBefore = (await storedEverything(page)).cached;
		await server.stop();
		await page.reload();
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('オンライン申請の練習');

		// Step 2: terms, then a 申請書ID with a group missing, then the whole of it.
		await practice.agreeToTerms();
		await practice.enterApplicationId(applicationId.slice(0, 5));
		await practice.next.click();
		await expect(
			practice.main.getByText('申請書IDは23けたです。いまは20けたです。').first()
		).toBeVisible();
		await practice.enterApplicationId(applicationId);
		await practice.goNext('連絡先の入力');

		// Step 3: a 個人番号 typed as the name is refused kindly; mismatched e-mails are caught.
		await practice.enterContact({ name: '1234 5678 9018', email: person.email });
		await practice.main.getByRole('textbox', { name: /もう一度/ }).fill('other@example.jp');
		await practice.next.click();
		await expect(
			practice.main.getByText(/個人番号（マイナンバー）のような12けたの数字/).first()
		).toBeVisible();
		await expect(
			practice.main.getByText('2つのメールアドレスが同じではありません。', { exact: false }).first()
		).toBeVisible();
		await practice.enterContact(person);
		await practice.goNext('顔写真');

		// Step 4: the camera, with its guide frame; the photo passes the file rules.
		await practice.takePhotoWithCamera();
		await expect(practice.photoOk).toBeVisible();
		await expect(practice.photoOk).toContainText('600×800');
		expect((await heldPhotoResources(page)).liveTracks).toBe(0);

		// Wrong files get their explanation.
		await practice.retakePhoto();
		await practice.choosePhotoFile({
			name: 'face.png',
			mimeType: 'image/png',
			buffer: await makeImage(page, { width: 600, height: 800, type: 'image/png' })
		});
		await expect(practice.photoProblems).toContainText('JPEG形式ではありません');
		await practice.retakePhoto();
		await practice.choosePhotoFile({
			name: 'small.jpg',
			mimeType: 'image/jpeg',
			buffer: await makeImage(page, { width: 300, height: 400, type: 'image/jpeg' })
		});
		await expect(practice.photoProblems).toContainText(
			'縦と横はそれぞれ480ピクセル以上が必要です（この写真は300×400）'
		);
		await practice.retakePhoto();
		await practice.choosePhotoFile({
			name: 'plain.jpg',
			mimeType: 'image/jpeg',
			buffer: await makeImage(page, { width: 600, height: 800, type: 'image/jpeg', noise: false })
		});
		await expect(practice.photoProblems).toContainText('ファイルが小さすぎます');
		await practice.retakePhoto();
		await practice.choosePhotoFile({
			name: 'huge.jpg',
			mimeType: 'image/jpeg',
			buffer: await makeImage(page, {
				width: 600,
				height: 800,
				type: 'image/jpeg',
				padTo: 7 * 1024 * 1024 + 10
			})
		});
		await expect(practice.photoProblems).toContainText('ファイルが大きすぎます');
		await practice.next.click();
		await expect(
			practice.main.getByText('使える写真を撮るか、選んでください。').first()
		).toBeVisible();

		// A good file passes; leaving the step lets go of the photo.
		await practice.retakePhoto();
		await practice.choosePhotoFile({
			name: 'face.jpg',
			mimeType: 'image/jpeg',
			buffer: await makeImage(page, { width: 600, height: 800, type: 'image/jpeg' })
		});
		await expect(practice.photoOk).toContainText('600×800');
		await expect(practice.main.getByRole('img', { name: '選んだ顔写真' })).toBeVisible();
		await practice.goNext('生年月日');
		expect(await heldPhotoResources(page)).toEqual({ liveTracks: 0, objectUrls: 0 });

		// Step 5: 平成31年5月1日 does not exist; 昭和23年4月15日 is 1948.
		await practice.enterBirthDateInWareki('平成', '31', '5', '1');
		await practice.next.click();
		await expect(
			practice.main.getByText('その日は、もう平成ではありません', { exact: false }).first()
		).toBeVisible();
		await practice.enterBirthDateInWareki('昭和', '23', '4', '15');
		await expect(practice.main.getByText('昭和23年4月15日（1948年4月15日）')).toBeVisible();
		// The era problem goes as soon as the date is corrected, not at the next 「次へ」.
		await expect(practice.main.getByText('もう平成ではありません', { exact: false })).toHaveCount(
			0
		);
		await practice.goNext('電子証明書と点字表記');

		// Step 6: options, then the confirmation shows everything once more.
		await practice.chooseOptions();
		await practice.goNext('入力内容の確認');
		await expect(practice.main.getByText('9876 5432 1098 7654 3210 987')).toBeVisible();
		await expect(practice.main.getByText(person.email)).toBeVisible();
		await expect(practice.main.getByText('昭和23年4月15日（1948年4月15日）')).toBeVisible();
		await practice.finish();

		// Step 7: nothing of the practice is kept anywhere on the device.
		const stored = await storedEverything(page);
		const everything = stored.texts.join('\n');
		for (const secret of [person.email, person.name, applicationId.join(''), '1948']) {
			expect(everything).not.toContain(secret);
		}
		expect(stored.blobs).toBe(0);
		expect(stored.cached).toEqual(cachedBefore);
	});

	test('spreads a whole 申請書ID typed or pasted into the first box over all the boxes', async ({
		page
	}) => {
		const practice = new MyNumberPracticePage(page);
		await practice.open();
		await practice.agreeToTerms();
		const boxes = practice.applicationIdBoxes();
		const expected = ['9876', '5432', '1098', '7654', '3210', '987'];

		// Typed key by key into the first box: the digits go on into the next boxes.
		await boxes[0]!.pressSequentially(expected.join(''));
		for (const [index, group] of expected.entries()) {
			await expect(boxes[index]!, `box ${index + 1}`).toHaveValue(group);
		}
		await expect(boxes[5]!).toBeFocused();
		await expect(practice.main.getByText('いま 23 けた入っています')).toBeVisible();

		// Pasted over a first box that already holds four digits: the same.
		for (const box of boxes) await box.fill('');
		await boxes[0]!.fill('1234');
		await boxes[0]!.fill('12345678901234567890123');
		await expect(boxes[0]!).toHaveValue('1234');
		await expect(boxes[5]!).toHaveValue('123');
		await expect(boxes[5]!).toBeFocused();
		await practice.goNext('連絡先の入力');
	});

	test('marks every screen as practice and refuses a 個人番号 as the 申請書ID', async ({
		page
	}) => {
		const practice = new MyNumberPracticePage(page);
		await practice.open();
		await practice.agreeToTerms();
		await practice.main.getByRole('textbox', { name: /^1つ目のまとまり/ }).fill('123456789018');
		await practice.next.click();
		await expect(
			practice.main.getByText('これは個人番号（12けた）のようです。', { exact: false }).first()
		).toBeVisible();
		await expect(page.getByTestId('practice-banner')).toHaveCount(2);
	});
});
