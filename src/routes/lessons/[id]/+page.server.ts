import { allLessons, lessonById } from '$lib/server/lessons';
import { summarise } from '$lib/lessons/lesson';
import type { EntryGenerator, PageServerLoad } from './$types';

// Every lesson is prerendered, so the service worker precaches it for the hall's tablets.
export const entries: EntryGenerator = () => allLessons().map(({ id }) => ({ id }));

export const load: PageServerLoad = ({ params }) => {
	const lesson = lessonById(params.id);
	const related = lesson.related.map((id) => summarise(lessonById(id)));
	return { lesson, related };
};
