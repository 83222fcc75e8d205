import { randomUUID } from 'node:crypto';
import type { SignupRequest } from '$lib/domain/signup';

let people = 0;

/**
 * A valid sign-up request for a class, with a new id unless one is given. Each call is
 * another person (another phone and reading; the name stays 山田 花子): the server refuses a
 * second sign-up of the same person, and these requests stand for many residents.
 */
export function validSignup(
	classId: string,
	overrides: Partial<SignupRequest> = {}
): SignupRequest {
	people += 1;
	const digits = String(people).padStart(4, '0');
	const kana = [...digits].map((digit) => 'わいにさしごろなはく'[Number(digit)]).join('');
	return {
		id: randomUUID(),
		classId,
		name: '山田 花子',
		nameKana: `やまだ はなこ ${kana}`,
		phone: `090-1234-${digits}`,
		device: 'android',
		needsLoaner: false,
		needs: ['sight'],
		note: '',
		...overrides
	};
}
