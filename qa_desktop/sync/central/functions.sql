-- The functions clients call (hello, push, pull; SECURITY DEFINER) and their helpers.
-- The caller's login row; refuses unknown logins and old clients.
CREATE FUNCTION qa_central.caller(p_protocol int, p_format int) RETURNS qa_central.logins
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins;
BEGIN
  IF p_protocol IS DISTINCT FROM (SELECT value::int FROM meta WHERE key = 'protocol_version')
     OR p_format < (SELECT value::int FROM meta WHERE key = 'min_client_format') THEN
    RAISE EXCEPTION 'This copy of QA Desktop is older than the central database: update QA Desktop. Your changes are kept on this computer.'
      USING ERRCODE = 'QA001';
  END IF;
  SELECT * INTO me FROM logins WHERE login = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'This login is not set up for QA Desktop.' USING ERRCODE = 'QA002';
  END IF;
  RETURN me;
END $$;

CREATE FUNCTION qa_central.is_senior(me qa_central.logins) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT me.roles && ARRAY['qa_team', 'auditor', 'moderator', 'head_of_service', 'manager']
$$;

-- The audit a row belongs to (NULL: shared), from its own fields or its parent's.
CREATE FUNCTION qa_central.scope_of(p_table text, p_row text, p_fields jsonb) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_table = 'audits' THEN
    RETURN p_row;
  ELSIF p_table IN ('answers', 'section_reviews', 'participants', 'moderations', 'meetings',
                    'audit_events') THEN
    RETURN p_fields ->> 'audit_id';
  ELSIF p_table = 'actions' THEN
    RETURN coalesce(p_fields ->> 'audit_id',
      (SELECT r.fields ->> 'audit_id' FROM qa_central.rows r
       WHERE r.table_name = 'meetings' AND r.row_id = p_fields ->> 'meeting_id'));
  END IF;
  RETURN NULL;
END $$;

-- May this login make this change? p_fields is the row as it would stand (inserts) or stands
-- (updates and deletes); p_field the field changed (NULL for inserts and deletes).
CREATE FUNCTION qa_central.may_write(me qa_central.logins, p_table text, p_op text,
                                     p_field text, p_fields jsonb, p_audit text)
RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
  audit jsonb;
  practitioner_audit_fields text[] := ARRAY['practitioner_signed_at', 'practitioner_disagrees',
                                            'practitioner_disagreement'];
  practitioner_review_fields text[] := ARRAY['practitioner_reflection', 'reflection_author_id'];
  fixed_fields text[] := ARRAY['id', 'audit_id', 'auditor_id', 'moderator_id',
                               'head_of_service_id'];
BEGIN
  IF 'qa_team' = ANY (me.roles) THEN
    RETURN true;
  END IF;
  IF p_field = ANY (fixed_fields) THEN
    RETURN false;  -- nobody but the QA team moves a record to another owner or audit
  END IF;
  IF p_table = 'audits' THEN
    audit := p_fields;  -- the audit itself (as it stands, or as it would be made)
  ELSIF p_audit IS NOT NULL THEN
    SELECT fields INTO audit FROM qa_central.rows
    WHERE table_name = 'audits' AND row_id = p_audit;
  END IF;
  CASE p_table
    WHEN 'audits' THEN
      IF 'auditor' = ANY (me.roles) AND audit ->> 'auditor_id' = me.person_id
         AND (p_field IS NULL OR NOT p_field = ANY (practitioner_audit_fields)) THEN
        RETURN true;
      END IF;
      RETURN 'practitioner' = ANY (me.roles) AND p_op = 'update'
        AND audit ->> 'practitioner_id' = me.person_id
        AND p_field = ANY (practitioner_audit_fields);
    WHEN 'section_reviews' THEN
      IF 'auditor' = ANY (me.roles) AND audit ->> 'auditor_id' = me.person_id
         AND (p_field IS NULL OR NOT p_field = ANY (practitioner_review_fields)) THEN
        RETURN true;
      END IF;
      RETURN 'practitioner' = ANY (me.roles) AND p_op = 'update'
        AND audit ->> 'practitioner_id' = me.person_id
        AND p_field = ANY (practitioner_review_fields);
    WHEN 'answers', 'participants', 'audit_events' THEN
      RETURN 'auditor' = ANY (me.roles) AND audit ->> 'auditor_id' = me.person_id;
    WHEN 'moderations' THEN
      RETURN 'moderator' = ANY (me.roles) AND p_fields ->> 'moderator_id' = me.person_id
        AND audit IS NOT NULL;
    WHEN 'meetings' THEN
      RETURN 'head_of_service' = ANY (me.roles)
        AND p_fields ->> 'head_of_service_id' = me.person_id;
    WHEN 'actions' THEN
      IF p_fields ->> 'meeting_id' IS NOT NULL THEN
        RETURN 'head_of_service' = ANY (me.roles) AND EXISTS (
          SELECT 1 FROM qa_central.rows m WHERE m.table_name = 'meetings'
            AND m.row_id = p_fields ->> 'meeting_id'
            AND m.fields ->> 'head_of_service_id' = me.person_id);
      END IF;
      RETURN 'auditor' = ANY (me.roles) AND audit ->> 'auditor_id' = me.person_id;
    ELSE
      RETURN false;  -- people, teams, cases, forms, settings: the QA team's
  END CASE;
END $$;

CREATE FUNCTION qa_central.grant_access(p_table text, p_audit text, p_fields jsonb,
                                        p_seq bigint)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  person text;
BEGIN
  IF p_audit IS NULL THEN
    RETURN;
  END IF;
  FOREACH person IN ARRAY ARRAY[
      CASE WHEN p_table = 'audits' THEN p_fields ->> 'auditor_id' END,
      CASE WHEN p_table = 'audits' THEN p_fields ->> 'practitioner_id' END,
      CASE WHEN p_table = 'participants' THEN p_fields ->> 'person_id' END,
      CASE WHEN p_table = 'meetings' THEN p_fields ->> 'head_of_service_id' END] LOOP
    IF person IS NOT NULL THEN
      INSERT INTO qa_central.audit_access VALUES (p_audit, person, p_seq)
      ON CONFLICT DO NOTHING;
    END IF;
  END LOOP;
END $$;

CREATE FUNCTION qa_central.next_seq() RETURNS bigint LANGUAGE sql AS $$
  UPDATE qa_central.counter SET last = last + 1 WHERE id = 1 RETURNING last
$$;

-- One change from a client. Returns {change_id, status, seq}.
CREATE FUNCTION qa_central.apply_change(me qa_central.logins, c jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  op text := c ->> 'op';
  t text := c ->> 'table';
  r text := c ->> 'row_id';
  f text := c ->> 'field';
  cid text := c ->> 'change_id';
  cur qa_central.rows;
  scope text;
  new_seq bigint;
  current_value jsonb;
  current_seq bigint;
  cur_actor text;
  cur_at text;
  base jsonb;
  differs boolean;
  version_field text;
  -- Who made a change is the server's fact: a login writes as its own person (the QA team may
  -- record on behalf of others, as when it imports records).
  actor text := CASE WHEN 'qa_team' = ANY (me.roles) THEN c ->> 'actor_id'
                     ELSE me.person_id END;
BEGIN
  SELECT * INTO cur FROM qa_central.rows WHERE table_name = t AND row_id = r FOR UPDATE;
  IF op = 'settle' THEN
    IF NOT EXISTS (SELECT 1 FROM qa_central.changes WHERE change_id = c ->> 'conflict_id'
                   AND kind = 'conflict') THEN
      RETURN qa_central.refuse(c, 'no such conflict');
    END IF;
    new_seq := qa_central.next_seq();
    INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field,
                                    conflict_id, actor_id, at)
    SELECT new_seq, cid, 'settle', k.table_name, k.row_id, k.audit_id, k.field, k.change_id,
           actor, c ->> 'at'
    FROM qa_central.changes k WHERE k.change_id = c ->> 'conflict_id';
    RETURN jsonb_build_object('change_id', cid, 'status', 'accepted', 'seq', new_seq);
  END IF;

  IF op = 'insert' THEN
    IF cur.row_id IS NOT NULL THEN
      -- The same row made twice: keep the second as a conflict on the whole row.
      current_value := cur.fields;
      f := '*';
    ELSE
      scope := qa_central.scope_of(t, r, c -> 'value');
      IF NOT qa_central.may_write(me, t, op, NULL, c -> 'value', scope) THEN
        RETURN qa_central.refuse(c, 'not allowed for this role');
      END IF;
      new_seq := qa_central.next_seq();
      PERFORM qa_central.grant_access(t, scope, c -> 'value', new_seq);
      INSERT INTO qa_central.rows (table_name, row_id, audit_id, fields, created_seq)
      VALUES (t, r, scope, c -> 'value', new_seq);
      INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, value,
                                      actor_id, at)
      VALUES (new_seq, cid, 'insert', t, r, scope, c -> 'value', actor, c ->> 'at');
      RETURN jsonb_build_object('change_id', cid, 'status', 'accepted', 'seq', new_seq);
    END IF;
  ELSE
    IF cur.row_id IS NULL THEN
      RETURN qa_central.refuse(c, 'unknown row');
    END IF;
    scope := cur.audit_id;
    IF NOT qa_central.may_write(me, t, op, f, cur.fields, scope) THEN
      RETURN qa_central.refuse(c, 'not allowed for this role');
    END IF;
    IF op = 'update' THEN
      current_value := coalesce(cur.fields -> f, 'null'::jsonb);
      base := coalesce(c -> 'base', 'null'::jsonb);
      differs := current_value IS DISTINCT FROM base
        OR (f <> 'deleted_at' AND coalesce(cur.fields -> 'deleted_at', 'null') <> 'null');
      IF NOT differs THEN
        new_seq := qa_central.next_seq();
        UPDATE qa_central.rows SET fields = jsonb_set(fields, ARRAY[f], coalesce(c -> 'value', 'null'))
        WHERE table_name = t AND row_id = r;
        IF f IN ('practitioner_id', 'auditor_id', 'person_id', 'head_of_service_id') THEN
          PERFORM qa_central.grant_access(
            t, scope, jsonb_set(cur.fields, ARRAY[f], coalesce(c -> 'value', 'null')), new_seq);
        END IF;
        INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field,
                                        value, actor_id, at)
        VALUES (new_seq, cid, 'update', t, r, scope, f, coalesce(c -> 'value', 'null'),
                actor, c ->> 'at');
        RETURN jsonb_build_object('change_id', cid, 'status', 'accepted', 'seq', new_seq);
      END IF;
      IF coalesce(cur.fields -> 'deleted_at', 'null') <> 'null' AND f <> 'deleted_at' THEN
        -- An edit to a row deleted meanwhile: the delete stays, the edit is kept aside.
        current_value := cur.fields;
        version_field := 'deleted_at';
      END IF;
    ELSE  -- delete
      IF coalesce(cur.fields -> 'deleted_at', 'null') <> 'null' THEN
        new_seq := qa_central.next_seq();
        INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field,
                                        value, actor_id, at)
        VALUES (new_seq, cid, 'delete', t, r, scope, 'deleted_at', cur.fields -> 'deleted_at',
                actor, c ->> 'at');
        RETURN jsonb_build_object('change_id', cid, 'status', 'accepted', 'seq', new_seq);
      END IF;
      SELECT bool_or(coalesce(cur.fields -> b.key, 'null'::jsonb) IS DISTINCT FROM b.value)
      INTO differs FROM jsonb_each(coalesce(c -> 'base', '{}'::jsonb)) b
      WHERE b.key <> 'deleted_at';
      IF NOT coalesce(differs, false) THEN
        new_seq := qa_central.next_seq();
        UPDATE qa_central.rows
        SET fields = jsonb_set(fields, '{deleted_at}', c -> 'value')
        WHERE table_name = t AND row_id = r;
        INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field,
                                        value, actor_id, at)
        VALUES (new_seq, cid, 'delete', t, r, scope, 'deleted_at', c -> 'value',
                actor, c ->> 'at');
        RETURN jsonb_build_object('change_id', cid, 'status', 'accepted', 'seq', new_seq);
      END IF;
      -- A delete against an edit it had not seen: the row stays, the delete is kept aside.
      current_value := cur.fields;
      f := 'deleted_at';
      SELECT max(k.seq) INTO current_seq FROM qa_central.changes k
      WHERE k.table_name = t AND k.row_id = r AND k.kind IN ('update', 'delete');
    END IF;
  END IF;

  -- A conflict: the value that reached the server first stays current; this one is kept
  -- with its author and time, and travels to everyone.
  IF current_seq IS NULL THEN
    -- The change that put the current value there (conflicts are rare: looked up only now).
    SELECT max(k.seq) INTO current_seq FROM qa_central.changes k
    WHERE k.table_name = t AND k.row_id = r AND k.kind IN ('update', 'delete')
      AND k.field = coalesce(version_field, f);
  END IF;
  current_seq := coalesce(current_seq, cur.created_seq);
  SELECT k.actor_id, k.at INTO cur_actor, cur_at FROM qa_central.changes k
  WHERE k.seq = current_seq;
  new_seq := qa_central.next_seq();
  INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field, value,
                                  current, current_actor_id, current_at, actor_id, at)
  VALUES (new_seq, cid, 'conflict', t, r, coalesce(scope, cur.audit_id), f,
          CASE WHEN op = 'delete' THEN c -> 'value' WHEN op = 'insert' THEN c -> 'value'
               ELSE coalesce(c -> 'value', 'null') END,
          current_value, cur_actor, cur_at, actor, c ->> 'at');
  RETURN jsonb_build_object('change_id', cid, 'status', 'conflict', 'seq', new_seq);
END $$;

CREATE FUNCTION qa_central.refuse(c jsonb, reason text) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO qa_central.refused (change_id, change, reason)
  VALUES (c ->> 'change_id', c, reason) ON CONFLICT DO NOTHING;
  RETURN jsonb_build_object('change_id', c ->> 'change_id', 'status', 'refused',
                            'reason', reason);
END $$;

-- The handshake: versions and who the caller is.
CREATE FUNCTION qa_central.hello(p_protocol int, p_format int) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
BEGIN
  RETURN jsonb_build_object(
    'protocol_version', (SELECT value::int FROM meta WHERE key = 'protocol_version'),
    'person_id', me.person_id, 'roles', to_jsonb(me.roles),
    'last_seq', (SELECT last FROM counter WHERE id = 1));
END $$;

-- Push a batch of changes. Resent changes (same change_id) get their first answer again.
CREATE FUNCTION qa_central.push(p_protocol int, p_format int, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
  c jsonb;
  known record;
  results jsonb := '[]'::jsonb;
BEGIN
  -- One push at a time: sequence numbers are taken and committed in one order.
  PERFORM 1 FROM counter WHERE id = 1 FOR UPDATE;
  FOR c IN SELECT value FROM jsonb_array_elements(p_changes) LOOP
    SELECT k.seq, k.kind INTO known FROM changes k WHERE k.change_id = c ->> 'change_id';
    IF FOUND THEN
      results := results || jsonb_build_object(
        'change_id', c ->> 'change_id', 'seq', known.seq,
        'status', CASE WHEN known.kind = 'conflict' THEN 'conflict' ELSE 'accepted' END);
      CONTINUE;
    END IF;
    IF EXISTS (SELECT 1 FROM refused WHERE change_id = c ->> 'change_id') THEN
      results := results || jsonb_build_object('change_id', c ->> 'change_id',
                                               'status', 'refused');
      CONTINUE;
    END IF;
    results := results || qa_central.apply_change(me, c);
  END LOOP;
  RETURN results;
END $$;

-- Pull what the caller may read after their cursor, in server order. (json, not jsonb: it is
-- built once and sent; building jsonb costs three times as much.)
CREATE FUNCTION qa_central.pull(p_protocol int, p_format int, p_after bigint, p_limit int)
RETURNS json
LANGUAGE plpgsql SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
  upto bigint;
  events json;
  backfill json;
  n int;
  last_seen bigint;
BEGIN
  -- Everything up to the counter read here is committed (pushes hold the counter's lock).
  SELECT last INTO upto FROM counter WHERE id = 1;
  SELECT coalesce(json_agg(e ORDER BY e.seq), '[]'::json), count(*), max(e.seq)
  INTO events, n, last_seen
  FROM (SELECT k.seq, k.change_id, k.kind, k.table_name, k.row_id, k.field, k.value,
               k.current, k.current_actor_id, k.current_at, k.actor_id, k.at, k.conflict_id
        FROM changes k WHERE k.seq > p_after AND k.seq <= upto
        ORDER BY k.seq LIMIT p_limit) e;
  IF n < p_limit THEN
    last_seen := greatest(upto, p_after);
  END IF;
  -- Audits this person was given since their cursor: what happened to them before, once.
  -- (Senior roles read every audit all along, so they have it already.)
  IF NOT qa_central.is_senior(me) THEN
    SELECT coalesce(json_agg(b ORDER BY b.seq), '[]'::json) INTO backfill
    FROM (SELECT k.seq, k.change_id, k.kind, k.table_name, k.row_id, k.field, k.value,
                 k.current, k.current_actor_id, k.current_at, k.actor_id, k.at, k.conflict_id
          FROM changes k JOIN audit_access a ON a.audit_id = k.audit_id
          WHERE a.person_id = me.person_id AND a.granted_seq > p_after
            AND a.granted_seq <= last_seen AND k.seq <= p_after) b;
  END IF;
  RETURN json_build_object('events', events, 'backfill', coalesce(backfill, '[]'::json),
                           'last', last_seen, 'more', n >= p_limit);
END $$;
