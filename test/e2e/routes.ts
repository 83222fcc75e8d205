/**
 * Every page of the app, with a URL to visit it by. The axe matrix scans each one, and
 * route-coverage.spec.ts fails when a page in src/routes is missing here, so every new page
 * joins the accessibility matrix. Dynamic routes name an example URL.
 */
export const pageRoutes: Record<string, string> = {
	'/': '/',
	'/settings': '/settings',
	'/install': '/install',
	'/offline': '/offline',
	'/lessons': '/lessons',
	'/lessons/practice': '/lessons/practice',
	// A test lesson (test/fixtures/lessons/player), built in for the tests.
	'/lessons/[id]': '/lessons/first-touch',
	'/lessons/learners': '/lessons/learners',
	'/lessons/progress': '/lessons/progress',
	'/mynumber': '/mynumber',
	'/mynumber/choose': '/mynumber/choose',
	'/mynumber/method/[method]': '/mynumber/method/counter',
	'/mynumber/practice': '/mynumber/practice',
	'/mynumber/after': '/mynumber/after',
	'/mynumber/pins': '/mynumber/pins',
	'/mynumber/renewal': '/mynumber/renewal',
	'/mynumber/uses': '/mynumber/uses',
	'/classes': '/classes',
	'/volunteer/login': '/volunteer/login'
};

/** Pages behind the volunteer login; the matrix scans them after logging in. */
export const volunteerRoutes: Record<string, string> = {
	'/volunteer': '/volunteer'
};

/** Pages that are not routes but must be accessible too: the error page. */
export const extraPages = ['/this-page-does-not-exist'];
