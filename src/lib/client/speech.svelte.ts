import { htmlLang, type Locale } from '$lib/domain/locale';

/** The parts of the Web Speech API that reading aloud uses; tests pass a fake. */
export type Synthesis = Pick<
	SpeechSynthesis,
	'speak' | 'cancel' | 'getVoices' | 'addEventListener' | 'removeEventListener'
>;

/** Which read-aloud button was pressed: the page's (in the layout) or a lesson step's. */
export type SpeechOrigin = 'page' | 'step';

/**
 * How long to wait for the device's voices when it has listed none yet: Chrome lists them
 * only after `voiceschanged`, a moment after the page starts.
 */
const voiceWait = 1500;

/**
 * Reads text aloud with the Web Speech API, in the page's language. Nothing plays by itself:
 * speech starts only from a button the user pressed. A device without a voice for the
 * language would stay silent; the button then says so in words (`missingVoice`).
 */
export class Speech {
	speaking = $state(false);
	/** The button whose reading found no voice for the language, until the next reading. */
	missingVoice = $state<SpeechOrigin | null>(null);
	readonly supported: boolean;
	#synthesis: Synthesis | null;
	#createUtterance: (text: string) => SpeechSynthesisUtterance;
	#wait: number;
	// Each reading's number: a stop or a newer reading makes an older one's wait moot.
	#reading = 0;

	constructor({
		synthesis = typeof window !== 'undefined' && 'speechSynthesis' in window
			? window.speechSynthesis
			: null,
		createUtterance = (text: string) => new SpeechSynthesisUtterance(text),
		wait = voiceWait
	}: {
		synthesis?: Synthesis | null;
		createUtterance?: (text: string) => SpeechSynthesisUtterance;
		wait?: number;
	} = {}) {
		this.#synthesis = synthesis;
		this.supported = synthesis !== null;
		this.#createUtterance = createUtterance;
		this.#wait = wait;
		// Asking early lets Chrome load its voices before the first press.
		synthesis?.getVoices();
	}

	/**
	 * Speaks `text` in the locale's language, a little slower than the default. Where the
	 * device has listed its voices, it starts at once, within the press (iOS speaks only then);
	 * otherwise a moment after, once it has. Resolves when speech has started or been given up.
	 */
	speak({
		text,
		locale,
		from = 'page'
	}: {
		text: string;
		locale: Locale;
		from?: SpeechOrigin;
	}): Promise<void> {
		const synthesis = this.#synthesis;
		if (!synthesis) return Promise.resolve();
		const reading = ++this.#reading;
		synthesis.cancel();
		this.missingVoice = null;
		this.speaking = true;
		const language = htmlLang(locale);
		const say = () => {
			if (reading !== this.#reading) return;
			const voice = voiceFor(synthesis.getVoices(), language);
			if (!voice) {
				this.speaking = false;
				this.missingVoice = from;
				return;
			}
			const utterance = this.#createUtterance(text);
			utterance.lang = language === 'ja' ? 'ja-JP' : 'en-US';
			utterance.voice = voice;
			utterance.rate = 0.9;
			const done = () => {
				if (reading === this.#reading) this.speaking = false;
			};
			utterance.onend = done;
			utterance.onerror = done;
			synthesis.speak(utterance);
		};
		if (synthesis.getVoices().length > 0) {
			say();
			return Promise.resolve();
		}
		return this.#voicesListed(synthesis).then(say);
	}

	/** Stops speaking. */
	stop(): void {
		if (!this.#synthesis) return;
		this.#reading += 1;
		this.#synthesis.cancel();
		this.speaking = false;
	}

	/** Resolves when the device lists its voices, or after a moment if it never does. */
	#voicesListed(synthesis: Synthesis): Promise<void> {
		return new Promise((resolve) => {
			const listed = () => finish();
			const timer = setTimeout(listed, this.#wait);
			function finish() {
				clearTimeout(timer);
				synthesis.removeEventListener('voiceschanged', listed);
				resolve();
			}
			synthesis.addEventListener('voiceschanged', listed);
		});
	}
}

/** The device's voice for a language, the usual region's (ja-JP, en-US) first; null if none. */
function voiceFor(voices: SpeechSynthesisVoice[], language: string): SpeechSynthesisVoice | null {
	const usual = language === 'ja' ? 'ja-jp' : 'en-us';
	const region = (voice: SpeechSynthesisVoice) => voice.lang.toLowerCase().replace('_', '-');
	const spoken = voices.filter((voice) => region(voice).split('-')[0] === language);
	return spoken.find((voice) => region(voice) === usual) ?? spoken[0] ?? null;
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
