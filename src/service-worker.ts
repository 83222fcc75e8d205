/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The service worker only wires events; what it does lives in src/lib/sw/.
import { build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { offlineFallbackRoute, volunteerPagesRoute } from '$lib/sw/navigation';
import {
	ignoredUrlParameters,
	precacheManifest,
	progressPlugin,
	volunteerPageUrls
} from '$lib/sw/precache';
import { VolunteerPages } from '$lib/sw/volunteer-pages';
import { volunteerBuildFiles } from '$lib/sw/volunteer-build-files';
import {
	backgroundSyncTag,
	type PageToWorkerMessage,
	type VolunteerPagesStored
} from '$lib/sw/messages';
import { onBackgroundSync } from '$lib/sw/background-sync';
import { TownScript } from '$lib/sw/town';

declare const self: ServiceWorkerGlobalScope;

const lists = { build, files, prerendered, version, deskBuild: volunteerBuildFiles() };
const manifest = precacheManifest(lists);
addPlugins([progressPlugin({ total: manifest.length, version, clients: self.clients })]);
precacheAndRoute(manifest, { ignoreURLParametersMatching: ignoredUrlParameters });
cleanupOutdatedCaches();
const volunteerPages = new VolunteerPages({
	urls: volunteerPageUrls(lists),
	version,
	caches: self.caches
});
registerRoute(volunteerPagesRoute(volunteerPages));
// The host's town for the first paint: the device's copy at once, refreshed behind it.
const townScript = new TownScript({ caches: self.caches, fetch: (...args) => fetch(...args) });
registerRoute(
	({ url, sameOrigin, request }) => townScript.matches(url, sameOrigin, request.method),
	({ event }) => townScript.respond((work) => (event as ExtendableEvent).waitUntil(work))
);
registerRoute(offlineFallbackRoute());

// An update keeps the desk on a volunteer's device; the old version's copy goes once it is gone.
self.addEventListener('install', (event) => event.waitUntil(volunteerPages.refreshIfKept()));
// The town script the first page loaded before this worker was there to keep a copy.
self.addEventListener('install', (event) =>
	event.waitUntil(townScript.store().catch(() => undefined))
);
self.addEventListener('activate', (event) => event.waitUntil(volunteerPages.dropOtherVersions()));

// The first worker takes control at once, so the very first visit already works offline.
// An update never does: it waits until the user presses 「更新する」 (SKIP_WAITING below).
clientsClaim();

self.addEventListener('message', (event) => {
	const message = event.data as PageToWorkerMessage | null;
	if (message?.type === 'SKIP_WAITING') void self.skipWaiting();
	if (message?.type === 'KEEP_VOLUNTEER_PAGES') {
		const reply = (answer: VolunteerPagesStored) => event.ports[0]?.postMessage(answer);
		event.waitUntil(
			volunteerPages.store().then(
				() => reply({ stored: true }),
				() => reply({ stored: false })
			)
		);
	}
});

// Background Sync (Chromium): something was queued, and the network is back.
self.addEventListener('sync', (event: Event) => {
	const syncEvent = event as ExtendableEvent & { tag: string };
	if (syncEvent.tag === backgroundSyncTag) syncEvent.waitUntil(onBackgroundSync(self));
});
