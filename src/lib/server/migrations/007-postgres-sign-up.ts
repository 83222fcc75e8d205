/**
 * PostgreSQL only: a resident's sign-up as one function, so that the server makes it in one
 * round trip instead of about nine (BEGIN, the class lock, the id, the count, the clock, the
 * insert, the class stamp, the audit line, COMMIT). Each round trip held the change clock's row
 * lock longer, and every sign-up of the town waits on that lock: on PostgreSQL sign-ups reached
 * a third of the bare baseline. The rules are `signUpIn`'s (signups.ts), which SQLite and the
 * sync push still run; the server tests run both on every rule.
 *
 * Answers one row (its columns named apart from the tables' own): `r_outcome` is 'created', 'existing' (the same request again), or a refusal
 * code (`id_conflict`, `class_not_found`, `class_cancelled`, `class_past`), with the sign-up's
 * status and waiting place.
 */
export const postgres = `
CREATE FUNCTION yorisoi_sign_up(
	p_id TEXT, p_class_id TEXT, p_name TEXT, p_name_kana TEXT, p_phone TEXT, p_device TEXT,
	p_needs_loaner INTEGER, p_needs TEXT, p_note TEXT, p_cancel_token_hash TEXT,
	p_request_hash TEXT, p_at TEXT, p_device_id TEXT, p_actor TEXT, p_audit_id TEXT
) RETURNS TABLE (r_outcome TEXT, r_status TEXT, r_position INTEGER)
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
			RETURN QUERY SELECT 'id_conflict'::TEXT, NULL::TEXT, NULL::INTEGER;
			RETURN;
		END IF;
		RETURN QUERY SELECT 'existing'::TEXT, v_existing.status,
			CASE WHEN v_existing.status = 'waitlisted' THEN (
				SELECT CAST(COUNT(*) AS INTEGER) FROM signups
				WHERE class_id = v_existing.class_id AND status = 'waitlisted'
					AND waitlist_order IS NOT NULL AND waitlist_order <= v_existing.waitlist_order
			) END;
		RETURN;
	END IF;
	IF v_class.id IS NULL THEN
		RETURN QUERY SELECT 'class_not_found'::TEXT, NULL::TEXT, NULL::INTEGER;
		RETURN;
	END IF;
	IF v_class.status = 'cancelled' THEN
		RETURN QUERY SELECT 'class_cancelled'::TEXT, NULL::TEXT, NULL::INTEGER;
		RETURN;
	END IF;
	IF v_class.starts_at <= p_at THEN
		RETURN QUERY SELECT 'class_past'::TEXT, NULL::TEXT, NULL::INTEGER;
		RETURN;
	END IF;

	SELECT CAST(COUNT(*) AS INTEGER) INTO v_confirmed FROM signups
		WHERE class_id = v_class.id AND status = 'confirmed';
	IF v_confirmed < v_class.capacity THEN
		v_status := 'confirmed';
	ELSE
		v_status := 'waitlisted';
		SELECT COALESCE(MAX(waitlist_order), 0) + 1 INTO v_order FROM signups
			WHERE class_id = v_class.id AND status = 'waitlisted';
	END IF;
	UPDATE change_clock SET value = value + 1 WHERE id = 1 RETURNING value INTO v_change;
	INSERT INTO signups (id, class_id, name, name_kana, phone, device, needs_loaner, needs, note,
		status, waitlist_order, cancel_token_hash, request_hash, created_at, updated_at, device_id,
		change_seq)
	VALUES (p_id, v_class.id, p_name, p_name_kana, p_phone, p_device, p_needs_loaner, p_needs,
		p_note, v_status, v_order, p_cancel_token_hash, p_request_hash, p_at, p_at, p_device_id,
		v_change);
	UPDATE classes SET change_seq = v_change WHERE id = v_class.id;
	INSERT INTO audit_log (id, at, actor, action, record_type, record_id)
		VALUES (p_audit_id, p_at, p_actor, 'signup.' || v_status, 'signup', p_id);
	RETURN QUERY SELECT 'created'::TEXT, v_status,
		CASE WHEN v_status = 'waitlisted' THEN (
			SELECT CAST(COUNT(*) AS INTEGER) FROM signups
			WHERE class_id = v_class.id AND status = 'waitlisted'
				AND waitlist_order IS NOT NULL AND waitlist_order <= v_order
		) END;
END;
$fn$;
`;
