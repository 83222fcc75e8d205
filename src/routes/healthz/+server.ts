import { json } from '@sveltejs/kit';
import { version } from '$app/environment';
import { serverContext } from '$lib/server/context';
import type { RequestHandler } from './$types';

// Asked of the running server every time, never answered from a build.
export const prerender = false;

/** How long the database may take to answer before the server counts as unhealthy. */
const databaseTimeoutMs = 2000;

/**
 * For the operator's monitor and a load balancer: 200 when the database answers a query that
 * reads a table, 503 when it does not (or not within 2 s). Says nothing about residents.
 */
export const GET: RequestHandler = async () => {
	const headers = { 'cache-control': 'no-store' };
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		const query = serverContext().then(({ database }) =>
			database.first('SELECT count(*) AS n FROM schema_migrations')
		);
		const late = new Promise<never>((_, fail) => {
			timer = setTimeout(() => fail(new Error('timeout')), databaseTimeoutMs);
		});
		await Promise.race([query, late]);
		return json({ ok: true, database: 'ok', version }, { headers });
	} catch {
		return json({ ok: false, database: 'unreachable', version }, { status: 503, headers });
	} finally {
		clearTimeout(timer);
	}
};
