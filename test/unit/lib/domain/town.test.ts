import { describe, expect, it } from 'vitest';
import { findFuriganaErrors } from '$lib/domain/furigana';
import { localeIds } from '$lib/domain/locale';
import { parseTown, type Town } from '$lib/domain/town';
import raw from '../../../../town.config.json';

/** WCAG 2.x relative luminance of an sRGB colour written as `#rrggbb`. */
function relativeLuminance(hex: string): number {
	const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
	const [r, g, b] = match.slice(1).map((part) => {
		const channel = parseInt(part, 16) / 255;
		return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio of two colours, from 1 (none) to 21 (black on white). */
function contrastRatio(a: string, b: string): number {
	const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
		number,
		number
	];
	return (lighter + 0.05) / (darker + 0.05);
}

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
	describe('contrastRatio (test helper)', () => {
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
});
