import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// SvelteKit loads this file again in its prerender process; the version is fixed once in the
// environment so that every part of one build (client, worker, prerendered pages) agrees.
process.env.YORISOI_VERSION ??= Date.now().toString(36);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// YORISOI_OUT lets the update test build a second deployment beside the first.
		adapter: adapter({ out: process.env.YORISOI_OUT ?? 'build', precompress: true }),
		// workbox-window registers the worker so that we control the update prompt ourselves.
		serviceWorker: { register: false },
		prerender: {
			// A build with no lesson (or no lesson picture) yet has nothing to prerender under
			// /lessons/[id]; every other page that is never reached still fails the build.
			handleUnseenRoutes: ({ routes, message }) => {
				if (routes.some((route) => !route.startsWith('/lessons/[id]'))) throw new Error(message);
			}
		},
		version: {
			// A new build is a new version; the service worker's cache names follow it.
			name: process.env.YORISOI_VERSION
		}
	}
};

export default config;
