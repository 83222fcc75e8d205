import type { PageServerLoad } from './$types';
import { lessonTitles } from '../lesson-titles';

export const load: PageServerLoad = () => ({ lessonTitles: lessonTitles() });
