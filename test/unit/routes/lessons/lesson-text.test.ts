import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import LessonInlines from '../../../../src/routes/lessons/LessonInlines.svelte';
import Segments from '../../../../src/routes/lessons/Segments.svelte';

/** The markup without Svelte's hydration comments. */
function html(body: string): string {
	return body.replace(/<!--[^>]*-->/g, '');
}

describe('lesson text rendering', () => {
	describe('Segments', () => {
		it('renders readings as <ruby> with fallback brackets, and plain text as it is', () => {
			const { body } = render(Segments, {
				props: { text: '{画面|がめん}にふれる' }
			});
			expect(html(body)).toBe('<ruby>画面<rp>(</rp><rt>がめん</rt><rp>)</rp></ruby>にふれる');
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
