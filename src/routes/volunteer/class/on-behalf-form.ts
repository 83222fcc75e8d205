import type { OnBehalfSignup } from '$lib/client/class-desk';
import {
	devices,
	fieldErrors,
	needs,
	onBehalfSignupSchema,
	type FieldError
} from '$lib/domain/signup';

/** The sign-up form a volunteer fills in while a resident is on the phone, as typed. */
export type OnBehalfValues = {
	name: string;
	nameKana: string;
	phone: string;
	device: (typeof devices)[number] | '';
	/** はい／いいえ, asked every time and never ticked for the volunteer ('' until chosen). */
	needsLoaner: '' | 'yes' | 'no';
	needs: Array<(typeof needs)[number]>;
	note: string;
};

/** The form's fields, in the order they are shown (the first problem gets the focus). */
export const onBehalfFields = [
	'name',
	'nameKana',
	'phone',
	'device',
	'needsLoaner',
	'needs',
	'note'
] as const;

/** An empty form. */
export function emptyOnBehalf(): OnBehalfValues {
	return {
		name: '',
		nameKana: '',
		phone: '',
		device: '',
		needsLoaner: '',
		needs: [],
		note: ''
	};
}

/**
 * Checks the form with the residents' own sign-up rules (`onBehalfSignupSchema`): the same
 * fields and the same errors. Optional fields left empty are not sent.
 */
export function checkOnBehalf(
	values: OnBehalfValues,
	id: string
): { ok: true; signup: OnBehalfSignup } | { ok: false; errors: Record<string, FieldError> } {
	const input: Record<string, unknown> = { id, name: values.name };
	if (values.device) input.device = values.device;
	if (values.needsLoaner) input.needsLoaner = values.needsLoaner === 'yes';
	if (values.nameKana.trim()) input.nameKana = values.nameKana;
	if (values.phone.trim()) input.phone = values.phone;
	if (values.needs.length > 0) input.needs = values.needs;
	if (values.note.trim()) input.note = values.note;
	const parsed = onBehalfSignupSchema.safeParse(input);
	if (parsed.success) return { ok: true, signup: parsed.data };
	return { ok: false, errors: fieldErrors(parsed.error, input) };
}
