import { lessonSummaries } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

// Prerendered (no session here): the lesson titles, to name a class's linked lessons offline.
export const load: PageServerLoad = () => ({ lessons: lessonSummaries() });
