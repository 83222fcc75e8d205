// Apart from series.ts (zod): the residents' class list loads this, and nothing more.
/**
 * The classes as the residents' list shows them: a course once, on the card of its first
 * session (which lists every date), and not at all once it has begun (sign-ups close then).
 * Repeating classes and single classes are listed as they are. Keeps the order given.
 */
export function oneCardPerCourse<
	T extends { series?: { id: string; kind: string; position: number } }
>(classes: readonly T[]): T[] {
	const seen = new Set<string>();
	return classes.filter((klass) => {
		const series = klass.series;
		if (series?.kind !== 'course') return true;
		if (seen.has(series.id)) return false;
		seen.add(series.id);
		return series.position === 1;
	});
}
