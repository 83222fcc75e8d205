import type { TextReadings } from '$lib/domain/text-readings';

/**
 * The readings of a typed text as stored: a JSON column, NULL when there are none (rows from
 * before readings, texts nobody gave readings, readings cleared).
 */
export function readingsColumn(readings: TextReadings | undefined): string | null {
	return readings && readings.length > 0 ? JSON.stringify(readings) : null;
}

/** A readings column read back; undefined when there are none. */
export function readingsFromColumn(column: string | null | undefined): TextReadings | undefined {
	if (!column) return undefined;
	const readings = JSON.parse(column) as TextReadings;
	return readings.length > 0 ? readings : undefined;
}

/**
 * `{ [field]: readings }` when the column has readings, else nothing: answers for rows without
 * readings keep the shape they always had.
 */
export function readingsField<Field extends string>(
	field: Field,
	column: string | null | undefined
): Partial<Record<Field, TextReadings>> {
	const readings = readingsFromColumn(column);
	return (readings ? { [field]: readings } : {}) as Partial<Record<Field, TextReadings>>;
}
