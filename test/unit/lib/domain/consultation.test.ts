import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	consultationCreateSchema,
	consultationSlots,
	maxSlots,
	newConsultationSchema
} from '$lib/domain/consultation';
import { signupRequestSchema } from '$lib/domain/signup';

const block = (extra: Record<string, unknown> = {}) => ({
	title: 'スマホ相談会',
	venueId: randomUUID(),
	startsAt: '2026-12-10T13:00:00+09:00',
	endsAt: '2026-12-10T16:00:00+09:00',
	slotMinutes: 20,
	helpers: 2,
	waitlist: false,
	...extra
});

const codes = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
	result.error?.issues.map((issue) => issue.message) ?? [];

describe('consultation', () => {
	describe('consultationSlots', () => {
		it('cuts 13:00–16:00 into nine 20-minute slots, back to back', () => {
			const slots = consultationSlots(block());
			expect(slots).toHaveLength(9);
			expect(slots[0]).toEqual({
				startsAt: '2026-12-10T04:00:00.000Z',
				endsAt: '2026-12-10T04:20:00.000Z'
			});
			expect(slots[8]?.endsAt).toBe('2026-12-10T07:00:00.000Z');
			for (const [index, slot] of slots.entries()) {
				if (index > 0) expect(slot.startsAt).toBe(slots[index - 1]?.endsAt);
			}
		});

		it('leaves out a remainder too short for a slot', () => {
			const slots = consultationSlots(
				block({ endsAt: '2026-12-10T14:10:00+09:00', slotMinutes: 30 })
			);
			expect(slots.map((slot) => slot.endsAt)).toEqual([
				'2026-12-10T04:30:00.000Z',
				'2026-12-10T05:00:00.000Z'
			]);
		});

		it('makes no slot of a block that ends before it starts or has no length', () => {
			expect(consultationSlots(block({ endsAt: '2026-12-10T12:00:00+09:00' }))).toEqual([]);
			expect(consultationSlots(block({ slotMinutes: 0 }))).toEqual([]);
			expect(consultationSlots(block({ startsAt: 'not a time' }))).toEqual([]);
		});

		it('gives a 12-hour block of 15 minutes the most slots there can be', () => {
			const long = block({
				startsAt: '2026-12-10T08:00:00+09:00',
				endsAt: '2026-12-10T20:00:00+09:00',
				slotMinutes: 15
			});
			expect(consultationSlots(long)).toHaveLength(maxSlots);
		});
	});

	describe('newConsultationSchema', () => {
		it('takes a block of 15, 20 or 30-minute slots', () => {
			for (const slotMinutes of [15, 20, 30]) {
				expect(newConsultationSchema.safeParse(block({ slotMinutes })).success).toBe(true);
			}
		});

		it('refuses other slot lengths, no helpers, unknown fields', () => {
			expect(codes(newConsultationSchema.safeParse(block({ slotMinutes: 25 })))).toEqual([
				'invalid_choice'
			]);
			expect(newConsultationSchema.safeParse(block({ helpers: 0 })).success).toBe(false);
			expect(newConsultationSchema.safeParse(block({ helpers: 11 })).success).toBe(false);
			expect(newConsultationSchema.safeParse(block({ capacity: 3 })).success).toBe(false);
		});

		it('refuses a block over 12 hours, one ending before it starts, one too short for a slot', () => {
			const over = block({
				startsAt: '2026-12-10T08:00:00+09:00',
				endsAt: '2026-12-10T20:15:00+09:00'
			});
			expect(codes(newConsultationSchema.safeParse(over))).toEqual(['too_long']);
			const backwards = block({ endsAt: '2026-12-10T12:00:00+09:00' });
			expect(codes(newConsultationSchema.safeParse(backwards))).toEqual(['ends_before_start']);
			const short = block({ endsAt: '2026-12-10T13:10:00+09:00' });
			expect(codes(newConsultationSchema.safeParse(short))).toEqual(['too_short']);
		});
	});

	describe('consultationCreateSchema', () => {
		it('takes one id per slot, each once', () => {
			const slotIds = Array.from({ length: 9 }, () => randomUUID());
			const ok = consultationCreateSchema.safeParse({ ...block(), id: randomUUID(), slotIds });
			expect(ok.success).toBe(true);
			const fewer = { ...block(), id: randomUUID(), slotIds: slotIds.slice(1) };
			expect(codes(consultationCreateSchema.safeParse(fewer))).toEqual(['invalid']);
			const twice = { ...block(), id: randomUUID(), slotIds: [...slotIds.slice(1), slotIds[1]] };
			expect(consultationCreateSchema.safeParse(twice).success).toBe(false);
		});
	});

	describe('help topics on a sign-up', () => {
		const signup = (extra: Record<string, unknown>) => ({
			id: randomUUID(),
			classId: randomUUID(),
			name: '山田 花子',
			device: 'android',
			needsLoaner: false,
			...extra
		});

		it('takes the choices, each once, and leaves them optional', () => {
			expect(signupRequestSchema.safeParse(signup({})).success).toBe(true);
			const chosen = signupRequestSchema.safeParse(signup({ helpTopics: ['line', 'mynumber'] }));
			expect(chosen.success && chosen.data.helpTopics).toEqual(['line', 'mynumber']);
			expect(signupRequestSchema.safeParse(signup({ helpTopics: ['line', 'line'] })).success).toBe(
				false
			);
			expect(codes(signupRequestSchema.safeParse(signup({ helpTopics: ['games'] })))).toEqual([
				'invalid_choice'
			]);
		});

		it('keeps the 個人番号 guard on the free text beside them', () => {
			const result = signupRequestSchema.safeParse(
				signup({ helpTopics: ['other'], note: '番号は 1234 5678 9018 です' })
			);
			expect(codes(result)).toEqual(['individual_number']);
		});
	});
});

describe('consultation clock', () => {
	it('writes a slot as the hall reads it, in Japan, whatever the device says', async () => {
		const { slotClock, tokyoDay, tokyoInstant } = await import('$lib/domain/consultation');
		const slot = { startsAt: '2026-12-10T04:20:00.000Z', endsAt: '2026-12-10T04:40:00.000Z' };
		expect(slotClock(slot, 'ja')).toBe('13:20〜13:40');
		expect(slotClock(slot, 'en')).toBe('13:20–13:40');
		expect(tokyoDay('2026-12-10T15:30:00.000Z')).toBe('2026-12-11');
		expect(new Date(tokyoInstant('2026-12-10', '13:00')).toISOString()).toBe(
			'2026-12-10T04:00:00.000Z'
		);
	});
});
