import { describe, expect, it } from 'vitest';
import {
	checkOnBehalf,
	emptyOnBehalf
} from '../../../../../src/routes/volunteer/class/on-behalf-form';

const id = '11111111-2222-4333-8444-555555555555';

describe('on-behalf-form', () => {
	describe('checkOnBehalf', () => {
		it('gives the sign-up with the optional fields left empty left out', () => {
			const result = checkOnBehalf(
				{ ...emptyOnBehalf(), name: ' 山田 花子 ', device: 'none', needsLoaner: 'yes' },
				id
			);

			expect(result).toEqual({
				ok: true,
				signup: { id, name: '山田 花子', device: 'none', needsLoaner: true }
			});
		});

		it('keeps what was given: reading, phone, needs and a note', () => {
			const result = checkOnBehalf(
				{
					name: '鈴木 一郎',
					nameKana: 'すずき いちろう',
					phone: '090-1234-5678',
					device: 'android',
					needsLoaner: 'no',
					needs: ['hearing'],
					note: '補聴器を使います'
				},
				id
			);

			expect(result.ok && result.signup).toMatchObject({
				nameKana: 'すずき いちろう',
				phone: '090-1234-5678',
				needs: ['hearing'],
				note: '補聴器を使います'
			});
		});

		it('refuses with the residents’ own errors, field by field', () => {
			const result = checkOnBehalf({ ...emptyOnBehalf(), nameKana: 'Suzuki', phone: '12' }, id);

			expect(result.ok ? null : result.errors).toMatchObject({
				name: { code: 'required' },
				nameKana: { code: 'invalid_kana' },
				phone: { code: 'invalid_phone' },
				device: { code: 'required' },
				needsLoaner: { code: 'required' }
			});
		});

		it('never answers the loaner question for the volunteer, whatever the phone', () => {
			const result = checkOnBehalf({ ...emptyOnBehalf(), name: '佐藤 一郎', device: 'none' }, id);

			expect(result.ok ? null : result.errors).toEqual({ needsLoaner: { code: 'required' } });
		});
	});
});
