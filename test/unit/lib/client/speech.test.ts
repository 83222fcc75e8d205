import { describe, expect, it } from 'vitest';
import { Speech, type Synthesis } from '$lib/client/speech.svelte';

/** A device's speechSynthesis: its voices can arrive late (Chrome) or never (no voice data). */
class FakeSynthesis implements Synthesis {
	voices: SpeechSynthesisVoice[];
	spoken: SpeechSynthesisUtterance[] = [];
	#listeners = new Set<() => void>();

	constructor(languages: string[] = []) {
		this.voices = languages.map(voice);
	}

	speak(utterance: SpeechSynthesisUtterance): void {
		this.spoken.push(utterance);
	}

	cancel(): void {}

	getVoices(): SpeechSynthesisVoice[] {
		return this.voices;
	}

	addEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
		if (type === 'voiceschanged') this.#listeners.add(listener as () => void);
	}

	removeEventListener(type: string, listener: EventListenerOrEventListenerObject): void {
		if (type === 'voiceschanged') this.#listeners.delete(listener as () => void);
	}

	/** The device has loaded its voices. */
	list(languages: string[]): void {
		this.voices = languages.map(voice);
		for (const listener of this.#listeners) listener();
	}
}

function voice(lang: string): SpeechSynthesisVoice {
	return { lang, name: `voice ${lang}` } as SpeechSynthesisVoice;
}

/** A speech state over the fake, with plain objects for utterances (Node has none). */
function speechOn(synthesis: FakeSynthesis, wait = 20): Speech {
	return new Speech({
		synthesis,
		createUtterance: (text) => ({ text }) as SpeechSynthesisUtterance,
		wait
	});
}

describe('Speech', () => {
	describe('speak', () => {
		it('speaks at once, within the press, with the device’s Japanese voice', () => {
			const synthesis = new FakeSynthesis(['en-US', 'ja-JP']);
			const speech = speechOn(synthesis);

			void speech.speak({ text: '電源を入れる', locale: 'ja' });

			expect(synthesis.spoken).toHaveLength(1);
			expect(synthesis.spoken[0]).toMatchObject({ text: '電源を入れる', lang: 'ja-JP' });
			expect(synthesis.spoken[0]?.voice?.lang).toBe('ja-JP');
			expect(speech.speaking).toBe(true);
			expect(speech.missingVoice).toBeNull();
		});

		it('takes a voice of the language from any region, as Android writes it (en_GB)', () => {
			const synthesis = new FakeSynthesis(['ja_JP', 'en_GB']);
			const speech = speechOn(synthesis);

			void speech.speak({ text: 'Turn it on', locale: 'en' });

			expect(synthesis.spoken[0]?.voice?.lang).toBe('en_GB');
			expect(synthesis.spoken[0]?.lang).toBe('en-US');
		});

		it('says which button found no voice when the device lists none for the language', async () => {
			const synthesis = new FakeSynthesis(['en-US']);
			const speech = speechOn(synthesis);

			await speech.speak({ text: 'やさしい説明', locale: 'ja-easy', from: 'step' });

			expect(synthesis.spoken).toEqual([]);
			expect(speech.speaking).toBe(false);
			expect(speech.missingVoice).toBe('step');
		});

		it('waits for voices listed late (voiceschanged), then speaks', async () => {
			const synthesis = new FakeSynthesis();
			const speech = speechOn(synthesis, 10_000);

			const started = speech.speak({ text: '画面を消す', locale: 'ja' });
			expect(synthesis.spoken).toEqual([]);
			synthesis.list(['ja-JP']);
			await started;

			expect(synthesis.spoken).toHaveLength(1);
			expect(speech.missingVoice).toBeNull();
		});

		it('gives up after a short wait when no voice ever comes, and says so', async () => {
			const synthesis = new FakeSynthesis();
			const speech = speechOn(synthesis);

			await speech.speak({ text: 'Home screen', locale: 'en' });

			expect(synthesis.spoken).toEqual([]);
			expect(speech.missingVoice).toBe('page');
		});

		it('forgets the problem when a later reading finds a voice', async () => {
			const synthesis = new FakeSynthesis(['en-US']);
			const speech = speechOn(synthesis);
			await speech.speak({ text: '音量', locale: 'ja' });
			expect(speech.missingVoice).toBe('page');

			await speech.speak({ text: 'Volume', locale: 'en' });

			expect(speech.missingVoice).toBeNull();
			expect(synthesis.spoken).toHaveLength(1);
		});
	});

	describe('stop', () => {
		it('cancels a reading still waiting for voices: nothing is said, no problem shown', async () => {
			const synthesis = new FakeSynthesis();
			const speech = speechOn(synthesis);

			const started = speech.speak({ text: '充電する', locale: 'ja' });
			speech.stop();
			await started;

			expect(synthesis.spoken).toEqual([]);
			expect(speech.speaking).toBe(false);
			expect(speech.missingVoice).toBeNull();
		});
	});

	it('is not supported without speechSynthesis, and then does nothing', async () => {
		const speech = new Speech({ synthesis: null });

		await speech.speak({ text: 'こんにちは', locale: 'ja' });

		expect(speech.supported).toBe(false);
		expect(speech.speaking).toBe(false);
		expect(speech.missingVoice).toBeNull();
	});
});
