import { error } from '@sveltejs/kit';
import { browser } from '$app/environment';
import { lessonFiles, lessonModules } from 'virtual:yorisoi-lessons';
import type { EntryGenerator, PageLoad } from './$types';

// Every lesson is prerendered, so the service worker precaches it for the hall's tablets.
export const entries: EntryGenerator = () => Object.keys(lessonModules).map((id) => ({ id }));

// A universal load: the prerendered page holds the lesson as HTML only, and the browser gets its
// data from the lesson's own module (hashed, precached once), on the first visit as on a move
// from another lesson (src/lib/server/lessons/vite-plugin.ts). `module` is that module's file,
// which the prerendered page preloads so that it comes with the app's scripts (the browser,
// which has the lesson by then, needs no list of files).
export const load: PageLoad = async ({ params }) => {
	const load = lessonModules[params.id];
	if (!load) error(404, 'No such lesson');
	const { lesson, related } = await load();
	return { lesson, related, module: browser ? null : (lessonFiles[params.id] ?? null) };
};
