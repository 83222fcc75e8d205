/**
 * Class details volunteers need: 持ち物 (`bring`, with its furigana), 参加費 (`fee`: '' is free,
 * NULL on classes from before, which never said) and the volunteers assigned as tutors, in the
 * order chosen. The same statements run on SQLite and PostgreSQL.
 */
export const sql = `
ALTER TABLE classes ADD COLUMN bring TEXT NOT NULL DEFAULT '';
ALTER TABLE classes ADD COLUMN bring_readings TEXT;
ALTER TABLE classes ADD COLUMN fee TEXT;

CREATE TABLE class_tutors (
	class_id TEXT NOT NULL REFERENCES classes (id),
	volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
	position INTEGER NOT NULL,
	PRIMARY KEY (class_id, volunteer_id)
);
CREATE INDEX class_tutors_by_volunteer ON class_tutors (volunteer_id);
`;
