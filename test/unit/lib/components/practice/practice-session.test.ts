import { describe, expect, it, vi } from 'vitest';
import { PracticeSession } from '$lib/components/practice/practice-session.svelte';
import { hintAfterMisses } from '$lib/domain/practice';

const words = (text: string) => () => text;

describe('PracticeSession', () => {
	describe('miss', () => {
		it('counts a try and says what happened', () => {
			const session = new PracticeSession(vi.fn());
			session.miss(words('outside'));
			expect(session.attempts).toBe(1);
			expect(session.feedback?.()).toBe('outside');
		});

		it('offers the hint only after hintAfterMisses misses', () => {
			const session = new PracticeSession(vi.fn());
			for (let miss = 1; miss < hintAfterMisses; miss += 1) session.miss(words('again'));
			expect(session.hintDue).toBe(false);
			session.miss(words('again'));
			expect(session.hintDue).toBe(true);
		});
	});

	describe('say', () => {
		it('changes the words without counting a try', () => {
			const session = new PracticeSession(vi.fn());
			session.say(words('once more'));
			expect(session.attempts).toBe(0);
			expect(session.feedback?.()).toBe('once more');
		});
	});

	describe('succeed', () => {
		it('reports the tries including the successful one', () => {
			const oncomplete = vi.fn();
			const session = new PracticeSession(oncomplete);
			session.miss(words('no'));
			session.miss(words('no'));
			session.succeed({ usedAlternative: true, feedback: words('yes') });
			expect(oncomplete).toHaveBeenCalledWith({ attempts: 3, usedAlternative: true });
			expect(session.done).toBe(true);
		});

		it('reports only once, and nothing counts afterwards', () => {
			const oncomplete = vi.fn();
			const session = new PracticeSession(oncomplete);
			session.succeed({ usedAlternative: false, feedback: words('yes') });
			session.succeed({ usedAlternative: false, feedback: words('yes again') });
			session.miss(words('late'));
			expect(oncomplete).toHaveBeenCalledTimes(1);
			expect(session.attempts).toBe(1);
			expect(session.feedback?.()).toBe('yes');
		});
	});
});
