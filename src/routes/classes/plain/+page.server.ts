import { serverContext } from '$lib/server/context';
import { listUpcomingClasses } from '$lib/server/signups';
import { lessonTitles } from '../lesson-titles';
import type { PageServerLoad } from './$types';

// Drawn by the server at each visit, for a browser that runs no JavaScript (the usual class
// pages read the device's copy, which needs it).
export const prerender = false;

export const load: PageServerLoad = async ({ locals }) => {
	const { database, clock } = await serverContext();
	return {
		classes: await listUpcomingClasses(database, clock(), locals.townId),
		lessonTitles: lessonTitles()
	};
};
