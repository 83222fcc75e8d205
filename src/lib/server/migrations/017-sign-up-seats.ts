/**
 * SQLite: each class keeps its count of confirmed sign-ups (`confirmed_count`), kept by
 * triggers on every insert, delete and change of status or class of a sign-up, so the seat
 * rules read one row instead of counting the class's sign-ups. The count was a range of the
 * class's index, read by every sign-up: a class of 20,000 sign-ups (the bench's, at its end)
 * took 0.5 ms of the writer's time per sign-up, all of it inside a group commit, so the last
 * answers of a busy minute waited longest. The triggers run in the writer's transaction: the
 * count cannot differ from the rows. (PostgreSQL counts once per batch, below.)
 */
export const sql = `
ALTER TABLE classes ADD COLUMN confirmed_count INTEGER NOT NULL DEFAULT 0;
UPDATE classes SET confirmed_count = (
	SELECT COUNT(*) FROM signups s WHERE s.class_id = classes.id AND s.status = 'confirmed'
);
CREATE TRIGGER signups_count_insert AFTER INSERT ON signups
WHEN NEW.status = 'confirmed'
BEGIN
	UPDATE classes SET confirmed_count = confirmed_count + 1 WHERE id = NEW.class_id;
END;
CREATE TRIGGER signups_count_delete AFTER DELETE ON signups
WHEN OLD.status = 'confirmed'
BEGIN
	UPDATE classes SET confirmed_count = confirmed_count - 1 WHERE id = OLD.class_id;
END;
CREATE TRIGGER signups_count_update AFTER UPDATE OF status, class_id ON signups
WHEN OLD.status = 'confirmed' OR NEW.status = 'confirmed'
BEGIN
	UPDATE classes SET confirmed_count = confirmed_count - 1
		WHERE id = OLD.class_id AND OLD.status = 'confirmed';
	UPDATE classes SET confirmed_count = confirmed_count + 1
		WHERE id = NEW.class_id AND NEW.status = 'confirmed';
END;
`;

/**
 * PostgreSQL: sign-ups for one class in batches, one statement and one commit for all the
 * sign-ups that arrived while the previous statement for that class ran (group commit). Every
 * sign-up of a class waits on the class's row lock, which is held until the commit has been
 * written to disk, so one sign-up per commit meant one WAL flush per sign-up, one after the
 * other: on PostgreSQL sign-ups reached about 60% of the bare baseline. Shared by a batch: the
 * class lock, the confirmed count (kept in a variable while the class stays locked), one change
 * number (`changes.ts`: a transaction's writes share one) and the WAL flush.
 *
 * Beyond migration 9's `yorisoi_sign_up`, each sign-up
 * - is moved to its course's first session (`seatClassId` in series.ts), so the server no
 *   longer looks that up first (one round trip less);
 * - keeps the 相談会 help topics in the same insert (they were written by a second statement,
 *   lost by a crash between the two);
 * - answers `class_full` where a 相談会 slot without a waiting list would have waitlisted it
 *   (migration 14's trigger stays as a guard; its error would fail the whole batch);
 * - has its request hash computed here, because it covers the seat class id, known only here:
 *   the server sends the canonical JSON before and after the class id (`requestHashParts` in
 *   signups.ts), and the class id goes between them as JSON.stringify writes it.
 *
 * `p_items` is a JSON array of sign-ups (`PostgresSignUpItem` in signups.ts). Answers one row
 * per item: `r_index` (1-based), `r_outcome` ('created', 'existing', 'possible_duplicate' or a
 * refusal code), the sign-up's status and waiting place, and the earlier sign-up's id for a
 * possible duplicate. Migration 9's function stays for a server of the previous version still
 * running during a rolling deploy.
 */
export const postgres = `
CREATE FUNCTION yorisoi_sign_ups(p_items JSONB)
RETURNS TABLE (
	r_index INTEGER, r_outcome TEXT, r_status TEXT, r_position INTEGER, r_existing_id TEXT
)
LANGUAGE plpgsql AS $fn$
DECLARE
	v_item JSONB;
	v_index INTEGER;
	v_seat TEXT;
	v_hash TEXT;
	v_at TEXT;
	v_walk_in INTEGER;
	v_confirm INTEGER;
	v_class classes%ROWTYPE;
	v_existing signups%ROWTYPE;
	-- The class whose counts the next two hold: it stays locked until the commit, so only this
	-- call's own inserts change them.
	v_counted TEXT;
	v_confirmed INTEGER;
	v_last_order INTEGER;
	v_status TEXT;
	v_order INTEGER;
	v_change INTEGER;
	v_stamped TEXT[] := '{}';
BEGIN
	FOR v_item, v_index IN
		SELECT e.value, CAST(e.ordinality AS INTEGER) FROM jsonb_array_elements(p_items)
			WITH ORDINALITY AS e
	LOOP
		r_index := v_index;
		r_outcome := NULL;
		r_status := NULL;
		r_position := NULL;
		r_existing_id := NULL;
		v_order := NULL;
		v_at := v_item->>'at';
		v_walk_in := CAST(v_item->>'walkIn' AS INTEGER);
		v_confirm := CAST(v_item->>'confirmDuplicate' AS INTEGER);

		-- A course's sessions share its seats: the sign-up is made on the session that holds them.
		SELECT first.id INTO v_seat FROM classes c
			JOIN class_series s ON s.id = c.series_id AND s.kind = 'course'
			JOIN classes first ON first.series_id = c.series_id AND first.series_position = 1
			WHERE c.id = v_item->>'classId';
		v_seat := COALESCE(v_seat, v_item->>'classId');
		v_hash := encode(sha256(convert_to(
			(v_item->>'hashHead') || CAST(to_json(v_seat) AS TEXT) || (v_item->>'hashTail'),
			'UTF8')), 'hex');

		SELECT * INTO v_class FROM classes WHERE id = v_seat FOR UPDATE;
		SELECT * INTO v_existing FROM signups WHERE id = v_item->>'id';
		IF FOUND THEN
			IF v_existing.request_hash <> v_hash THEN
				r_outcome := 'id_conflict';
			ELSE
				r_outcome := 'existing';
				r_status := v_existing.status;
				IF v_existing.status = 'waitlisted' THEN
					SELECT CAST(COUNT(*) AS INTEGER) INTO r_position FROM signups
						WHERE class_id = v_existing.class_id AND status = 'waitlisted'
							AND waitlist_order IS NOT NULL AND waitlist_order <= v_existing.waitlist_order;
				END IF;
			END IF;
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF v_class.id IS NULL THEN
			r_outcome := 'class_not_found';
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF v_class.status = 'cancelled' THEN
			r_outcome := 'class_cancelled';
			RETURN NEXT;
			CONTINUE;
		END IF;
		-- Someone standing in the hall is seated even once the class has begun.
		IF v_walk_in = 0 AND v_class.starts_at <= v_at THEN
			r_outcome := 'class_past';
			RETURN NEXT;
			CONTINUE;
		END IF;
		IF v_confirm = 0 THEN
			SELECT * INTO v_existing FROM signups
				WHERE class_id = v_class.id AND name_key = v_item->>'nameKey' AND status <> 'cancelled'
					AND (phone_key = v_item->>'phoneKey' OR reading_key = v_item->>'readingKey')
				ORDER BY created_at, id LIMIT 1;
			IF FOUND THEN
				r_outcome := 'possible_duplicate';
				r_status := v_existing.status;
				r_existing_id := v_existing.id;
				IF v_existing.status = 'waitlisted' THEN
					SELECT CAST(COUNT(*) AS INTEGER) INTO r_position FROM signups
						WHERE class_id = v_class.id AND status = 'waitlisted'
							AND waitlist_order IS NOT NULL AND waitlist_order <= v_existing.waitlist_order;
				END IF;
				RETURN NEXT;
				CONTINUE;
			END IF;
		END IF;

		IF v_counted IS DISTINCT FROM v_class.id THEN
			SELECT CAST(COUNT(*) AS INTEGER) INTO v_confirmed FROM signups
				WHERE class_id = v_class.id AND status = 'confirmed';
			v_last_order := NULL;
			v_counted := v_class.id;
		END IF;
		IF v_walk_in = 1 OR v_confirmed < v_class.capacity THEN
			v_status := 'confirmed';
		ELSE
			v_status := 'waitlisted';
			-- A 相談会 slot without a waiting list refuses instead (migration 14).
			IF EXISTS (SELECT 1 FROM consultations k
				WHERE k.id = v_class.consultation_id AND k.waitlist = 0) THEN
				r_outcome := 'class_full';
				RETURN NEXT;
				CONTINUE;
			END IF;
			-- Promoted and cancelled rows have no order, so the highest waiting one is the last.
			IF v_last_order IS NULL THEN
				SELECT COALESCE(MAX(waitlist_order), 0) INTO v_last_order FROM signups
					WHERE class_id = v_class.id AND status = 'waitlisted';
			END IF;
			v_order := v_last_order + 1;
		END IF;
		-- One change number for everything this call writes (the clock stays locked until commit).
		IF v_change IS NULL THEN
			UPDATE change_clock SET value = value + 1 WHERE id = 1 RETURNING value INTO v_change;
		END IF;
		INSERT INTO signups (id, class_id, name, name_kana, phone, device, needs_loaner, needs,
			note, status, waitlist_order, cancel_token_hash, request_hash, created_at, updated_at,
			device_id, change_seq, walk_in, name_key, phone_key, reading_key, confirmed_distinct,
			help_topics)
		VALUES (v_item->>'id', v_class.id, v_item->>'name', v_item->>'nameKana',
			v_item->>'phone', v_item->>'device', CAST(v_item->>'needsLoaner' AS INTEGER),
			v_item->>'needs', v_item->>'note', v_status, v_order, v_item->>'cancelTokenHash',
			v_hash, v_at, v_at, v_item->>'deviceId', v_change, v_walk_in, v_item->>'nameKey',
			v_item->>'phoneKey', v_item->>'readingKey', v_confirm, v_item->>'helpTopics');
		IF v_status = 'confirmed' THEN
			v_confirmed := v_confirmed + 1;
		ELSE
			v_last_order := v_order;
		END IF;
		-- The class's seat count changed: pulls see it again (once per class and call).
		IF NOT v_class.id = ANY (v_stamped) THEN
			UPDATE classes SET change_seq = v_change WHERE id = v_class.id;
			v_stamped := v_stamped || v_class.id;
		END IF;
		INSERT INTO audit_log (id, at, actor, action, record_type, record_id)
			VALUES (v_item->>'auditId', v_at, v_item->>'actor', 'signup.' || v_status, 'signup',
				v_item->>'id');
		r_outcome := 'created';
		r_status := v_status;
		IF v_status = 'waitlisted' THEN
			SELECT CAST(COUNT(*) AS INTEGER) INTO r_position FROM signups
				WHERE class_id = v_class.id AND status = 'waitlisted'
					AND waitlist_order IS NOT NULL AND waitlist_order <= v_order;
		END IF;
		RETURN NEXT;
	END LOOP;
END;
$fn$;
`;
