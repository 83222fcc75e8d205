import { lessonSummaries } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

// Prerendered (no session here): the lessons a class can link to, for the form, offline too.
export const load: PageServerLoad = () => ({ lessons: lessonSummaries() });
