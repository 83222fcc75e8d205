import { i18n } from '$lib/i18n/i18n.svelte';
import { loadNamespaces } from '$lib/i18n';
import type { LayoutLoad } from './$types';

// This part's strings, in Japanese and the chosen language, before its pages render.
export const load: LayoutLoad = async () => {
	await loadNamespaces(i18n.locale, 'classes');
};
