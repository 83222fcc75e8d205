import { lessonSummaries } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

// Prerendered (no session here): the lesson titles, to name the questionnaire's choices.
export const load: PageServerLoad = () => ({ lessons: lessonSummaries() });
