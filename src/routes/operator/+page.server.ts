import { fail, redirect } from '@sveltejs/kit';
import { nestedFieldErrors, newTownSchema, townPatchSchema } from '$lib/domain/operator';
import type { FieldError } from '$lib/domain/signup';
import { newTownDetails } from '$lib/domain/town-defaults';
import { serverContext } from '$lib/server/context';
import {
	createTown,
	listTownsWithCounts,
	OperatorError,
	setTownSuspended
} from '$lib/server/operator-towns';
import { logInOperatorWithCookie, logOutOperatorWithCookie } from '$lib/server/operators';
import { newTownFields, type NewTownField } from './fields';
import type { Actions, PageServerLoad } from './$types';

// The operator's page is drawn for each request, on every host: it shows live data.
export const prerender = false;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.operator) return { operator: null, towns: [], confirm: null };
	const { database } = await serverContext();
	return {
		operator: locals.operator,
		towns: await listTownsWithCounts(database),
		// A suspension asked for and waiting for its confirmation (a link, so it works without
		// JavaScript).
		confirm: url.searchParams.get('confirm')
	};
};

/** A form field's text, at most `max` characters. */
const field = (form: FormData, name: string, max = 400) =>
	String(form.get(name) ?? '')
		.trim()
		.slice(0, max);

export const actions: Actions = {
	/** The operator's login form. Only the e-mail is sent back on failure. */
	login: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = field(form, 'email', 254);
		const result = await logInOperatorWithCookie({
			context: await serverContext(),
			email,
			password: String(form.get('password') ?? '').slice(0, 128),
			address: getClientAddress(),
			cookies,
			url
		});
		if (result.ok) redirect(303, '/operator');
		return fail(result.code === 'too_many_logins' ? 429 : 401, {
			action: 'login' as const,
			email,
			code: result.code
		});
	},

	logout: async ({ cookies }) => {
		await logOutOperatorWithCookie({ context: await serverContext(), cookies });
		redirect(303, '/operator');
	},

	/**
	 * The new town's form: what the operator typed, completed by `newTownDetails`, checked by
	 * the API's own schema, made by the same function as `POST /api/operator/towns`.
	 */
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const values = Object.fromEntries(
			newTownFields.map((name) => [name, field(form, name, name === 'hosts' ? 2000 : 400)])
		) as Record<NewTownField, string>;
		const answer = (status: number, extra: { code: string; fields?: Record<string, FieldError> }) =>
			fail(status, { action: 'create' as const, values, fields: {}, ...extra });
		const operator = locals.operator;
		if (!operator) return answer(401, { code: 'operator_login_required' });
		const id = values.id.toLowerCase();
		const body = {
			id,
			hosts: values.hosts.split(/[\s,]+/).filter(Boolean),
			town: newTownDetails({
				id,
				fictional: form.get('fictional') === 'on',
				name: { ja: values.nameJa, 'ja-easy': values.nameEasy, en: values.nameEn },
				office: {
					name: { ja: values.officeJa, 'ja-easy': values.officeEasy, en: values.officeEn },
					phone: values.phone
				},
				colours: { primary: values.primary, background: values.background }
			}),
			admin: {
				email: values.adminEmail,
				name: values.adminName,
				password: String(form.get('adminPassword') ?? '').slice(0, 129)
			}
		};
		const parsed = newTownSchema.safeParse(body);
		if (!parsed.success) {
			return answer(400, {
				code: 'invalid_input',
				fields: formFieldCodes(nestedFieldErrors(parsed.error, body))
			});
		}
		const { database, clock, towns } = await serverContext();
		try {
			await createTown(database, { request: parsed.data, operator, now: clock() });
		} catch (error) {
			if (error instanceof OperatorError) return answer(error.status, { code: error.code });
			throw error;
		}
		await towns.refresh();
		redirect(303, `/operator?made=${encodeURIComponent(id)}`);
	},

	/** Suspends or resumes a town, after the confirmation the page asked for. */
	suspend: async ({ request, locals }) => {
		const form = await request.formData();
		const operator = locals.operator;
		if (!operator)
			return fail(401, { action: 'suspend' as const, code: 'operator_login_required' });
		const patch = townPatchSchema.safeParse({ suspended: form.get('suspended') === 'true' });
		const townId = field(form, 'id', 40);
		if (!patch.success || !townId)
			return fail(400, { action: 'suspend' as const, code: 'invalid_input' });
		const { database, clock, suspendedTowns } = await serverContext();
		try {
			await setTownSuspended(database, {
				townId,
				suspended: patch.data.suspended,
				operator,
				now: clock()
			});
		} catch (error) {
			if (error instanceof OperatorError) {
				return fail(error.status, { action: 'suspend' as const, code: error.code });
			}
			throw error;
		}
		await suspendedTowns.refresh();
		redirect(303, `/operator?changed=${encodeURIComponent(townId)}`);
	}
};

// Which form field each path of the request comes from.
const fieldOfPath: ReadonlyArray<readonly [prefix: string, field: NewTownField]> = [
	['id', 'id'],
	['town.id', 'id'],
	['hosts', 'hosts'],
	['town.name.ja-easy', 'nameEasy'],
	['town.name.ja', 'nameJa'],
	['town.name.en', 'nameEn'],
	['town.office.name.ja-easy', 'officeEasy'],
	['town.office.name.ja', 'officeJa'],
	['town.office.name.en', 'officeEn'],
	['town.office.phone', 'phone'],
	['town.colours.primary', 'primary'],
	['town.colours.background', 'background'],
	['admin.email', 'adminEmail'],
	['admin.name', 'adminName'],
	['admin.password', 'adminPassword']
];

// The fields holding the office's name, by locale: the defaults are built from it.
const officeField: Record<string, NewTownField> = {
	ja: 'officeJa',
	'ja-easy': 'officeEasy',
	en: 'officeEn'
};

/**
 * The refused paths as the form's fields, each with its first code; a default built from a
 * field (the counters' phone is the office's, their place the office's name) is its problem.
 */
function formFieldCodes(fields: Record<string, FieldError>): Record<string, FieldError> {
	const codes: Record<string, FieldError> = {};
	for (const [path, code] of Object.entries(fields)) {
		const last = path.split('.').at(-1) ?? '';
		const name =
			fieldOfPath.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1] ??
			(last === 'phone' ? 'phone' : officeField[last]);
		if (name && !(name in codes)) codes[name] = code;
	}
	return codes;
}
