import { i18n } from '$lib/i18n/i18n.svelte';
import { loadNamespaces } from '$lib/i18n';
import type { PageLoad } from './$types';

// The operator's strings, in Japanese and the chosen language, before the page renders.
export const load: PageLoad = async ({ data }) => {
	await loadNamespaces(i18n.locale, 'operator');
	return data;
};
