import { i18n } from '$lib/i18n/i18n.svelte';
import { loadNamespaces } from '$lib/i18n';
import type { PageLoad } from './$types';

// The questionnaire's words besides the desk's and the hall's.
export const load: PageLoad = async ({ data }) => {
	await loadNamespaces(i18n.locale, 'survey');
	return data;
};
