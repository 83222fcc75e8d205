/**
 * Where each learner left each unfinished lesson, mirrored to localStorage for
 * `static/boot.js`: before the first paint it marks a lesson page the learner practising now
 * will resume (`data-resuming` on `<html>`), so step 1 of the prerendered page is not shown and
 * then swapped for their step. IndexedDB stays the source of truth; the lesson page corrects
 * the mirror each time it reads a learner's place, and a wrong mirror only hides the step for
 * the moment it takes to read it.
 */
export const resumeMirrorKey = 'yorisoi.resume';

/** Who is practising, and by learner id, lesson id → the step (0-based) they come back to. */
type Mirror = { current: string | null; places: Record<string, Record<string, number>> };

function read(): Mirror {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(resumeMirrorKey) ?? 'null');
		if (parsed && typeof parsed === 'object' && 'places' in parsed) {
			const { current, places } = parsed as Partial<Mirror>;
			if (places && typeof places === 'object') {
				return { current: typeof current === 'string' ? current : null, places };
			}
		}
	} catch {
		// No storage, or a broken value: start again.
	}
	return { current: null, places: {} };
}

function write(mirror: Mirror): void {
	try {
		localStorage.setItem(resumeMirrorKey, JSON.stringify(mirror));
	} catch {
		// No storage (private mode, full): the page then shows step 1 before the learner's step.
	}
}

/** The mirror's questions and changes; each reads (and writes) the whole, small value. */
export const resumeMirror = {
	/** Whether the learner practising now is expected to come back to a lesson mid-way. */
	expects(lessonId: string): boolean {
		const { current, places } = read();
		return current !== null && (places[current]?.[lessonId] ?? 0) > 0;
	},

	/** The learner practising now (null: nobody chosen). */
	choose(learnerId: string | null): void {
		const mirror = read();
		if (mirror.current !== learnerId) write({ ...mirror, current: learnerId });
	},

	/** Where a learner will come back to a lesson (null: at its start). */
	place(learnerId: string, lessonId: string, step: number | null): void {
		const mirror = read();
		const { [lessonId]: before, ...others } = mirror.places[learnerId] ?? {};
		if (before === (step ?? undefined)) return;
		const lessons = step === null ? others : { ...others, [lessonId]: step };
		write({ ...mirror, places: { ...mirror.places, [learnerId]: lessons } });
	},

	/** A learner removed from the device: nothing of theirs stays. */
	forget(learnerId: string): void {
		const mirror = read();
		const places = { ...mirror.places };
		delete places[learnerId];
		write({ current: mirror.current === learnerId ? null : mirror.current, places });
	}
};
