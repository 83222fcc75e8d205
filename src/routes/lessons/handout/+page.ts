import { i18n } from '$lib/i18n/i18n.svelte';
import { loadNamespaces } from '$lib/i18n';
import type { PageLoad } from './$types';

// The paper's strings (the lessons' layout loads the lessons' own).
export const load: PageLoad = async () => {
	await loadNamespaces(i18n.locale, 'paper');
};
