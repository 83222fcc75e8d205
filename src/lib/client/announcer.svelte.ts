/** Messages for the page's polite live region (one region, so screen readers are not flooded). */
class Announcer {
	message = $state('');

	/** Announces `text` to screen readers. */
	say(text: string): void {
		// Clearing first makes the same message announce again.
		this.message = '';
		queueMicrotask(() => (this.message = text));
	}
}

/** The app's one announcer. */
export const announcer = new Announcer();
