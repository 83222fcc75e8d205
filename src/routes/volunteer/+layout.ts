import { i18n } from '$lib/i18n/i18n.svelte';
import { loadNamespaces } from '$lib/i18n';
import type { LayoutLoad } from './$types';

// The volunteer pages' strings (the desk's, and the hall pages' — attendance, print, poster,
// statistics, questionnaire), in Japanese and the chosen language, before they render.
export const load: LayoutLoad = async () => {
	await loadNamespaces(i18n.locale, 'desk', 'hall', 'survey');
};
