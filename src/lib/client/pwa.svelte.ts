import type { Workbox } from 'workbox-window';
import {
	isPrecacheProgress,
	type KeepVolunteerPagesMessage,
	type VolunteerPagesStored
} from '$lib/sw/messages';
import { withDatabase } from './storage-health.svelte';

/** Chromium's install prompt event (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

declare global {
	interface Window {
		/** Set by static/boot.js when Chromium offered installation before the app started. */
		__yorisoiInstallPrompt?: BeforeInstallPromptEvent;
	}
}

const offlineReadyShownKey = 'offlineReadyShown';
// How often a page left open (a class tablet) looks for a new version.
const updateCheckIntervalMs = 30 * 60 * 1000;

/**
 * The service worker as the page sees it: caching progress, "ready offline", a waiting update
 * and the install prompt. The worker never takes over by itself: the user chooses to update.
 */
class PwaState {
	/** Precaching progress while a worker installs, or null when not caching. */
	caching = $state<{ done: number; total: number } | null>(null);
	/** True once everything is cached; the notice is shown once per device. */
	offlineReady = $state(false);
	/** True while the 「オフラインでも使えます」 notice should be visible. */
	showOfflineReady = $state(false);
	/** A new version is installed and waits for the user's agreement. */
	updateWaiting = $state(false);
	/** True while the update is being applied and the page reloads. */
	updating = $state(false);
	/** Chromium's install prompt, once the browser has offered one. */
	installPrompt = $state<BeforeInstallPromptEvent | null>(null);
	/** The app runs from the home screen (standalone display). */
	installed = $state(false);
	/** Whether the browser promised not to evict our storage; null until asked. */
	persisted = $state<boolean | null>(null);

	#workbox: Workbox | null = null;
	/** The worker's answer while it stores the volunteer pages (one request at a time). */
	#keepingVolunteerPages: Promise<boolean> | null = null;
	#reloading = false;
	#beforeUpdate: Array<() => Promise<void>> = [];

	/** Registers the service worker (production builds only) and starts listening. */
	start(): void {
		this.installed =
			matchMedia('(display-mode: standalone)').matches ||
			(navigator as { standalone?: boolean }).standalone === true;
		this.installPrompt = window.__yorisoiInstallPrompt ?? null;
		window.addEventListener('beforeinstallprompt', (event) => {
			event.preventDefault();
			this.installPrompt = event as BeforeInstallPromptEvent;
		});
		window.addEventListener('appinstalled', () => {
			this.installed = true;
			this.installPrompt = null;
		});
		void this.#readPersisted();
		if ('serviceWorker' in navigator) void this.#register();
	}

	/** Runs `task` (for example flushing drafts) before the page reloads for an update. */
	beforeUpdate(task: () => Promise<void>): () => void {
		this.#beforeUpdate.push(task);
		return () => {
			this.#beforeUpdate = this.#beforeUpdate.filter((other) => other !== task);
		};
	}

	/** Activates the waiting version after the user agreed, then reloads once. */
	async applyUpdate(): Promise<void> {
		if (!this.#workbox || this.updating) return;
		this.updating = true;
		await Promise.allSettled(this.#beforeUpdate.map((task) => task()));
		this.#workbox.messageSkipWaiting();
	}

	/** Asks the server for a newer service worker now. */
	async checkForUpdate(): Promise<void> {
		try {
			await this.#workbox?.update();
		} catch {
			// Offline or the server is down: the next check will try again.
		}
	}

	/** Shows Chromium's install dialog; returns whether the user accepted. */
	async install(): Promise<boolean> {
		const prompt = this.installPrompt;
		if (!prompt) return false;
		await prompt.prompt();
		const { outcome } = await prompt.userChoice;
		// A prompt can be used once; Chromium fires a new event if it may ask again.
		this.installPrompt = null;
		return outcome === 'accepted';
	}

	/**
	 * Asks the worker to keep the volunteer desk's pages on this device (residents' devices do
	 * not download them). Called once the server has confirmed a volunteer's login; stored pages are
	 * not fetched again, so every login check may ask. Answers whether they are stored.
	 */
	keepVolunteerPages(): Promise<boolean> {
		if (!('serviceWorker' in navigator)) return Promise.resolve(false);
		this.#keepingVolunteerPages ??= this.#askToKeepVolunteerPages().finally(() => {
			this.#keepingVolunteerPages = null;
		});
		return this.#keepingVolunteerPages;
	}

	async #askToKeepVolunteerPages(): Promise<boolean> {
		// On the very first visit the worker is still installing: this waits for it (and for
		// ever in development, where there is no worker, harmlessly).
		const worker = (await navigator.serviceWorker.ready).active;
		if (!worker) return false;
		// workbox-window's round trip: the message with a port, resolved by the worker's answer.
		const { messageSW } = await import('workbox-window');
		const message: KeepVolunteerPagesMessage = { type: 'KEEP_VOLUNTEER_PAGES' };
		const { stored } = (await messageSW(worker, message)) as VolunteerPagesStored;
		return stored;
	}

	/** Hides the 「オフラインでも使えます」 notice and remembers that it was shown. */
	dismissOfflineReady(): void {
		this.showOfflineReady = false;
	}

	async #register(): Promise<void> {
		// Loaded here, in the browser only: workbox-window has no build that Node can import.
		const { Workbox } = await import('workbox-window');
		const workbox = new Workbox('/service-worker.js');
		this.#workbox = workbox;

		navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
			if (isPrecacheProgress(event.data)) {
				const { done, total } = event.data;
				// The last report can arrive after the worker's 'installed' event.
				this.caching = done < total ? { done, total } : null;
			}
		});

		workbox.addEventListener('installed', (event) => {
			this.caching = null;
			if (!event.isUpdate) void this.#markOfflineReady();
		});
		workbox.addEventListener('waiting', () => {
			this.caching = null;
			this.updateWaiting = true;
		});
		// Reload once the new worker controls the page, only if the user asked for the update
		// (workbox's isUpdate is false on a page first opened before any worker existed).
		// iOS Safari may never fire controllerchange ('controlling'), so the worker reaching
		// 'activated' also counts.
		workbox.addEventListener('controlling', () => {
			if (this.updating) this.#reload();
		});
		workbox.addEventListener('activated', () => {
			if (this.updating) this.#reload();
		});

		void workbox.register().then(async (registration) => {
			// Already controlled and nothing installing: everything was cached on an earlier visit.
			if (navigator.serviceWorker.controller && registration?.active && !registration.installing) {
				this.offlineReady = true;
				if (!(await this.#offlineReadyWasShown())) await this.#markOfflineReady();
			}
		});

		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void this.checkForUpdate();
		});
		window.addEventListener('online', () => void this.checkForUpdate());
		setInterval(() => void this.checkForUpdate(), updateCheckIntervalMs);
	}

	async #markOfflineReady(): Promise<void> {
		this.offlineReady = true;
		if (await this.#offlineReadyWasShown()) return;
		this.showOfflineReady = true;
		await withDatabase((database) =>
			database.settings.put({ key: offlineReadyShownKey, value: true })
		);
		await this.requestPersistence();
	}

	async #offlineReadyWasShown(): Promise<boolean> {
		const row = await withDatabase((database) => database.settings.get(offlineReadyShownKey));
		return row?.value === true;
	}

	/** Asks the browser to keep our storage (Safari evicts sites not on the home screen). */
	async requestPersistence(): Promise<void> {
		if (!navigator.storage?.persist) return;
		try {
			this.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
		} catch {
			this.persisted = false;
		}
	}

	async #readPersisted(): Promise<void> {
		if (!navigator.storage?.persisted) return;
		this.persisted = await navigator.storage.persisted();
	}

	#reload(): void {
		if (this.#reloading) return;
		this.#reloading = true;
		window.location.reload();
	}
}

/** The app's one service-worker state. */
export const pwa = new PwaState();
