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
	// The handout of a test lesson, read in the browser from ?id= like the class pages.
	'/lessons/handout': '/lessons/handout?id=first-touch',
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
	// Class pages read their record in the browser; without one they say it was not found.
	'/classes/class': '/classes/class?id=00000000-0000-4000-8000-000000000000',
	'/classes/signup': '/classes/signup?id=00000000-0000-4000-8000-000000000000',
	'/classes/mine': '/classes/mine',
	// A 相談会 day's slot picker (`?id=` a block); consultation.spec.ts scans it with one too.
	'/classes/consultation': '/classes/consultation?id=00000000-0000-4000-8000-000000000000',
	'/classes/slip': '/classes/slip?id=00000000-0000-4000-8000-000000000000',
	// Asks the server for the class, which answers 404: the page says so.
	'/classes/questionnaire': '/classes/questionnaire?id=00000000-0000-4000-8000-000000000000',
	// Drawn by the server, for browsers without JavaScript; `{classId}`: a class of the server.
	'/classes/plain': '/classes/plain',
	'/classes/plain/[id]': '/classes/plain/{classId}',
	'/volunteer/login': '/volunteer/login',
	// Drawn by the server on every host; without an operator's login it shows its login form.
	'/operator': '/operator'
};

/**
 * Pages behind the volunteer login; the matrix scans them after logging in. `{classId}` stands
 * for a real class of the test server (the first of `GET /api/classes`).
 */
export const volunteerRoutes: Record<string, string> = {
	'/volunteer': '/volunteer',
	'/volunteer/class': '/volunteer/class?id={classId}',
	'/volunteer/edit': '/volunteer/edit?id={classId}',
	// Without ?id= the hall pages list the device's classes to choose from; the attendance
	// spec scans them with a class too.
	'/volunteer/attendance': '/volunteer/attendance',
	// Without ?id= 「明日の連絡リスト」; call-list.spec.ts scans it with a class too.
	'/volunteer/calls': '/volunteer/calls',
	'/volunteer/print': '/volunteer/print',
	'/volunteer/poster': '/volunteer/poster',
	// paper.spec.ts scans it with a class too.
	'/volunteer/signup-sheet': '/volunteer/signup-sheet',
	'/volunteer/stats': '/volunteer/stats',
	'/volunteer/stats/print': '/volunteer/stats/print?from=2026-04-01&to=2027-03-31',
	// Without ?id= the device's classes to choose from; questionnaire.spec.ts scans a class.
	'/volunteer/questionnaire': '/volunteer/questionnaire',
	'/volunteer/venues': '/volunteer/venues',
	// 相談会: the hall tablet's day and the form that publishes a block.
	'/volunteer/consultations': '/volunteer/consultations',
	'/volunteer/consultations/new': '/volunteer/consultations/new',
	// Admins only; the matrix logs in as the test admin, so it scans the list and the forms.
	'/volunteer/volunteers': '/volunteer/volunteers',
	// Admins only: 「町の情報」, the town's details as a form.
	'/volunteer/town': '/volunteer/town'
};

/** A route's example URL with `{classId}` filled in (a class of the test server). */
export function withClass(url: string, classId: string): string {
	return url.replaceAll('{classId}', encodeURIComponent(classId));
}

/**
 * Pages that are not routes but must be accessible too: the error page, and the page of a
 * short link no class has (`/c/[code]` has no page of its own: a known code redirects to the
 * class page, an unknown one answers its friendly 404).
 */
export const extraPages = ['/this-page-does-not-exist', '/c/aaaaa'];
