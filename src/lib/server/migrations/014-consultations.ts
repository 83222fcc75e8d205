/**
 * 相談会: a block of 1対1 slots a volunteer publishes (venue, time, slot length, helpers,
 * whether a full slot takes a waiting list). Each slot is an ordinary class (capacity = the
 * helpers) pointing at its block, so sign-ups, cancelling, the waiting list and attendance are
 * the classes' own code. A sign-up keeps the topics the resident chose (`help_topics`, JSON).
 *
 * A block without a waiting list refuses a sign-up the seat rules would put on it: a trigger
 * on the insert, which runs inside the class lock of both sign-up paths (SQLite's `signUpIn`
 * and PostgreSQL's `yorisoi_sign_up`), so neither path needed changing.
 */
const tables = `
CREATE TABLE consultations (
	id TEXT PRIMARY KEY,
	title TEXT NOT NULL,
	venue_id TEXT NOT NULL REFERENCES venues (id),
	starts_at TEXT NOT NULL,
	ends_at TEXT NOT NULL,
	slot_minutes INTEGER NOT NULL,
	helpers INTEGER NOT NULL,
	waitlist INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);
CREATE INDEX consultations_by_start ON consultations (starts_at);
ALTER TABLE classes ADD COLUMN consultation_id TEXT REFERENCES consultations (id);
CREATE INDEX classes_by_consultation ON classes (consultation_id);
ALTER TABLE signups ADD COLUMN help_topics TEXT;
`;

/** The message both databases raise; the server turns it into `class_full` (409). */
export const slotFullMessage = 'yorisoi:class_full';

const closedWaitlist = `EXISTS (
	SELECT 1 FROM classes c JOIN consultations k ON k.id = c.consultation_id
	WHERE c.id = NEW.class_id AND k.waitlist = 0
)`;

export const sql = `${tables}
CREATE TRIGGER consultation_slot_full BEFORE INSERT ON signups
WHEN NEW.status = 'waitlisted' AND ${closedWaitlist}
BEGIN
	SELECT RAISE(ABORT, '${slotFullMessage}');
END;
`;

export const postgres = `${tables}
CREATE FUNCTION yorisoi_consultation_slot_full() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
	IF NEW.status = 'waitlisted' AND ${closedWaitlist} THEN
		RAISE EXCEPTION '${slotFullMessage}';
	END IF;
	RETURN NEW;
END;
$fn$;
CREATE TRIGGER consultation_slot_full BEFORE INSERT ON signups
	FOR EACH ROW EXECUTE FUNCTION yorisoi_consultation_slot_full();
`;
