/**
 * Where to go after logging in: only a volunteer page of this site, so a crafted link
 * cannot send a volunteer elsewhere (an open redirect).
 */
export function safeNextPath(next: string | null): string {
	if (next && /^\/volunteer(\/[\w\-/]*)?$/.test(next) && next !== '/volunteer/login') return next;
	return '/volunteer';
}
