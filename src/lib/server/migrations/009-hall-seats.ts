import { personKeys } from '$lib/domain/person-match';
import type { Database } from '../storage/database';

/**
 * A day at the hall (issue 15): walk-ins, seated even when the class is full, are marked as
 * such (`walk_in`), so that the rule "no overbooking" can say what it means (sign-ups never
 * take more seats than the class has; people standing in the hall are seated anyway); and each
 * sign-up keeps the folded name, phone digits and reading (`$lib/domain/person-match`) that
 * the duplicate check compares, with an index to find them within a class, and whether a
 * volunteer confirmed that it is another person (`confirmed_distinct`: the roster then stops
 * marking it as a possible duplicate). The keys are personal data: retention clears them with
 * the name.
 */
export const sql = `
ALTER TABLE signups ADD COLUMN walk_in INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1));
ALTER TABLE signups ADD COLUMN name_key TEXT;
ALTER TABLE signups ADD COLUMN phone_key TEXT;
ALTER TABLE signups ADD COLUMN reading_key TEXT;
ALTER TABLE signups ADD COLUMN confirmed_distinct INTEGER NOT NULL DEFAULT 0
	CHECK (confirmed_distinct IN (0, 1));
CREATE INDEX signups_by_person ON signups (class_id, name_key);
`;

/**
 * PostgreSQL: the columns, and `yorisoi_sign_up` (migration 7) with the duplicate and walk-in
 * rules of `signUpIn` (signups.ts), still one statement. The keys come from the server (one
 * normalisation, written once in TypeScript). It takes more arguments, so it is a new overload
 * beside migration 7's: a server of the previous version, still running during a rolling
 * deploy, keeps calling the old one until it is replaced.
 *
 * Answers one row: `r_outcome` is 'created', 'existing', a refusal code, or
 * 'possible_duplicate' with the earlier sign-up's id (`r_existing_id`), status and place.
 */
export const postgres = `${sql}
CREATE OR REPLACE FUNCTION yorisoi_sign_up(
	p_id TEXT, p_class_id TEXT, p_name TEXT, p_name_kana TEXT, p_phone TEXT, p_device TEXT,
	p_needs_loaner INTEGER, p_needs TEXT, p_note TEXT, p_cancel_token_hash TEXT,
	p_request_hash TEXT, p_at TEXT, p_device_id TEXT, p_actor TEXT, p_audit_id TEXT,
	p_walk_in INTEGER, p_confirm_duplicate INTEGER, p_name_key TEXT, p_phone_key TEXT,
	p_reading_key TEXT
) RETURNS TABLE (r_outcome TEXT, r_status TEXT, r_position INTEGER, r_existing_id TEXT)
LANGUAGE plpgsql AS $fn$
DECLARE
	v_class classes%ROWTYPE;
	v_existing signups%ROWTYPE;
	v_confirmed INTEGER;
	v_status TEXT;
	v_order INTEGER;
	v_change INTEGER;
BEGIN
	SELECT * INTO v_class FROM classes WHERE id = p_class_id FOR UPDATE;
	SELECT * INTO v_existing FROM signups WHERE id = p_id;
	IF FOUND THEN
		IF v_existing.request_hash <> p_request_hash THEN
			RETURN QUERY SELECT 'id_conflict'::TEXT, NULL::TEXT, NULL::INTEGER, NULL::TEXT;
			RETURN;
		END IF;
		RETURN QUERY SELECT 'existing'::TEXT, v_existing.status,
			CASE WHEN v_existing.status = 'waitlisted' THEN (
				SELECT CAST(COUNT(*) AS INTEGER) FROM signups
				WHERE class_id = v_existing.class_id AND status = 'waitlisted'
					AND waitlist_order IS NOT NULL AND waitlist_order <= v_existing.waitlist_order
			) END, NULL::TEXT;
		RETURN;
	END IF;
	IF v_class.id IS NULL THEN
		RETURN QUERY SELECT 'class_not_found'::TEXT, NULL::TEXT, NULL::INTEGER, NULL::TEXT;
		RETURN;
	END IF;
	IF v_class.status = 'cancelled' THEN
		RETURN QUERY SELECT 'class_cancelled'::TEXT, NULL::TEXT, NULL::INTEGER, NULL::TEXT;
		RETURN;
	END IF;
	-- Someone standing in the hall is seated even once the class has begun.
	IF p_walk_in = 0 AND v_class.starts_at <= p_at THEN
		RETURN QUERY SELECT 'class_past'::TEXT, NULL::TEXT, NULL::INTEGER, NULL::TEXT;
		RETURN;
	END IF;
	IF p_confirm_duplicate = 0 THEN
		SELECT * INTO v_existing FROM signups
			WHERE class_id = v_class.id AND name_key = p_name_key AND status <> 'cancelled'
				AND (phone_key = p_phone_key OR reading_key = p_reading_key)
			ORDER BY created_at, id LIMIT 1;
		IF FOUND THEN
			RETURN QUERY SELECT 'possible_duplicate'::TEXT, v_existing.status,
				CASE WHEN v_existing.status = 'waitlisted' THEN (
					SELECT CAST(COUNT(*) AS INTEGER) FROM signups
					WHERE class_id = v_class.id AND status = 'waitlisted'
						AND waitlist_order IS NOT NULL AND waitlist_order <= v_existing.waitlist_order
				) END, v_existing.id;
			RETURN;
		END IF;
	END IF;

	SELECT CAST(COUNT(*) AS INTEGER) INTO v_confirmed FROM signups
		WHERE class_id = v_class.id AND status = 'confirmed';
	IF p_walk_in = 1 OR v_confirmed < v_class.capacity THEN
		v_status := 'confirmed';
	ELSE
		v_status := 'waitlisted';
		SELECT COALESCE(MAX(waitlist_order), 0) + 1 INTO v_order FROM signups
			WHERE class_id = v_class.id AND status = 'waitlisted';
	END IF;
	UPDATE change_clock SET value = value + 1 WHERE id = 1 RETURNING value INTO v_change;
	INSERT INTO signups (id, class_id, name, name_kana, phone, device, needs_loaner, needs, note,
		status, waitlist_order, cancel_token_hash, request_hash, created_at, updated_at, device_id,
		change_seq, walk_in, name_key, phone_key, reading_key, confirmed_distinct)
	VALUES (p_id, v_class.id, p_name, p_name_kana, p_phone, p_device, p_needs_loaner, p_needs,
		p_note, v_status, v_order, p_cancel_token_hash, p_request_hash, p_at, p_at, p_device_id,
		v_change, p_walk_in, p_name_key, p_phone_key, p_reading_key, p_confirm_duplicate);
	UPDATE classes SET change_seq = v_change WHERE id = v_class.id;
	INSERT INTO audit_log (id, at, actor, action, record_type, record_id)
		VALUES (p_audit_id, p_at, p_actor, 'signup.' || v_status, 'signup', p_id);
	RETURN QUERY SELECT 'created'::TEXT, v_status,
		CASE WHEN v_status = 'waitlisted' THEN (
			SELECT CAST(COUNT(*) AS INTEGER) FROM signups
			WHERE class_id = v_class.id AND status = 'waitlisted'
				AND waitlist_order IS NOT NULL AND waitlist_order <= v_order
		) END, NULL::TEXT;
END;
$fn$;
`;

/** Gives the sign-ups made before this migration their keys (anonymised ones have no name). */
export async function backfill(tx: Database): Promise<void> {
	const rows = await tx.all<{
		id: string;
		name: string;
		name_kana: string | null;
		phone: string | null;
	}>("SELECT id, name, name_kana, phone FROM signups WHERE name <> '' AND name_key IS NULL");
	for (const row of rows) {
		const keys = personKeys({ name: row.name, nameKana: row.name_kana, phone: row.phone });
		await tx.run('UPDATE signups SET name_key = ?, phone_key = ?, reading_key = ? WHERE id = ?', [
			keys.name,
			keys.phone,
			keys.reading,
			row.id
		]);
	}
}
