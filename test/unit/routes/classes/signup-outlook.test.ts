import { describe, expect, it } from 'vitest';
import { seatCountsFreshMs, signupOutlook } from '$lib/domain/class-listing';
import { translate } from '$lib/i18n';
import { stripFurigana } from '$lib/domain/furigana';
import type { Locale } from '$lib/domain/locale';
import { outlookLines } from '../../../../src/routes/classes/signup/signup-outlook';

const now = Date.parse('2026-12-03T01:00:00Z');
const full = { status: 'scheduled' as const, seatsLeft: 0, waitlistLength: 2 };
const open = { status: 'scheduled' as const, seatsLeft: 3, waitlistLength: 0 };

/** What the form says, in one language, furigana removed. */
const said = (locale: Locale, lines: ReturnType<typeof outlookLines>) =>
	lines.map((line) => stripFurigana(translate(locale, line.key, line.values)));

describe('signupOutlook', () => {
	it('puts a sign-up to a full class after those already waiting', () => {
		expect(signupOutlook({ klass: full, pulledAt: now, online: true, now })).toEqual({
			kind: 'waitlist',
			position: 3,
			mayHaveChanged: false
		});
		expect(
			signupOutlook({ klass: { ...full, waitlistLength: 0 }, pulledAt: now, online: true, now })
		).toMatchObject({ kind: 'waitlist', position: 1 });
	});

	it('gives a seat while the class has some', () => {
		expect(signupOutlook({ klass: open, pulledAt: now, online: true, now })).toEqual({
			kind: 'seat',
			seatsLeft: 3,
			mayHaveChanged: false
		});
	});

	it('says the counts may have changed offline, after a while, or never checked', () => {
		const at = (options: { pulledAt: number | null; online: boolean }) =>
			signupOutlook({ klass: full, now, ...options });
		expect(at({ pulledAt: now, online: false })).toMatchObject({ mayHaveChanged: true });
		expect(at({ pulledAt: now - seatCountsFreshMs - 1, online: true })).toMatchObject({
			mayHaveChanged: true
		});
		expect(at({ pulledAt: now - seatCountsFreshMs, online: true })).toMatchObject({
			mayHaveChanged: false
		});
		expect(at({ pulledAt: null, online: true })).toMatchObject({ mayHaveChanged: true });
	});

	it('offers nothing for a cancelled class', () => {
		expect(
			signupOutlook({ klass: { ...full, status: 'cancelled' }, pulledAt: now, online: true, now })
		).toEqual({ kind: 'cancelled' });
	});
});

describe('outlookLines', () => {
	const waitlist = { kind: 'waitlist' as const, position: 3, mayHaveChanged: false };

	it('tells the place on the waiting list before sending, in each language', () => {
		const lines = outlookLines({ outlook: waitlist, heardAt: '12月3日 10時0分' });
		expect(said('ja', lines)).toEqual([expect.stringContaining('3番目の順番待ち')]);
		expect(said('ja', lines)[0]).toContain('満席');
		expect(said('ja-easy', lines)[0]).toContain('3番目の 順番待ち');
		expect(said('en', lines)[0]).toContain('number 3 on the waiting list');
	});

	it('adds when the counts were checked, when they may be old', () => {
		const lines = outlookLines({
			outlook: { ...waitlist, mayHaveChanged: true },
			heardAt: '12月3日 10時0分'
		});
		expect(said('ja', lines)).toEqual([
			expect.stringContaining('3番目の順番待ち'),
			expect.stringContaining('12月3日 10時0分に確かめた数です。いまは変わっているかもしれません')
		]);
		const never = outlookLines({ outlook: { ...waitlist, mayHaveChanged: true }, heardAt: null });
		expect(said('en', never)[1]).toContain('may have changed');
	});

	it('says free seats only when the count may be old (the card shows fresh ones)', () => {
		expect(
			outlookLines({
				outlook: { kind: 'seat', seatsLeft: 2, mayHaveChanged: false },
				heardAt: null
			})
		).toEqual([]);
		const old = outlookLines({
			outlook: { kind: 'seat', seatsLeft: 2, mayHaveChanged: true },
			heardAt: null
		});
		expect(said('ja', old)[0]).toBe('この教室は、あと2席あいています。');
		expect(old).toHaveLength(2);
	});

	it('says nothing for a cancelled class (the form is closed)', () => {
		expect(outlookLines({ outlook: { kind: 'cancelled' }, heardAt: null })).toEqual([]);
	});
});
