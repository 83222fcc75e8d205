import { htmlLang, type Locale } from '$lib/domain/locale';

/**
 * Reads text aloud with the Web Speech API, in the page's language. Nothing plays by itself:
 * speech starts only from a button the user pressed.
 */
class Speech {
	speaking = $state(false);
	readonly supported = typeof window !== 'undefined' && 'speechSynthesis' in window;

	/** Speaks `text` in the locale's language, a little slower than the default. */
	speak(text: string, locale: Locale): void {
		if (!this.supported) return;
		speechSynthesis.cancel();
		const utterance = new SpeechSynthesisUtterance(text);
		const lang = htmlLang(locale) === 'ja' ? 'ja-JP' : 'en-US';
		utterance.lang = lang;
		utterance.rate = 0.9;
		const voice = speechSynthesis.getVoices().find((candidate) => candidate.lang === lang);
		if (voice) utterance.voice = voice;
		utterance.onend = () => (this.speaking = false);
		utterance.onerror = () => (this.speaking = false);
		this.speaking = true;
		speechSynthesis.speak(utterance);
	}

	/** Stops speaking. */
	stop(): void {
		if (!this.supported) return;
		speechSynthesis.cancel();
		this.speaking = false;
	}
}

/** The app's one speech state. */
export const speech = new Speech();

/**
 * The text of an element as it should be read: furigana readings, hidden parts and controls
 * marked `data-no-read` are left out, so 漢字 is not read twice.
 */
export function readableText(element: Element): string {
	const copy = element.cloneNode(true) as Element;
	copy
		.querySelectorAll('rt, rp, [aria-hidden="true"], [hidden], [data-no-read]')
		.forEach((node) => {
			node.remove();
		});
	return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}
