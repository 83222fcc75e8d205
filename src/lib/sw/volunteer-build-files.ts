/// <reference lib="webworker" />

// The build's JavaScript and CSS files that only the volunteer desk uses. scripts/finish-build.mjs
// replaces this string in the built worker with the list (scripts/volunteer-files.mjs); before
// that (or in a test) it names one file that no build has, so nothing is kept apart.
const listed = '["__YORISOI_VOLUNTEER_BUILD_FILES__"]';

/** The desk's own build files, from the site's root (`/_app/immutable/…`). */
export function volunteerBuildFiles(): string[] {
	return JSON.parse(listed) as string[];
}
