import { lessonPicture, lessonPictureEntries } from '$lib/server/lessons';
import type { EntryGenerator, RequestHandler } from './$types';

// Prerendered into the build, so pictures are plain files the service worker precaches.
export const prerender = true;

export const entries: EntryGenerator = () =>
	lessonPictureEntries().map(({ id, file }) => ({ id, picture: file }));

export const GET: RequestHandler = ({ params }) =>
	new Response(lessonPicture(params.id, params.picture), {
		headers: { 'content-type': 'image/svg+xml; charset=utf-8' }
	});
