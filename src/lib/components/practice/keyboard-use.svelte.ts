import { on } from 'svelte/events';
import { createSubscriber, MediaQuery } from 'svelte/reactivity';
import type { MessageKey } from '$lib/i18n';
import { i18n } from '$lib/i18n/i18n.svelte';

/**
 * Whether the learner may be using a keyboard: the device's main pointer is fine (a mouse or a
 * trackpad), or a key has been pressed on this page. Words about the Enter and arrow keys show
 * only then: on a phone they only get in the way.
 */
class KeyboardUse {
	#fine = new MediaQuery('(pointer: fine)', false);
	#pressed = $state(false);
	#subscribe = createSubscriber(() =>
		on(window, 'keydown', () => {
			this.#pressed = true;
		})
	);

	/** True with a fine pointer, or once a key was pressed. */
	get likely(): boolean {
		this.#subscribe();
		return this.#pressed || this.#fine.current;
	}
}

/** The page's one keyboard-use state. */
export const keyboardUse = new KeyboardUse();

/** A hint, followed by its words about keys where a keyboard is likely. */
export function withKeyboardWords(hint: string, keys: MessageKey): string {
	if (!keyboardUse.likely) return hint;
	return `${hint}${i18n.locale === 'en' ? ' ' : ''}${i18n.rich(keys)}`;
}
