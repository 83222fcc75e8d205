import { describe, expect, it } from 'vitest';
import {
	signupRequest,
	type SignupFields
} from '../../../../src/routes/classes/signup/signup-request';

const id = '0b7c6f1e-6a55-4f0a-9d5e-2a4f6d1c8b90';
const classId = '5d1f3a8e-2b7c-4e9a-8f61-0c2d4b6a8e10';
const filled: SignupFields = {
	name: '山田 花子',
	nameKana: 'やまだ はなこ',
	phone: '090-1234-5678',
	device: 'iphone',
	loaner: '',
	needs: 'sight,hearing',
	note: ''
};

describe('signupRequest', () => {
	it('makes the request the endpoint takes from a filled form', () => {
		const result = signupRequest({ fields: filled, id, classId });
		expect(result).toEqual({
			ok: true,
			request: {
				id,
				classId,
				name: '山田 花子',
				nameKana: 'やまだ はなこ',
				phone: '090-1234-5678',
				device: 'iphone',
				needsLoaner: false,
				needs: ['sight', 'hearing'],
				note: ''
			}
		});
	});

	it('leaves an empty phone out, since it is optional', () => {
		const result = signupRequest({ fields: { ...filled, phone: '  ' }, id, classId });
		expect(result.ok && 'phone' in result.request).toBe(false);
	});

	it('asks for the name, the reading and the device', () => {
		const result = signupRequest({
			fields: { ...filled, name: ' ', nameKana: '', device: '' },
			id,
			classId
		});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.name?.code).toBe('required');
		expect(result.errors.nameKana?.code).toBe('required');
		expect(result.errors.device?.code).toBe('required');
	});

	it('passes on the shared schema’s reasons (a reading in kanji, a phone with letters)', () => {
		const result = signupRequest({
			fields: { ...filled, nameKana: '山田', phone: '090-abcd-5678' },
			id,
			classId
		});
		expect(!result.ok && result.errors.nameKana?.code).toBe('invalid_kana');
		expect(!result.ok && result.errors.phone?.code).toBe('invalid_phone');
	});

	it('asks about a loaner tablet only without a smartphone', () => {
		const unanswered = signupRequest({ fields: { ...filled, device: 'none' }, id, classId });
		expect(!unanswered.ok && unanswered.errors.needsLoaner?.code).toBe('required');

		const lend = signupRequest({
			fields: { ...filled, device: 'none', loaner: 'yes' },
			id,
			classId
		});
		expect(lend.ok && lend.request.needsLoaner).toBe(true);

		// A "yes" left over from choosing 持っていない first does not count for an iPhone.
		const phone = signupRequest({ fields: { ...filled, loaner: 'yes' }, id, classId });
		expect(phone.ok && phone.request.needsLoaner).toBe(false);
	});

	it('refuses a 個人番号 in the note', () => {
		const result = signupRequest({ fields: { ...filled, note: '123456789018' }, id, classId });
		expect(!result.ok && result.errors.note?.code).toBe('individual_number');
	});

	it('ignores needs it does not know and repeated ones', () => {
		const result = signupRequest({
			fields: { ...filled, needs: 'sight,,flying,sight' },
			id,
			classId
		});
		expect(result.ok && result.request.needs).toEqual(['sight']);
	});
});
