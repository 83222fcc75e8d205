import type { Volunteer } from '$lib/server/auth';
import type { Operator } from '$lib/server/operators';

declare global {
	namespace App {
		interface Locals {
			/** The logged-in volunteer, or null (residents never log in). */
			volunteer: Volunteer | null;
			/** The id of the town whose host the request came to (the default town for any other). */
			townId: string;
			/** The logged-in operator (issue 17), looked up on the operator's routes only. */
			operator: Operator | null;
		}
	}
}

export {};
