import { i18n } from '$lib/i18n/i18n.svelte';
import { loadNamespaces } from '$lib/i18n';
import type { PageLoad } from './$types';

// The questionnaire's link words, besides the classes' own.
export const load: PageLoad = async () => {
	await loadNamespaces(i18n.locale, 'survey');
};
