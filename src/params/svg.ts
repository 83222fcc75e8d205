import type { ParamMatcher } from '@sveltejs/kit';

/** A lesson picture's file name: letters, digits, - and _ with .svg. */
export const match: ParamMatcher = (param) => /^[\w-]+\.svg$/.test(param);
