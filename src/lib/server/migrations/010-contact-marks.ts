/**
 * The call list's 「連絡済み」 ticks: one per sign-up, the latest `marked_at` standing (an
 * untick is a tick with `done = 0`), stamped with the change clock so pulls bring them.
 * Who needs a call is read from the audit log (who entered a sign-up, promotions, class
 * cancellations and moves), so nothing else changes.
 */
export const sql = `
CREATE TABLE contact_marks (
	signup_id TEXT PRIMARY KEY REFERENCES signups (id),
	class_id TEXT NOT NULL REFERENCES classes (id),
	done INTEGER NOT NULL CHECK (done IN (0, 1)),
	marked_at TEXT NOT NULL,
	marked_by TEXT NOT NULL,
	change_seq INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL
);
CREATE INDEX contact_marks_by_class ON contact_marks (class_id);
CREATE INDEX contact_marks_by_change ON contact_marks (change_seq);
`;
