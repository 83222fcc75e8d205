import { lessonSummaries } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

// Prerendered (no session here): every lesson's title, offered offline in the questions.
export const load: PageServerLoad = () => ({ lessons: lessonSummaries() });
