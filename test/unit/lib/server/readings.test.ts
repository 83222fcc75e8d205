import { describe, expect, it } from 'vitest';
import { stripFurigana } from '$lib/domain/furigana';
import { markJapanese, readings, withReadingsDeep, withTownReadings } from '$lib/server/readings';
import { jaTexts } from '../../../../scripts/readings-texts.mjs';

const kanjiRuns = (text: string) => stripFurigana(text).match(/[\p{Script=Han}々〆ヶ]+/gu) ?? [];

describe('readings', () => {
	describe('the 日本語 texts (UI strings, lessons, town file)', () => {
		const texts = jaTexts();

		it('have a reading for every run of kanji', () => {
			const missing = texts.flatMap(({ where, text }) =>
				markJapanese(text).missing.map((run) => `${where}: ${run}`)
			);
			const total = texts.reduce((sum, { text }) => sum + kanjiRuns(text).length, 0);
			// The figure the closing note of a change quotes.
			console.log(
				`furigana coverage: ${total - missing.length} / ${total} kanji runs have readings; ${Object.keys(readings).length} words in the reviewed list and overrides`
			);

			expect(missing, 'add these words with npm run readings, then review them').toEqual([]);
		});

		it('are read from every locale file and lesson', () => {
			const where = new Set(texts.map((text) => text.where.replace(/\.json\..*$/, '')));

			expect(where).toContain('src/lib/i18n/locales/ja');
			expect(where).toContain('src/lib/i18n/locales/mynumber/ja');
			expect([...where].filter((file) => file.endsWith('/ja.md')).length).toBeGreaterThan(20);
		});
	});

	describe('markJapanese', () => {
		it('reads dates by their numbers before the word list', () => {
			expect(markJapanese('2025年12月1日まで').text).toBe(
				'2025{年|ねん}12{月|がつ}{1日|ついたち}まで'
			);
		});
	});

	describe('withReadingsDeep', () => {
		it('marks every string of a locale file and keeps its shape and placeholders', () => {
			expect(
				withReadingsDeep({ a: { b: '{{count}}人が入力しました' }, c: ['画面'], d: 1 })
			).toEqual({
				a: { b: '{{count}}{人|にん}が{入力|にゅうりょく}しました' },
				c: ['{画面|がめん}'],
				d: 1
			});
		});
	});

	describe('withTownReadings', () => {
		it('marks only the Japanese text of a town file', () => {
			expect(
				withTownReadings({
					name: { ja: 'みどり町役場', 'ja-easy': 'みどり町', en: '町' },
					phone: '0120'
				})
			).toEqual({
				name: { ja: 'みどり{町役場|ちょうやくば}', 'ja-easy': 'みどり町', en: '町' },
				phone: '0120'
			});
		});
	});
});
