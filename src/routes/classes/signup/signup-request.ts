import {
	devices,
	fieldErrors,
	needs,
	signupRequestSchema,
	type FieldError,
	type SignupRequest
} from '$lib/domain/signup';
import type { MessageKey } from '$lib/i18n';

/** What the sign-up form holds, as typed (every field a string, as drafts keep them). */
export type SignupFields = {
	name: string;
	nameKana: string;
	phone: string;
	device: string;
	/** 'yes' / 'no', asked only of people without a smartphone. */
	loaner: string;
	/** The needs ticked, comma-separated. */
	needs: string;
	note: string;
};

/** Each field's words, for the list of problems above the form. */
const fieldWords: Record<string, MessageKey> = {
	name: 'classes.signup.name',
	nameKana: 'classes.signup.kana',
	phone: 'classes.signup.phone',
	device: 'classes.signup.device',
	needsLoaner: 'classes.signup.loaner',
	needs: 'classes.signup.needs',
	helpTopics: 'classes.consultation.topicsLegend',
	note: 'classes.signup.note'
};

/** The form's problems as the error summary lists them, in the order of the fields. */
export function signupErrorItems(
	errors: Record<string, FieldError>
): Array<{ id: string; key: MessageKey }> {
	return signupFieldOrder
		.filter((field) => errors[field])
		.map((field) => ({ id: field, key: fieldWords[field] ?? 'classes.signup.name' }));
}

/** The form's fields in the order they appear, for the summary and the first field to fix. */
export const signupFieldOrder = [
	'name',
	'nameKana',
	'phone',
	'helpTopics',
	'device',
	'needsLoaner',
	'needs',
	'note'
];

/**
 * Turns the form into a sign-up request with the shared schema, or says what to fix per field.
 * The reading is optional for the API (a volunteer on the phone may not know it) but the form
 * asks for it, because volunteers call names out at the hall. A loaner is asked about only
 * without a smartphone.
 */
export function signupRequest(options: {
	fields: SignupFields;
	id: string;
	classId: string;
	/** For a 相談会 slot: the help topics ticked (left out when none). */
	helpTopics?: string[];
}): { ok: true; request: SignupRequest } | { ok: false; errors: Record<string, FieldError> } {
	const { fields } = options;
	const device = (devices as readonly string[]).includes(fields.device) ? fields.device : undefined;
	const ticked = fields.needs
		.split(',')
		.filter((need) => (needs as readonly string[]).includes(need));
	const input: Record<string, unknown> = {
		id: options.id,
		classId: options.classId,
		name: fields.name,
		nameKana: fields.nameKana,
		device,
		needsLoaner: device === 'none' && fields.loaner === 'yes',
		needs: [...new Set(ticked)],
		note: fields.note
	};
	if (fields.phone.trim() !== '') input.phone = fields.phone;
	if (options.helpTopics?.length) input.helpTopics = [...new Set(options.helpTopics)];
	if (device === undefined) delete input.device;
	const parsed = signupRequestSchema.safeParse(input);
	const errors = parsed.success ? {} : fieldErrors(parsed.error, input);
	if (fields.nameKana.trim() === '' && !errors.nameKana) errors.nameKana = { code: 'required' };
	if (device === 'none' && fields.loaner === '' && !errors.needsLoaner) {
		errors.needsLoaner = { code: 'required' };
	}
	if (parsed.success && Object.keys(errors).length === 0) {
		return { ok: true, request: parsed.data };
	}
	return { ok: false, errors };
}
