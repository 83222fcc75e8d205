import { error } from '@sveltejs/kit';
import { isMethodId, methodIds } from '$lib/components/mynumber/methods';
import type { EntryGenerator, PageLoad } from './$types';

// Every method's guide is prerendered, so each one opens offline.
export const entries: EntryGenerator = () => methodIds.map((method) => ({ method }));

export const load: PageLoad = ({ params }) => {
	if (!isMethodId(params.method)) error(404, 'Not found');
	return { method: params.method };
};
