import { randomUUID } from 'node:crypto';
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { FieldError } from '$lib/domain/signup';
import { serverContext } from '$lib/server/context';
import { consumeAll } from '$lib/server/rate-limit';
import { retentionDays } from '$lib/server/retention';
import { createSignup, listUpcomingClasses, SignupError } from '$lib/server/signups';
import { signupRequest, type SignupFields } from '../../signup/signup-request';
import type { Actions, PageServerLoad } from './$types';

// A form the server draws and answers: sign-up without JavaScript.
export const prerender = false;

const emptyFields: SignupFields = {
	name: '',
	nameKana: '',
	phone: '',
	device: '',
	loaner: '',
	needs: '',
	note: ''
};

async function upcomingClass(id: string, townId: string) {
	const { database, clock } = await serverContext();
	const klass = (await listUpcomingClasses(database, clock(), townId)).find(
		(item) => item.id === id
	);
	if (!klass) error(404, 'Not Found');
	return klass;
}

export const load: PageServerLoad = async ({ params, locals }) => ({
	klass: await upcomingClass(params.id, locals.townId),
	// The sign-up's id, made with the form: sending it twice (a reload, a double press) gives the
	// same sign-up once, as the API's retry does.
	signupId: randomUUID(),
	fields: emptyFields,
	retentionDays: retentionDays()
});

/** What a send answers when it cannot be taken: the fields as typed and what to fix. */
type Refusal = {
	fields: SignupFields;
	signupId: string;
	errors: Record<string, FieldError>;
	/** A refusal of the whole sign-up (the class cancelled meanwhile, too many tries). */
	code?: string;
};

export const actions: Actions = {
	default: async ({ request, params, getClientAddress, locals }) => {
		const form = await request.formData();
		const text = (name: string) => String(form.get(name) ?? '');
		const fields: SignupFields = {
			name: text('name'),
			nameKana: text('nameKana'),
			phone: text('phone'),
			device: text('device'),
			loaner: text('loaner'),
			needs: form.getAll('needs').map(String).join(','),
			note: text('note')
		};
		const sentId = z.uuid().safeParse(text('signupId'));
		const signupId = sentId.success ? sentId.data : randomUUID();
		const refuse = (status: number, refusal: Omit<Refusal, 'fields' | 'signupId'>) =>
			fail(status, { fields, signupId, ...refusal } satisfies Refusal);

		const checked = signupRequest({ fields, id: signupId, classId: params.id });
		if (!checked.ok) return refuse(400, { errors: checked.errors });
		const { database, cancelKey, clock, signupLimiter } = await serverContext();
		if (await consumeAll([[signupLimiter, `${locals.townId}|${getClientAddress()}`]])) {
			return refuse(429, { errors: {}, code: 'too_many_requests' });
		}
		try {
			// Another town's class or sign-up id is refused as the API refuses it (404).
			const { outcome } = await createSignup(database, checked.request, {
				now: clock(),
				key: cancelKey,
				townId: locals.townId
			});
			return {
				outcome: {
					status: outcome.status,
					waitlistPosition: outcome.waitlistPosition ?? null,
					name: checked.request.name
				}
			};
		} catch (problem) {
			if (problem instanceof SignupError)
				return refuse(problem.status, { errors: {}, code: problem.code });
			throw problem;
		}
	}
};
