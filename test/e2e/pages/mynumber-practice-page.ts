import { expect, type Locator, type Page } from '@playwright/test';
import { waitForApp } from './app-frame';

/** The practice application (/mynumber/practice), in Japanese, as a resident goes through it. */
export class MyNumberPracticePage {
	readonly page: Page;
	readonly main: Locator;
	readonly next: Locator;
	readonly stepHeading: Locator;
	readonly photoProblems: Locator;
	readonly photoOk: Locator;

	constructor(page: Page) {
		this.page = page;
		this.main = page.getByRole('main');
		this.next = this.main.getByRole('button', { name: /^次へ/ });
		this.stepHeading = this.main.getByRole('heading', { level: 2 });
		this.photoProblems = page.getByTestId('photo-problems');
		this.photoOk = page.getByTestId('photo-ok');
	}

	/** Opens the simulator and waits until the app has started. */
	async open(): Promise<void> {
		await this.page.goto('/mynumber/practice');
		await waitForApp(this.page);
	}

	/** Every screen says it is practice, at the top and at the bottom. */
	async expectPracticeBanner(): Promise<void> {
		await expect(this.page.getByTestId('practice-banner').first()).toHaveText(
			/練習です。本当の申請はされません/
		);
	}

	/** Goes to the next screen and checks its heading. */
	async goNext(heading: string): Promise<void> {
		await this.next.click();
		await expect(this.stepHeading).toHaveText(heading);
		await this.expectPracticeBanner();
	}

	async agreeToTerms(): Promise<void> {
		await this.expectPracticeBanner();
		await this.main.getByRole('checkbox', { name: '利用規約に同意する' }).check();
		await this.goNext('申請書IDの入力');
	}

	/** The six boxes of the 申請書ID, first to last. */
	applicationIdBoxes(): Locator[] {
		return [1, 2, 3, 4, 5, 6].map((number) =>
			this.main.getByRole('textbox', { name: new RegExp(`^${number}つ目のまとまり`) })
		);
	}

	/** Types the 申請書ID a group at a time, in the practice's boxes. */
	async enterApplicationId(groups: string[]): Promise<void> {
		for (const [index, group] of groups.entries()) {
			await this.main
				.getByRole('textbox', { name: new RegExp(`^${index + 1}つ目のまとまり`) })
				.fill(group);
		}
	}

	async enterContact({ name, email }: { name: string; email: string }): Promise<void> {
		await this.main.getByRole('textbox', { name: 'メール連絡用の氏名' }).fill(name);
		await this.main.getByRole('textbox', { name: 'メールアドレス', exact: true }).fill(email);
		await this.main.getByRole('textbox', { name: /もう一度/ }).fill(email);
	}

	/** Takes the face photo with the (fake) camera. */
	async takePhotoWithCamera(): Promise<void> {
		await this.main.getByRole('button', { name: 'カメラで撮る' }).click();
		await expect(this.main.getByRole('button', { name: '撮影する' })).toBeVisible();
		await expect(this.main.locator('.face-guide')).toBeVisible();
		// Wait until the camera delivers frames.
		await this.page.waitForFunction(
			() => (document.querySelector('main video') as HTMLVideoElement | null)?.videoWidth
		);
		await this.main.getByRole('button', { name: '撮影する' }).click();
	}

	/** Chooses a photo file through 「写真を選ぶ」. */
	async choosePhotoFile(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
		const chooser = this.page.waitForEvent('filechooser');
		await this.main.getByRole('button', { name: '写真を選ぶ' }).click();
		await (await chooser).setFiles(file);
	}

	/** Back to choosing after a photo was checked. */
	async retakePhoto(): Promise<void> {
		await this.main.getByRole('button', { name: '撮り直す・選び直す' }).click();
	}

	async enterBirthDateInWareki(
		era: '昭和' | '平成' | '令和',
		year: string,
		month: string,
		day: string
	): Promise<void> {
		await this.main.getByRole('radio', { name: '和暦' }).check();
		await this.main.getByRole('combobox', { name: '元号' }).selectOption({ label: era });
		await this.main.getByRole('textbox', { name: '年（元年は1）' }).fill(year);
		await this.main.getByRole('textbox', { name: '月' }).fill(month);
		await this.main.getByRole('textbox', { name: '日' }).fill(day);
	}

	async chooseOptions(): Promise<void> {
		await this.main
			.getByRole('group', { name: /電子証明書の発行/ })
			.getByRole('radio', { name: '希望する' })
			.check();
		await this.main
			.getByRole('group', { name: /点字表記/ })
			.getByRole('radio', { name: '希望しない' })
			.check();
	}

	async finish(): Promise<void> {
		await this.main.getByRole('button', { name: '練習の申請を終える' }).click();
		await expect(this.stepHeading).toHaveText('練習完了');
		await this.expectPracticeBanner();
	}
}
