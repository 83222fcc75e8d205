/**
 * The furigana of what volunteers type: a class's title and topic and a venue's name keep
 * their readings beside the text, as JSON `[written, reading]` pairs (text-readings.ts). NULL
 * for rows from before (and texts without readings): they are shown plain.
 */
export const sql = `
ALTER TABLE classes ADD COLUMN title_readings TEXT;
ALTER TABLE classes ADD COLUMN topic_readings TEXT;
ALTER TABLE venues ADD COLUMN name_readings TEXT;
`;
