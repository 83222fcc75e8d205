import { randomUUID } from 'node:crypto';
import type { SignupRequest } from '$lib/domain/signup';

/** A valid sign-up request for a class, with a new id unless one is given. */
export function validSignup(
	classId: string,
	overrides: Partial<SignupRequest> = {}
): SignupRequest {
	return {
		id: randomUUID(),
		classId,
		name: '山田 花子',
		nameKana: 'やまだ はなこ',
		phone: '090-1234-5678',
		device: 'android',
		needsLoaner: false,
		needs: ['sight'],
		note: '',
		...overrides
	};
}
