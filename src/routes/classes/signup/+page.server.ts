import { retentionDays } from '$lib/server/retention';
import type { PageServerLoad } from './$types';

// Prerendered: the purpose notice states the period configured when the app was built
// (YORISOI_RETENTION_DAYS, 90 days by default); the server deletes by its own setting.
export const load: PageServerLoad = () => ({ retentionDays: retentionDays() });
