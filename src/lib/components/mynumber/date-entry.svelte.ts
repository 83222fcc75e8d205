import { compareDates, isValidDate, type DateParts } from '$lib/domain/calendar-date';
import { normaliseDigits } from '$lib/domain/mynumber-guard';
import { eraName, fromWareki, type EraId } from '$lib/domain/wareki';

/** What a typed date came to. */
export type DateEntryResult =
	| { status: 'incomplete' }
	| { status: 'ok'; date: DateParts }
	| { status: 'problem'; problem: 'not-a-date' | 'future'; era?: undefined }
	| { status: 'problem'; problem: 'before-era' | 'after-era'; era: string };

/** Today in Japan, as date parts. */
export function todayInJapan(): DateParts {
	const now = Date.now();
	const [year, month, day] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' })
		.format(now)
		.split('-')
		.map(Number);
	return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

const asNumber = (text: string) => {
	const digits = normaliseDigits(text);
	return /^\d{1,4}$/.test(digits) ? Number(digits) : null;
};

/**
 * A date being typed in 和暦 (era, year, month, day) or 西暦 (year, month, day). Lives in
 * memory only: nothing typed here is saved.
 */
export class DateEntry {
	calendar = $state<'wareki' | 'seireki'>('wareki');
	era = $state<EraId>('showa');
	eraYear = $state('');
	year = $state('');
	month = $state('');
	day = $state('');
	readonly #notAfterToday: boolean;

	constructor({ notAfterToday = true }: { notAfterToday?: boolean } = {}) {
		this.#notAfterToday = notAfterToday;
	}

	/** The date, or why it is not one yet. */
	result: DateEntryResult = $derived.by(() => {
		const month = asNumber(this.month);
		const day = asNumber(this.day);
		const year = asNumber(this.calendar === 'wareki' ? this.eraYear : this.year);
		if (month === null || day === null || year === null) return { status: 'incomplete' };
		let date: DateParts;
		if (this.calendar === 'wareki') {
			const converted = fromWareki({ era: this.era, eraYear: year, month, day });
			if (!converted.ok) {
				return converted.problem === 'not-a-date'
					? { status: 'problem', problem: 'not-a-date' }
					: { status: 'problem', problem: converted.problem, era: eraName(this.era) };
			}
			date = converted.date;
		} else {
			date = { year, month, day };
			if (!isValidDate(date) || year < 1900) return { status: 'problem', problem: 'not-a-date' };
		}
		if (this.#notAfterToday && compareDates(date, todayInJapan()) > 0) {
			return { status: 'problem', problem: 'future' };
		}
		return { status: 'ok', date };
	});

	/** Forgets everything typed. */
	clear(): void {
		this.calendar = 'wareki';
		this.era = 'showa';
		this.eraYear = '';
		this.year = '';
		this.month = '';
		this.day = '';
	}
}
