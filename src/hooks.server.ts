import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { closeServerContext, serverContext } from '$lib/server/context';

/** Opens the database and applies migrations when the server starts (not while building). */
export const init: ServerInit = async () => {
	if (building) return;
	await serverContext();
	// Graceful shutdown: adapter-node stops accepting and finishes requests on SIGTERM, then
	// emits 'sveltekit:shutdown'; the database closes last.
	process.once('sveltekit:shutdown', () => void closeServerContext());
};

/** Security headers on every answer (the CSP comes with the volunteer pages). */
export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};

/** Unexpected errors are logged by kind only: requests may carry names and phone numbers. */
export const handleError: HandleServerError = ({ error, status }) => {
	if (status >= 500) console.error('server error:', (error as Error)?.name ?? typeof error);
	return { message: status === 404 ? 'Not Found' : 'Internal Error' };
};
