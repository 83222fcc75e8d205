import { render } from 'svelte/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settings } from '$lib/client/settings.svelte';
import { defaultSettings } from '$lib/domain/settings';
import LessonInlines from '../../../../src/routes/lessons/LessonInlines.svelte';
import Segments from '../../../../src/routes/lessons/Segments.svelte';

/** The markup without Svelte's hydration comments. */
function html(body: string): string {
	return body.replace(/<!--[^>]*-->/g, '');
}

describe('lesson text rendering', () => {
	// Furigana on, as the learner chose; each test starts from it.
	beforeEach(() => {
		settings.current = { ...defaultSettings, furigana: true };
	});
	afterEach(() => {
		settings.current = { ...defaultSettings };
	});

	describe('Segments', () => {
		it('renders readings as <ruby> with fallback brackets, and plain text as it is', () => {
			const { body } = render(Segments, {
				props: { text: '{画面|がめん}にふれる' }
			});
			expect(html(body)).toBe('<ruby>画面<rp>(</rp><rt>がめん</rt><rp>)</rp></ruby>にふれる');
		});

		it('renders plain text in 日本語 while furigana is off', () => {
			settings.current = { ...defaultSettings, furigana: false };
			const { body } = render(Segments, {
				props: { text: '{画面|がめん}にふれる' }
			});
			expect(html(body)).toBe('画面にふれる');
		});

		it('lets only a word longer than six kanji break over two lines', () => {
			const { body } = render(Segments, {
				props: { text: '{利用者証明用電子証明書|りようしゃしょうめいようでんししょうめいしょ}' }
			});
			expect(html(body)).toContain('<ruby class="long-word">');
		});
	});

	describe('LessonInlines', () => {
		it('renders bold words, lesson links inside the app and web links outside it', () => {
			const { body } = render(LessonInlines, {
				props: {
					inlines: [
						{ type: 'text', text: '{大事|だいじ}', strong: true },
						{
							type: 'link',
							href: '/lessons/camera-photos',
							lessonId: 'camera-photos',
							children: [{ type: 'text', text: 'カメラ' }]
						},
						{
							type: 'link',
							href: 'https://www.digi-katsu.go.jp/',
							children: [{ type: 'text', text: '講習会' }]
						}
					]
				}
			});
			const markup = html(body);
			expect(markup).toContain(
				'<strong><ruby>大事<rp>(</rp><rt>だいじ</rt><rp>)</rp></ruby></strong>'
			);
			expect(markup).toContain('<a href="/lessons/camera-photos">カメラ</a>');
			expect(markup).toContain(
				'<a href="https://www.digi-katsu.go.jp/" rel="external noopener noreferrer" target="_blank">講習会</a>'
			);
		});
	});
});
