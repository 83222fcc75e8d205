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
		// Form posts are checked in src/hooks.server.ts instead: each town answers on its own host
		// (issue 17), which this check, comparing with ORIGIN only, refused; trustedOrigins is
		// fixed at build time and cannot list the towns an operator makes later. ['*'] turns
		// SvelteKit's own check off (what checkOrigin: false did, now deprecated).
		csrf: { trustedOrigins: ['*'] },
		// Content Security Policy: SvelteKit hashes its inline scripts on prerendered pages (sent
		// as a <meta> tag there) and adds a nonce on server-rendered ones (sent as a header).
		// Styles allow inline: Svelte writes style attributes. frame-ancestors only works as a
		// header, so prerendered pages get it from the reverse proxy (README, Deployment).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				// data: and blob: for pictures made in the page (the practice photo, QR codes).
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
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
