import { applicationIdGroups, checkApplicationId } from '$lib/domain/application-id';
import { containsIndividualNumber } from '$lib/domain/mynumber-guard';
import type { MessageKey } from '$lib/i18n';
import { DateEntry } from '$lib/components/mynumber/date-entry.svelte';

/** The simulator's screens, in the real form's order. */
export const practiceSteps = [
	'terms',
	'id',
	'contact',
	'photo',
	'birth',
	'options',
	'confirm',
	'done'
] as const;

/** One screen of the simulator. */
export type PracticeStep = (typeof practiceSteps)[number];

/** A problem to show beside a field (and in the summary), with its interpolation values. */
export type FieldError = { field: string; key: MessageKey; values?: Record<string, string> };

/** What is kept of the photo after its step: only that it passed, and its size. */
export type CheckedPhoto = { width: number; height: number; bytes: number };

/** A sample 申請書ID for people who have no form at hand (not a real one). */
export const sampleApplicationId = '12345678901234567890123';

// A loose check, as the real form's is unknown: something@something.something, no spaces.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Everything typed into the practice application, in memory only: never in IndexedDB,
 * localStorage, a draft or a request. `reset()` forgets it all.
 */
export class PracticeForm {
	step = $state<PracticeStep>('terms');
	agreed = $state(false);
	idGroups = $state<string[]>(applicationIdGroups.map(() => ''));
	name = $state('');
	email = $state('');
	emailAgain = $state('');
	photo = $state<CheckedPhoto | null>(null);
	birth = new DateEntry();
	certificate = $state<'yes' | 'no' | null>(null);
	braille = $state<'yes' | 'no' | null>(null);
	/** The problems the last 「次へ」 found, as found then. */
	#found = $state<FieldError[]>([]);
	/** The fields whose problems are shown (set by 「次へ」). */
	#shownFields = $state<string[]>([]);

	/**
	 * The problems shown on the screen: those of the fields 「次へ」 found wrong, checked again as
	 * they are corrected, so a fixed field's message goes away at once.
	 */
	errors: FieldError[] = $derived.by(() =>
		this.#shownFields.length === 0
			? []
			: this.validate().filter((error) => this.#shownFields.includes(error.field))
	);

	/**
	 * What the live region says: the problems as the last 「次へ」 found them (said once, not
	 * again at each key), less those corrected since.
	 */
	announced: FieldError[] = $derived.by(() =>
		this.#found.filter((found) =>
			this.errors.some((error) => error.field === found.field && error.key === found.key)
		)
	);

	/** The screen's number (1-based) among the ones with a form, for 「手順 2 / 7」. */
	get position(): number {
		return practiceSteps.indexOf(this.step) + 1;
	}

	/** How many screens have a form (all but 「練習完了」). */
	get total(): number {
		return practiceSteps.length - 1;
	}

	/** The 申請書ID as typed, groups joined. */
	get applicationId(): string {
		return this.idGroups.join('');
	}

	/** The problems on the current screen; empty when it may be left forwards. */
	validate(step: PracticeStep = this.step): FieldError[] {
		const errors: FieldError[] = [];
		if (step === 'terms' && !this.agreed) {
			errors.push({ field: 'terms', key: 'mynumber.practice.terms.required' });
		}
		if (step === 'id') {
			const check = checkApplicationId(this.applicationId);
			if (!check.ok) {
				const keys = {
					empty: 'mynumber.practice.id.empty',
					'not-digits': 'mynumber.practice.id.notDigits',
					'too-short': 'mynumber.practice.id.tooShort',
					'too-long': 'mynumber.practice.id.tooLong',
					'individual-number': 'mynumber.practice.id.individualNumber'
				} as const satisfies Record<string, MessageKey>;
				errors.push({
					field: 'id',
					key: keys[check.problem],
					values: { length: String(check.length) }
				});
			}
		}
		if (step === 'contact') {
			if (containsIndividualNumber(this.name)) {
				errors.push({ field: 'name', key: 'mynumber.common.guardRefused' });
			} else if (this.name.trim() === '') {
				errors.push({ field: 'name', key: 'mynumber.practice.contact.nameEmpty' });
			}
			if (containsIndividualNumber(this.email)) {
				errors.push({ field: 'email', key: 'mynumber.common.guardRefused' });
			} else if (!emailPattern.test(this.email.trim())) {
				errors.push({ field: 'email', key: 'mynumber.practice.contact.emailInvalid' });
			}
			if (this.email.trim() !== this.emailAgain.trim()) {
				errors.push({ field: 'emailAgain', key: 'mynumber.practice.contact.emailMismatch' });
			}
		}
		if (step === 'photo' && !this.photo) {
			errors.push({ field: 'photo', key: 'mynumber.practice.photo.required' });
		}
		if (step === 'birth') {
			const result = this.birth.result;
			if (result.status === 'incomplete') {
				errors.push({ field: 'birth', key: 'mynumber.practice.birth.incomplete' });
			} else if (result.status === 'problem') {
				const keys = {
					'not-a-date': 'mynumber.practice.birth.notADate',
					future: 'mynumber.practice.birth.future',
					'before-era': 'mynumber.practice.birth.beforeEra',
					'after-era': 'mynumber.practice.birth.afterEra'
				} as const satisfies Record<string, MessageKey>;
				errors.push({
					field: 'birth',
					key: keys[result.problem],
					values: { era: result.era ?? '' }
				});
			}
		}
		if (step === 'options') {
			if (!this.certificate) {
				errors.push({ field: 'certificate', key: 'mynumber.practice.options.required' });
			}
			if (!this.braille)
				errors.push({ field: 'braille', key: 'mynumber.practice.options.required' });
		}
		return errors;
	}

	/** Goes forwards when the screen is complete; otherwise shows its problems. */
	next(): boolean {
		const errors = this.validate();
		this.#shownFields = errors.map((error) => error.field);
		this.#found = errors;
		if (errors.length > 0) return false;
		const index = practiceSteps.indexOf(this.step);
		this.step = practiceSteps[index + 1] ?? this.step;
		if (this.step === 'done') this.forgetAnswers();
		return true;
	}

	/** Goes back one screen, keeping what was typed (except the photo, already discarded). */
	back(): void {
		this.#forgetErrors();
		const index = practiceSteps.indexOf(this.step);
		this.step = practiceSteps[Math.max(0, index - 1)] ?? 'terms';
	}

	/** Opens a screen from the confirmation, to correct it. */
	goTo(step: PracticeStep): void {
		this.#forgetErrors();
		this.step = step;
	}

	/** The errors for one field. */
	errorsFor(field: string): FieldError[] {
		return this.errors.filter((error) => error.field === field);
	}

	/** The id of a field's problems for its aria-describedby, while it has any. */
	describedBy(field: string): string | undefined {
		return this.errorsFor(field).length > 0 ? `${field}-error` : undefined;
	}

	/** Forgets every answer (the practice is over), leaving the screen where it is. */
	forgetAnswers(): void {
		this.agreed = false;
		this.idGroups = applicationIdGroups.map(() => '');
		this.name = '';
		this.email = '';
		this.emailAgain = '';
		this.photo = null;
		this.birth.clear();
		this.certificate = null;
		this.braille = null;
		this.#forgetErrors();
	}

	#forgetErrors(): void {
		this.#shownFields = [];
		this.#found = [];
	}

	/** Starts again from the first screen with nothing filled in. */
	reset(): void {
		this.forgetAnswers();
		this.step = 'terms';
	}
}
