import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const prerender = false;

/** Who is logged in (hooks.server.ts answers 401 when nobody is). */
export const GET: RequestHandler = ({ locals }) => json({ volunteer: locals.volunteer });
