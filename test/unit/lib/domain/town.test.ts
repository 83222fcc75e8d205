import { describe, expect, it } from 'vitest';
import { findFuriganaErrors } from '$lib/domain/furigana';
import { localeIds } from '$lib/domain/locale';
import { contrastRatio, parseTown, townFieldErrors, type Town } from '$lib/domain/town';
import raw from '../../../../town.config.json';

/** A deep copy of the real town file, to break one field at a time. */
function townFile(): Town {
	return structuredClone(raw) as Town;
}

/** The message parseTown throws for the input. */
function problemsOf(input: unknown): string {
	try {
		parseTown(input);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('parseTown accepted the input');
}

describe('town', () => {
	describe('contrastRatio', () => {
		it('gives the known WCAG ratios', () => {
			expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
			expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
			// #767676 is the lightest grey that passes AA (4.5:1) on white.
			expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
			expect(contrastRatio('#777777', '#FFFFFF')).toBeLessThan(4.5);
		});
	});

	describe('town.config.json', () => {
		it('is a valid town configuration', () => {
			expect(() => parseTown(raw)).not.toThrow();
		});

		it('is what the app loads', async () => {
			const { town } = await import('$lib/town');

			expect(town).toEqual(parseTown(raw));
		});

		it('gives white text on the primary colour at least 7:1 contrast (WCAG AAA)', () => {
			const { primary } = parseTown(raw).colours;

			expect(contrastRatio(primary, '#ffffff')).toBeGreaterThanOrEqual(7);
		});

		it('has well-formed furigana in every text', () => {
			const texts: string[] = [];
			const collect = (value: unknown): void => {
				if (typeof value === 'string') texts.push(value);
				else if (value && typeof value === 'object') Object.values(value).forEach(collect);
			};
			collect(raw);

			expect(texts.flatMap((text) => findFuriganaErrors(text))).toEqual([]);
		});

		it('has no furigana markup in the ja and en texts, where it would show as braces', () => {
			const town = parseTown(raw);
			const localized = [
				town.name,
				town.office.name,
				town.office.address,
				town.office.hours,
				town.myNumberCounter.name,
				town.myNumberCounter.place,
				town.myNumberCounter.hours,
				town.helpDesk.name,
				town.helpDesk.place,
				town.helpDesk.hours,
				...town.outreachDates.map((outreach) => outreach.place)
			];

			const withBraces = localized
				.flatMap((text) => [text.ja, text.en])
				.filter((text) => /[{}]/.test(text));
			expect(withBraces).toEqual([]);
		});
	});

	describe('parseTown', () => {
		it('returns the parsed town', () => {
			const town = parseTown(townFile());

			expect(town.id).toBe(raw.id);
			expect(Object.keys(town.name).sort()).toEqual([...localeIds].sort());
		});

		it('names the file and the path of a bad colour with a hint', () => {
			const file = townFile();
			file.colours.primary = 'green';

			const message = problemsOf(file);
			expect(message).toContain('town.config.json is not a valid town configuration');
			expect(message).toContain('colours.primary: a colour like #1a5e3a');
		});

		it('names the path of a bad phone number inside a nested object', () => {
			const file = townFile();
			file.helpDesk.phone = '+81 (0)12 345';

			expect(problemsOf(file)).toContain('helpDesk.phone: digits and hyphens');
		});

		it('names the index of a bad outreach date', () => {
			const file = townFile();
			file.outreachDates[1] = { ...file.outreachDates[0]!, date: '2027-02-30' };

			expect(problemsOf(file)).toMatch(/^ {2}outreachDates\.1\.date: /m);
		});

		it('reports a missing locale and an empty text', () => {
			const file = townFile() as unknown as { name: Record<string, string> };
			delete file.name.en;
			file.name['ja-easy'] = '';

			const message = problemsOf(file);
			expect(message).toMatch(/^ {2}name\.en: /m);
			expect(message).toMatch(/^ {2}name\.ja-easy: /m);
		});

		it('reports an unknown key, so that a typo is not silently ignored', () => {
			const file = { ...townFile(), colour: { primary: '#000000' } };

			expect(problemsOf(file)).toMatch(/colour/);
		});

		it('reports every problem at once, one per line', () => {
			const file = townFile();
			file.colours.background = 'white';
			file.office.postalCode = '0000000';

			const lines = problemsOf(file).split('\n').slice(1);
			expect(lines).toHaveLength(2);
			expect(lines.join('\n')).toMatch(/^ {2}office\.postalCode: /m);
			expect(lines.join('\n')).toMatch(/^ {2}colours\.background: /m);
		});

		it('writes (top) as the path when the whole file is wrong', () => {
			expect(problemsOf(null)).toMatch(/^ {2}\(top\): /m);
		});

		it('names the source it was given', () => {
			expect(() => parseTown({}, 'towns/other.json')).toThrow(
				/^towns\/other\.json is not a valid town configuration/
			);
		});
	});
	describe('colours', () => {
		it('refuses a primary colour white text cannot be read on, and a dark background', () => {
			const file = townFile();
			file.colours = { primary: '#ffe500', background: '#555555' };

			const message = problemsOf(file);
			expect(message).toContain('colours.primary: white text on it needs 7:1 contrast');
			expect(message).toContain('colours.background: the text on it needs 7:1 contrast');
		});
	});

	describe('townFieldErrors', () => {
		it('has no problem for a valid town', () => {
			expect(townFieldErrors(townFile())).toEqual({});
		});

		it('names each problem by its dotted path, as the desk form finds its field', () => {
			const file = townFile() as Town & { office: { fax?: string } };
			file.name.en = '';
			file.office.fax = '000';
			file.outreachDates[0]!.date = 'soon';
			file.helpDesk.name.ja = '{相談|そうだん}';
			file.myNumberCounter.place['ja-easy'] = '{窓口|まどぐち';
			delete (file.helpDesk as Partial<Town['helpDesk']>).phone;

			expect(townFieldErrors(file)).toEqual({
				'name.en': { code: 'required' },
				'office.fax': { code: 'invalid' },
				'outreachDates.0.date': { code: 'invalid' },
				'helpDesk.name.ja': { code: 'invalid' },
				'myNumberCounter.place.ja-easy': { code: 'invalid' },
				'helpDesk.phone': { code: 'required' }
			});
		});
	});
});
