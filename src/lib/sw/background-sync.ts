/// <reference lib="webworker" />
import * as z from 'zod/mini';
import { YorisoiDatabase } from '$lib/client/db';
import { SyncEngine } from '$lib/client/sync-engine';
import { withSyncLock } from '$lib/client/sync-lock';
import { syncRequestedMessage } from './messages';

// As in the pages: no `new Function` probing (see src/hooks.client.ts).
z.config({ jitless: true });

/**
 * Background Sync's event (Chromium): the network is back after something was queued. An open
 * page does the sending itself (it shows the progress), so it is only told to; with no page
 * open the worker sends the outbox. A failure makes the browser try the event again later.
 */
export async function onBackgroundSync(worker: ServiceWorkerGlobalScope): Promise<void> {
	const pages = await worker.clients.matchAll({ type: 'window' });
	const visible = pages.filter((page) => page.visibilityState === 'visible');
	if (visible.length > 0) {
		for (const page of visible) page.postMessage({ type: syncRequestedMessage });
		return;
	}
	const database = new YorisoiDatabase();
	try {
		// The language the answers' words come in; the server falls back to Japanese.
		const stored = (await database.settings.get('locale'))?.value;
		const locale = typeof stored === 'string' ? stored : 'ja';
		const engine = new SyncEngine({ database, locale: () => locale });
		const result = await withSyncLock(() => engine.flush());
		// Another tab holds the lock (it is sending): nothing to do here.
		if (result === null) return;
		if (result.outcome === 'offline' || result.outcome === 'server-error') {
			throw new Error(`background sync: ${result.outcome}`);
		}
	} finally {
		database.close();
	}
}
