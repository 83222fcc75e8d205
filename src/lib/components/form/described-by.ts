/** An `aria-describedby` value from the ids that apply (hint, problem…), or none at all. */
export function ariaDescribedBy(...ids: Array<string | false | undefined>): string | undefined {
	return ids.filter(Boolean).join(' ') || undefined;
}
