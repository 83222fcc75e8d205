import { timingSafeEqual } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { metrics } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

// Asked of the running server every time, never answered from a build.
export const prerender = false;

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** True when `Authorization: Bearer <token>` matches YORISOI_METRICS_TOKEN (in constant time). */
function hasToken(request: Request): boolean {
	const expected = env.YORISOI_METRICS_TOKEN;
	const given = request.headers.get('authorization')?.match(/^Bearer (.+)$/)?.[1];
	if (!expected || !given) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus figures (src/lib/server/metrics.ts), for a scraper on the same machine or one that
 * sends the bearer token of YORISOI_METRICS_TOKEN. Behind a proxy, set ADDRESS_HEADER (README):
 * otherwise every proxied request comes from the proxy's loopback address.
 */
export const GET: RequestHandler = async ({ request, getClientAddress }) => {
	if (!loopback.has(getClientAddress()) && !hasToken(request)) {
		return new Response('Forbidden\n', {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	}
	return new Response(await metrics.metrics(), {
		headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' }
	});
};
