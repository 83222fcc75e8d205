import { json } from '@sveltejs/kit';
import { negotiateLocale, type Locale } from '$lib/domain/locale';
import { localeSchema } from '$lib/domain/locale';
import type { z } from 'zod';
import { fieldErrors, type FieldError } from '$lib/domain/signup';
import { translate, type MessageKey } from '$lib/i18n';
import type { Database } from './storage/database';
import { otherTownsCode, type RecordKind } from './towns';

/** Largest JSON body the API reads (a sign-up is well under 2 KB). */
export const maxBodyBytes = 16 * 1024;

/** Largest sync push: a full batch of the largest sign-ups. */
export const maxPushBytes = 512 * 1024;

/** The language of a request: `?lang=` first, then Accept-Language; Japanese by default. */
export function requestLocale(request: Request, url: URL): Locale {
	const explicit = localeSchema.safeParse(url.searchParams.get('lang'));
	if (explicit.success) return explicit.data;
	const header = request.headers.get('accept-language') ?? '';
	return negotiateLocale(header.split(','));
}

/** What `errorResponse` answers with; only status, code and locale are always needed. */
export interface ErrorAnswer {
	status: number;
	/** The contract's error code; its message comes from `errors.request.<code>`. */
	code: string;
	locale: Locale;
	/** Refused fields, each translated from `errors.field.<code>`. */
	fields?: Record<string, FieldError>;
	headers?: Record<string, string>;
	/** More of the answer beside `error` (a conflict's current record). */
	extra?: Record<string, unknown>;
	/** What the message names (a suspended town's office and phone). */
	values?: Record<string, string>;
}

/** The contract's error answer: `{ error: { code, message, fields } }` in the request's language. */
export function errorResponse({
	status,
	code,
	locale,
	fields = {},
	headers = {},
	extra = {},
	values = {}
}: ErrorAnswer): Response {
	const localised = Object.fromEntries(
		Object.entries(fields).map(([name, field]) => [
			name,
			{
				...field,
				message: translate(locale, `errors.field.${field.code}` as MessageKey, {
					max: field.max,
					min: field.min
				})
			}
		])
	);
	return json(
		{
			error: {
				code,
				message: translate(locale, `errors.request.${code}` as MessageKey, values),
				fields: localised
			},
			...extra
		},
		{ status, headers: { 'content-language': locale === 'en' ? 'en' : 'ja', ...headers } }
	);
}

/** The contract's 429: too many requests (or logins), with when to try again in Retry-After. */
export function tooManyRequests(options: {
	code?: string;
	locale: Locale;
	/** Seconds until a request may succeed again. */
	retryAfter: number;
}): Response {
	const { code = 'too_many_requests', locale, retryAfter } = options;
	return errorResponse({
		status: 429,
		code,
		locale,
		headers: { 'retry-after': String(retryAfter) }
	});
}

/** A request the endpoint refuses before looking at its content (415, 413, 400). */
export class BodyError extends Error {
	constructor(
		readonly status: 400 | 413 | 415,
		readonly code: 'unsupported_media_type' | 'body_too_large' | 'invalid_json'
	) {
		super(code);
	}
}

/**
 * Reads a JSON body of at most `maxBodyBytes`, refusing other content types (415), larger
 * bodies (413, counted as it arrives, whatever Content-Length says) and broken JSON or UTF-8.
 */
export async function readJsonBody(
	request: Request,
	maxBytes: number = maxBodyBytes
): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type)) throw new BodyError(415, 'unsupported_media_type');
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) throw new BodyError(413, 'body_too_large');
	const reader = request.body?.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	while (reader) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			// Not cancel(): SvelteKit would destroy the socket and the client would get no answer.
			// Released, the rest of the body is drained by Node after the 413 is sent.
			reader.releaseLock();
			throw new BodyError(413, 'body_too_large');
		}
		chunks.push(value);
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
		return JSON.parse(text);
	} catch {
		throw new BodyError(400, 'invalid_json');
	}
}

/**
 * Reads and validates a JSON request with a domain schema: the parsed data, or the contract's
 * error answer (415, 413, 400 with the refused fields) to return as it is.
 */
export async function parseJsonRequest<T>(
	request: Request,
	locale: Locale,
	schema: z.ZodType<T>,
	maxBytes: number = maxBodyBytes
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
	let body: unknown;
	try {
		body = await readJsonBody(request, maxBytes);
	} catch (error) {
		if (error instanceof BodyError) {
			return {
				ok: false,
				response: errorResponse({ status: error.status, code: error.code, locale })
			};
		}
		throw error;
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		return {
			ok: false,
			response: errorResponse({
				status: 400,
				code: 'invalid_input',
				locale,
				fields: fieldErrors(parsed.error, body)
			})
		};
	}
	return { ok: true, data: parsed.data };
}

/**
 * The contract's 404 when a request's body names another town's record (as an unknown one:
 * never its data), or null when it names only the host's town's records.
 */
export async function otherTownsResponse(options: {
	database: Database;
	townId: string;
	body: unknown;
	made?: RecordKind;
	locale: Locale;
}): Promise<Response | null> {
	const code = await otherTownsCode(options.database, options);
	return code ? errorResponse({ status: 404, code, locale: options.locale }) : null;
}
