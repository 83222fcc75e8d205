/**
 * Where to go after logging in: only a volunteer page of this site, so a crafted link
 * cannot send a volunteer elsewhere (an open redirect). A plain query (`?id=…`) is kept, so
 * a volunteer sent to log in from a class's page comes back to that class.
 */
export function safeNextPath(next: string | null): string {
	if (
		next &&
		/^\/volunteer(\/[\w\-/]*)?(\?[\w\-=&]*)?$/.test(next) &&
		!next.startsWith('/volunteer/login')
	) {
		return next;
	}
	return '/volunteer';
}
