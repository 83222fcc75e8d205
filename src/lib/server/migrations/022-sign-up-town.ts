/**
 * The host's town inside the sign-up's own statement. Issue 17 checked it before the sign-up,
 * in two queries of their own (is the sign-up id another town's, is the class another town's:
 * `otherTownsCode`), which took a PostgreSQL sign-up from one round trip to three and its
 * throughput under load from about 75% of the bare baseline to about 52% (`npm run
 * bench:server`). Now `yorisoi_sign_ups` does both checks itself: an item's `townId` (the
 * host's town) refuses another town's sign-up id as `signup_not_found` and another town's class
 * as `class_not_found`, as the endpoint answered them before, without its data. An item
 * without `townId` (a server of the previous version, during a rolling deploy, which checked
 * first) is not checked here.
 *
 * The sign-up and its audit line are also written with their class's town, so migration 18's
 * triggers no longer look it up again for each row (they still fill any row written without).
 *
 * And each class keeps its count of confirmed sign-ups (`confirmed_count`), kept by a trigger
 * on every insert, delete and change of status or class of a sign-up, as SQLite has since
 * migration 17. `yorisoi_sign_ups` counted them once per batch: a range of the class's index,
 * its rows not yet all visible, so about 7 ms a batch once the bench's class held 19,000
 * sign-ups, inside the class lock that every batch waits on. The trigger runs in the writer's
 * transaction, so the count cannot differ from the rows.
 *
 * Last, the check for the same person already on the class's list is planned for its values
 * each time. PostgreSQL kept one plan per session, made for the table as it was on the
 * session's first sign-ups: on a new database that read the whole class, so each sign-up cost
 * more the longer the server ran (1.6 ms at 7,000 sign-ups, seen with auto_explain).
 *
 * SQLite: nothing; `signUpIn` makes the same checks in its transaction.
 */
export const postgres = `
ALTER TABLE classes ADD COLUMN confirmed_count INTEGER NOT NULL DEFAULT 0;
UPDATE classes SET confirmed_count = (
	SELECT COUNT(*) FROM signups s WHERE s.class_id = classes.id AND s.status = 'confirmed'
);
CREATE FUNCTION yorisoi_signups_count() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.class_id = NEW.class_id THEN
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' AND OLD.status = 'confirmed' THEN
		UPDATE classes SET confirmed_count = confirmed_count - 1 WHERE id = OLD.class_id;
	END IF;
	IF TG_OP <> 'DELETE' AND NEW.status = 'confirmed' THEN
		UPDATE classes SET confirmed_count = confirmed_count + 1 WHERE id = NEW.class_id;
	END IF;
	RETURN NULL;
END;
$fn$;
CREATE TRIGGER signups_count AFTER INSERT OR DELETE OR UPDATE OF status, class_id ON signups
	FOR EACH ROW EXECUTE FUNCTION yorisoi_signups_count();

CREATE OR REPLACE FUNCTION yorisoi_sign_ups(p_items JSONB)
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
	-- The class whose last waiting place the next one holds: it stays locked until the commit,
	-- so only this call's own inserts change it.
	v_ordered TEXT;
	v_last_order INTEGER;
	v_status TEXT;
	v_order INTEGER;
	v_change INTEGER;
	v_stamped TEXT[] := '{}';
	v_town TEXT;
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
		v_town := v_item->>'townId';

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
			IF v_town IS NOT NULL AND v_existing.town_id IS DISTINCT FROM v_town THEN
				r_outcome := 'signup_not_found';
			ELSIF v_existing.request_hash <> v_hash THEN
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
		IF v_class.id IS NULL
			OR (v_town IS NOT NULL AND v_class.town_id IS DISTINCT FROM v_town) THEN
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
			-- Planned for its own values each time (EXECUTE): a plan kept for the session was made
			-- once, often while the table was nearly empty, and then read the whole class by
			-- signups_by_class for every sign-up instead of one name in signups_by_person.
			EXECUTE 'SELECT * FROM signups WHERE class_id = $1 AND name_key = $2
					AND status <> ''cancelled'' AND (phone_key = $3 OR reading_key = $4)
					ORDER BY created_at, id LIMIT 1'
				INTO v_existing
				USING v_class.id, v_item->>'nameKey', v_item->>'phoneKey', v_item->>'readingKey';
			-- (EXECUTE leaves FOUND as it was; no row leaves the record empty.)
			IF v_existing.id IS NOT NULL THEN
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

		IF v_ordered IS DISTINCT FROM v_class.id THEN
			v_last_order := NULL;
			v_ordered := v_class.id;
		END IF;
		-- The class row was read (and locked) for this item: its count includes this call's own.
		IF v_walk_in = 1 OR v_class.confirmed_count < v_class.capacity THEN
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
			help_topics, town_id)
		VALUES (v_item->>'id', v_class.id, v_item->>'name', v_item->>'nameKana',
			v_item->>'phone', v_item->>'device', CAST(v_item->>'needsLoaner' AS INTEGER),
			v_item->>'needs', v_item->>'note', v_status, v_order, v_item->>'cancelTokenHash',
			v_hash, v_at, v_at, v_item->>'deviceId', v_change, v_walk_in, v_item->>'nameKey',
			v_item->>'phoneKey', v_item->>'readingKey', v_confirm, v_item->>'helpTopics',
			v_class.town_id);
		IF v_status = 'waitlisted' THEN
			v_last_order := v_order;
		END IF;
		-- The class's seat count changed: pulls see it again (once per class and call).
		IF NOT v_class.id = ANY (v_stamped) THEN
			UPDATE classes SET change_seq = v_change WHERE id = v_class.id;
			v_stamped := v_stamped || v_class.id;
		END IF;
		INSERT INTO audit_log (id, at, actor, action, record_type, record_id, town_id)
			VALUES (v_item->>'auditId', v_at, v_item->>'actor', 'signup.' || v_status, 'signup',
				v_item->>'id', v_class.town_id);
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
