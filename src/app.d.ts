import type { Volunteer } from '$lib/server/auth';

declare global {
	namespace App {
		interface Locals {
			/** The logged-in volunteer, or null (residents never log in). */
			volunteer: Volunteer | null;
		}
	}
}

export {};
