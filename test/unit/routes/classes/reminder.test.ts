import { beforeAll, describe, expect, it } from 'vitest';
import { eventDescription } from '$lib/calendar-file';
import { loadAllMessages } from '$lib/i18n';
import { classEventDescription, feeText } from '../../../../src/routes/classes/reminder';

beforeAll(async () => {
	await loadAllMessages();
});

const phone = '町役場 0000-00-0000';

describe('calendar text', () => {
	describe('eventDescription', () => {
		it('puts each item on its own line and leaves out empty parts and items', () => {
			expect(
				eventDescription({
					parts: ['LINE', { heading: '持ち物:', items: ['お貸しします。', ' ', '眼鏡'] }, null, ''],
					bullet: (item) => `・${item}`
				})
			).toBe('LINE\n持ち物:\n・お貸しします。\n・眼鏡');
			expect(
				eventDescription({ parts: [{ heading: 'Bring:', items: [] }], bullet: (item) => item })
			).toBe('');
		});
	});

	describe('classEventDescription', () => {
		const klass = { topic: '写真の送り方', bring: '筆記用具', fee: '' };

		it('never joins a sentence and a word with 「、」 in Japanese', () => {
			const text = classEventDescription({
				klass,
				signup: { device: 'none' },
				phone,
				locale: 'ja'
			});
			expect(text).toBe(
				[
					'写真の送り方',
					'持ち物:',
					'・スマホは要りません。教室でタブレットをお貸しします。',
					'・眼鏡（ふだん使う人）',
					'・筆記用具',
					'参加費: 無料',
					`わからないとき: ${phone}`
				].join('\n')
			);
			expect(text).not.toMatch(/。、/);
		});

		it('reads right in やさしい日本語, without furigana markup', () => {
			const text = classEventDescription({
				klass,
				signup: { device: 'android' },
				phone,
				locale: 'ja-easy'
			});
			expect(text).not.toMatch(/[{}|]/);
			expect(text).not.toMatch(/。、/);
			expect(text.split('\n').filter((line) => line.startsWith('・'))).toHaveLength(4);
			expect(text).toContain('お金は いりません');
		});

		it('lists items one per line in English, with the typed fee', () => {
			const text = classEventDescription({
				klass: { ...klass, bring: '', fee: '300 yen' },
				signup: { device: 'iphone' },
				phone,
				locale: 'en'
			});
			expect(text).toBe(
				[
					'写真の送り方',
					'Bring:',
					'- Your smartphone',
					'- Charge your phone beforehand',
					'- Your glasses, if you use them',
					'Fee: 300 yen',
					`Questions: ${phone}`
				].join('\n')
			);
		});

		it('says nothing of a fee the class never gave', () => {
			expect(feeText(null, 'ja')).toBeNull();
			expect(feeText(undefined, 'en')).toBeNull();
			const text = classEventDescription({
				klass: { topic: '', bring: undefined, fee: null },
				signup: { device: 'none' },
				phone,
				locale: 'ja'
			});
			expect(text).not.toContain('参加費');
			expect(text.startsWith('持ち物:')).toBe(true);
		});
	});
});
