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

-- Whether this login reads every audit (a manager or the QA team: the rulebook's role
-- relations say which role names give that).
CREATE FUNCTION qa_central.is_senior(me qa_central.logins) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM qa_central.role_relations rr
                 WHERE rr.role = ANY (me.roles) AND rr.relation IN ('manager', 'qa_team'))
$$;

-- The scope a row belongs to (NULL: shared), from its own fields or its parent's: an audit's
-- id, or 'observation:<id>' for an observation of practice and its answers.
CREATE FUNCTION qa_central.scope_of(p_table text, p_row text, p_fields jsonb) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF p_table = 'audits' THEN
    RETURN p_row;
  ELSIF p_table IN ('answers', 'section_reviews', 'participants', 'moderations', 'meetings',
                    'audit_events', 'moderation_queue', 'family_feedback', 'plan_items',
                    'bttf_cases', 'dip_sample_cases') THEN
    RETURN p_fields ->> 'audit_id';
  ELSIF p_table = 'reaudit_outcomes' THEN
    RETURN p_fields ->> 'reaudit_id';
  ELSIF p_table = 'feedback_answers' THEN
    RETURN (SELECT r.fields ->> 'audit_id' FROM qa_central.rows r
            WHERE r.table_name = 'family_feedback' AND r.row_id = p_fields ->> 'feedback_id');
  ELSIF p_table = 'observations' THEN
    RETURN 'observation:' || p_row;
  ELSIF p_table = 'observation_answers' THEN
    RETURN 'observation:' || (p_fields ->> 'observation_id');
  ELSIF p_table = 'actions' THEN
    RETURN coalesce(p_fields ->> 'audit_id',
      (SELECT r.fields ->> 'audit_id' FROM qa_central.rows r
       WHERE r.table_name = 'meetings' AND r.row_id = p_fields ->> 'meeting_id'));
  END IF;
  RETURN NULL;
END $$;

-- Who never reads a row: what a family said never reaches the child's allocated worker (the
-- case's worker and the audit's practitioner).
CREATE FUNCTION qa_central.hidden_of(p_table text, p_fields jsonb, p_scope text) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  audit jsonb;
BEGIN
  IF p_table = 'feedback_answers' THEN
    RETURN coalesce((SELECT r.hidden_from FROM qa_central.rows r
                     WHERE r.table_name = 'family_feedback'
                       AND r.row_id = p_fields ->> 'feedback_id'), '{}');
  ELSIF p_table <> 'family_feedback' OR p_scope IS NULL THEN
    RETURN '{}';
  END IF;
  SELECT fields INTO audit FROM qa_central.rows WHERE table_name = 'audits' AND row_id = p_scope;
  RETURN ARRAY(SELECT DISTINCT p FROM unnest(ARRAY[
    audit ->> 'practitioner_id',
    (SELECT k.fields ->> 'practitioner_id' FROM qa_central.rows k
     WHERE k.table_name = 'cases' AND k.row_id = audit ->> 'case_id')]) p
    WHERE p IS NOT NULL);
END $$;

-- This login's relations to a record (the rulebook's names): p_fields is the row as it would
-- stand (inserts) or stands; p_scope its audit (or observation).
CREATE FUNCTION qa_central.relations_of(me qa_central.logins, p_table text, p_fields jsonb,
                                        p_scope text)
RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  rels text[] := ARRAY(SELECT DISTINCT rr.relation FROM qa_central.role_relations rr
                       WHERE rr.role = ANY (me.roles));
  audit jsonb;
  kase jsonb;
  person jsonb;
  parent jsonb;
  holds boolean;
BEGIN
  rels := rels || ARRAY['anyone'];
  IF p_table = 'audits' THEN
    audit := p_fields;
  ELSIF p_scope IS NOT NULL AND p_scope NOT LIKE 'observation:%' THEN
    SELECT fields INTO audit FROM qa_central.rows WHERE table_name = 'audits' AND row_id = p_scope;
  END IF;
  IF audit IS NOT NULL THEN
    IF audit ->> 'auditor_id' = me.person_id THEN
      rels := array_remove(rels, 'moderator');  -- nobody moderates their own audit
      IF 'auditor' = ANY (me.roles) THEN
        rels := rels || ARRAY['auditor'];
      END IF;
    END IF;
    IF audit ->> 'practitioner_id' = me.person_id THEN
      rels := rels || ARRAY['practitioner', 'allocated_worker'];
    END IF;
    IF EXISTS (SELECT 1 FROM qa_central.rows pr WHERE pr.table_name = 'participants'
               AND pr.audit_id = p_scope AND pr.fields ->> 'person_id' = me.person_id
               AND coalesce(pr.fields -> 'deleted_at', 'null') = 'null') THEN
      rels := rels || ARRAY['participant'];
    END IF;
    holds := CASE WHEN p_table = 'meetings' THEN p_fields ->> 'head_of_service_id' = me.person_id
      WHEN p_table = 'actions' THEN EXISTS (
        SELECT 1 FROM qa_central.rows mt WHERE mt.table_name = 'meetings'
        AND mt.row_id = p_fields ->> 'meeting_id'
        AND mt.fields ->> 'head_of_service_id' = me.person_id)
      ELSE EXISTS (
        SELECT 1 FROM qa_central.rows mt WHERE mt.table_name = 'meetings'
        AND mt.audit_id = p_scope AND mt.fields ->> 'head_of_service_id' = me.person_id) END;
    IF coalesce(holds, false) THEN
      rels := rels || ARRAY['meeting_holder'];
    END IF;
    SELECT fields INTO kase FROM qa_central.rows
    WHERE table_name = 'cases' AND row_id = audit ->> 'case_id';
    SELECT fields INTO person FROM qa_central.rows
    WHERE table_name = 'people' AND row_id = me.person_id;
    IF kase ->> 'practitioner_id' = me.person_id THEN
      rels := rels || ARRAY['allocated_worker'];
    END IF;
    IF 'team_manager' = ANY (me.roles) AND person ->> 'team_id' = kase ->> 'team_id' THEN
      rels := rels || ARRAY['team_manager'];
    END IF;
    IF 'head_of_service' = ANY (me.roles) AND person ->> 'service_id' = (
         SELECT t.fields ->> 'service_id' FROM qa_central.rows t
         WHERE t.table_name = 'teams' AND t.row_id = kase ->> 'team_id') THEN
      rels := rels || ARRAY['head_of_service'];
    END IF;
  END IF;
  IF p_table = 'actions' AND p_fields ->> 'owner_id' = me.person_id THEN
    rels := rels || ARRAY['owner'];
  END IF;
  IF p_table = 'family_feedback' AND p_fields ->> 'recorded_by_id' = me.person_id THEN
    rels := rels || ARRAY['recorder'];
  END IF;
  IF p_table IN ('observations', 'observation_answers') THEN
    parent := CASE WHEN p_table = 'observations' THEN p_fields ELSE
      (SELECT o.fields FROM qa_central.rows o WHERE o.table_name = 'observations'
       AND o.row_id = p_fields ->> 'observation_id') END;
    IF parent ->> 'observer_id' = me.person_id THEN
      rels := rels || ARRAY['observer'];
    END IF;
    IF parent ->> 'practitioner_id' = me.person_id THEN
      rels := rels || ARRAY['observed'];
    END IF;
  END IF;
  RETURN rels;
END $$;

-- What the rulebook says for these relations (the rights table central init fills).
CREATE FUNCTION qa_central.allowed(rels text[], p_table text, p_op text, p_field text,
                                   p_state text)
RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT NOT (p_op = 'change' AND NOT 'qa_team' = ANY (rels)
              AND EXISTS (SELECT 1 FROM qa_central.fixed_fields x WHERE x.field = p_field))
    AND EXISTS (SELECT 1 FROM qa_central.rights g
                WHERE g.table_name = p_table AND g.op = p_op AND g.state = p_state
                  AND (g.field = '*' OR g.field = p_field) AND g.relation = ANY (rels)
                  AND NOT (g.unless && rels))
$$;

-- May this login make this change? p_fields is the row as it would stand (inserts) or stands
-- (updates and deletes); p_field the field changed (NULL for inserts and deletes); p_value
-- the new value (to check who a change says wrote it).
CREATE FUNCTION qa_central.may_write(me qa_central.logins, p_table text, p_op text,
                                     p_field text, p_fields jsonb, p_audit text,
                                     p_value jsonb DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE
  rels text[] := qa_central.relations_of(me, p_table, p_fields, p_audit);
  state text := 'none';
  author_field text;
  author text;
BEGIN
  IF p_table = 'audits' THEN
    state := coalesce(p_fields ->> 'state', 'none');
  ELSIF p_audit IS NOT NULL AND p_audit NOT LIKE 'observation:%' THEN
    state := coalesce((SELECT r.fields ->> 'state' FROM qa_central.rows r
                       WHERE r.table_name = 'audits' AND r.row_id = p_audit), 'none');
  END IF;
  IF NOT qa_central.allowed(rels, p_table,
                            CASE p_op WHEN 'insert' THEN 'create' WHEN 'update' THEN 'change'
                                      ELSE 'delete' END,
                            coalesce(p_field, '*'), state) THEN
    RETURN 'not allowed for this role';
  END IF;
  SELECT a.field INTO author_field FROM qa_central.author_fields a WHERE a.table_name = p_table;
  IF author_field IS NOT NULL AND NOT 'qa_team' = ANY (rels)
     AND (p_op = 'insert' OR p_field = author_field) THEN
    author := CASE WHEN p_op = 'insert' THEN p_fields ->> author_field ELSE p_value #>> '{}' END;
    IF author IS NOT NULL AND author <> me.person_id
       AND author IS DISTINCT FROM (SELECT r.fields ->> 'practitioner_id' FROM qa_central.rows r
                                    WHERE r.table_name = 'audits' AND r.row_id = p_audit)
       AND NOT EXISTS (SELECT 1 FROM qa_central.rows pr WHERE pr.table_name = 'participants'
                       AND pr.audit_id = p_audit AND pr.fields ->> 'person_id' = author) THEN
      RETURN 'the author must be you, or a participant of this audit';
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- Who is given an audit's (or observation's) changes from then on.
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
      CASE WHEN p_table = 'meetings' THEN p_fields ->> 'head_of_service_id' END,
      CASE WHEN p_table = 'actions' THEN p_fields ->> 'owner_id' END,
      CASE WHEN p_table = 'observations' THEN p_fields ->> 'observer_id' END,
      CASE WHEN p_table = 'observations' THEN p_fields ->> 'practitioner_id' END] LOOP
    IF person IS NOT NULL THEN
      INSERT INTO qa_central.audit_access VALUES (p_audit, person, p_seq)
      ON CONFLICT DO NOTHING;
    END IF;
  END LOOP;
END $$;

CREATE FUNCTION qa_central.next_seq() RETURNS bigint LANGUAGE sql AS $$
  UPDATE qa_central.counter SET last = last + 1 WHERE id = 1 RETURNING last
$$;

-- The central database's own time of a change (naive UTC, as clients write moments).
CREATE FUNCTION qa_central.server_time() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
$$;

CREATE FUNCTION qa_central.is_qa(me qa_central.logins) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM qa_central.role_relations rr
                 WHERE rr.role = ANY (me.roles) AND rr.relation = 'qa_team')
$$;

-- A value that says nothing yet (a new row's default): it never overrides another's.
CREATE FUNCTION qa_central.is_blank(v jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT v IS NULL OR v IN ('null'::jsonb, '""'::jsonb, 'false'::jsonb)
$$;

-- An insert over a row that exists (two laptops made the same one-per-parent row, whose id
-- comes from its parent and key): checked like updates, merged field by field. A field only
-- one side filled takes that value; a field both filled differently becomes a conflict.
CREATE FUNCTION qa_central.merge_insert(me qa_central.logins, c jsonb, cur qa_central.rows,
                                        actor text)
RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  t text := c ->> 'table';
  r text := c ->> 'row_id';
  kv record;
  reason text;
  new_seq bigint;
  cur_seq bigint;
  cur_actor text;
  cur_at text;
  status text := 'accepted';
BEGIN
  FOR kv IN SELECT key, value FROM jsonb_each(c -> 'value')
            WHERE key <> 'id' AND NOT qa_central.is_blank(value)
              AND value IS DISTINCT FROM coalesce(cur.fields -> key, 'null')
            ORDER BY key LOOP
    reason := qa_central.may_write(me, t, 'update', kv.key, cur.fields, cur.audit_id, kv.value);
    IF reason IS NOT NULL THEN
      RETURN qa_central.refuse(c, reason);
    END IF;
  END LOOP;
  FOR kv IN SELECT key, value FROM jsonb_each(c -> 'value')
            WHERE key <> 'id' AND NOT qa_central.is_blank(value)
              AND value IS DISTINCT FROM coalesce(cur.fields -> key, 'null')
            ORDER BY key LOOP
    new_seq := qa_central.next_seq();
    IF qa_central.is_blank(cur.fields -> kv.key) THEN
      UPDATE qa_central.rows SET fields = jsonb_set(fields, ARRAY[kv.key], kv.value)
      WHERE table_name = t AND row_id = r;
      INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field,
                                      value, actor_id, at, hidden_from, claimed_at)
      VALUES (new_seq, (c ->> 'change_id') || ':' || kv.key, 'update', t, r, cur.audit_id,
              kv.key, kv.value, actor, qa_central.server_time(), cur.hidden_from, c ->> 'at');
    ELSE
      SELECT max(k.seq) INTO cur_seq FROM qa_central.changes k
      WHERE k.table_name = t AND k.row_id = r
        AND (k.kind = 'insert' OR (k.kind = 'update' AND k.field = kv.key));
      SELECT k.actor_id, k.at INTO cur_actor, cur_at FROM qa_central.changes k
      WHERE k.seq = cur_seq;
      INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field,
                                      value, current, current_actor_id, current_at, actor_id,
                                      at, hidden_from, claimed_at)
      VALUES (new_seq, (c ->> 'change_id') || ':' || kv.key, 'conflict', t, r, cur.audit_id,
              kv.key, kv.value, cur.fields -> kv.key, cur_actor, cur_at, actor,
              qa_central.server_time(), cur.hidden_from, c ->> 'at');
      status := 'conflict';
    END IF;
    SELECT fields INTO cur.fields FROM qa_central.rows WHERE table_name = t AND row_id = r;
  END LOOP;
  INSERT INTO qa_central.merged (change_id, status, seq)
  VALUES (c ->> 'change_id', status, new_seq);
  RETURN jsonb_build_object('change_id', c ->> 'change_id', 'status', status, 'seq', new_seq);
END $$;

-- The practitioner's login whose confirmation a change carries, if it is good for the change's
-- audit (theirs, not yet spent, or spent in this very push); NULL otherwise.
CREATE FUNCTION qa_central.confirmed_signer(c jsonb, p_scope text) RETURNS qa_central.logins
LANGUAGE plpgsql STABLE AS $$
DECLARE
  k qa_central.confirmations;
  signer qa_central.logins;
BEGIN
  IF c ->> 'confirmation' IS NULL OR p_scope IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT * INTO k FROM qa_central.confirmations x
  WHERE x.token = c ->> 'confirmation' AND x.audit_id = p_scope
    AND (x.spent_tx IS NULL OR x.spent_tx = txid_current());
  IF NOT FOUND OR k.person_id IS DISTINCT FROM (
       SELECT r.fields ->> 'practitioner_id' FROM qa_central.rows r
       WHERE r.table_name = 'audits' AND r.row_id = p_scope) THEN
    RETURN NULL;
  END IF;
  SELECT * INTO signer FROM qa_central.logins l
  WHERE l.login = k.login AND l.person_id = k.person_id;
  RETURN signer;
END $$;

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
  hidden text[];
  reason text;
  new_seq bigint;
  current_value jsonb;
  current_seq bigint;
  cur_actor text;
  cur_at text;
  base jsonb;
  differs boolean;
  version_field text;
  signer qa_central.logins;
  confirmed text;
  stamp text := qa_central.server_time();
  -- Who made a change is the server's fact: a login writes as its own person (the QA team may
  -- record on behalf of others, as when it imports records).
  actor text := CASE WHEN qa_central.is_qa(me) THEN c ->> 'actor_id' ELSE me.person_id END;
BEGIN
  SELECT * INTO cur FROM qa_central.rows WHERE table_name = t AND row_id = r FOR UPDATE;
  IF op = 'settle' THEN
    SELECT * INTO cur FROM qa_central.rows k
    WHERE (k.table_name, k.row_id) = (SELECT x.table_name, x.row_id FROM qa_central.changes x
                                      WHERE x.change_id = c ->> 'conflict_id'
                                        AND x.kind = 'conflict');
    IF cur.row_id IS NULL THEN
      RETURN qa_central.refuse(c, 'no such conflict');
    END IF;
    -- Settling a conflict needs the right to write that field.
    reason := qa_central.may_write(
      me, cur.table_name, 'update',
      (SELECT CASE WHEN x.field = '*' THEN NULL ELSE x.field END FROM qa_central.changes x
       WHERE x.change_id = c ->> 'conflict_id'), cur.fields, cur.audit_id);
    IF reason IS NOT NULL THEN
      RETURN qa_central.refuse(c, reason);
    END IF;
    new_seq := qa_central.next_seq();
    INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field,
                                    conflict_id, actor_id, at, hidden_from, claimed_at)
    SELECT new_seq, cid, 'settle', k.table_name, k.row_id, k.audit_id, k.field, k.change_id,
           actor, stamp, k.hidden_from, c ->> 'at'
    FROM qa_central.changes k WHERE k.change_id = c ->> 'conflict_id';
    RETURN jsonb_build_object('change_id', cid, 'status', 'accepted', 'seq', new_seq);
  END IF;

  IF op = 'insert' THEN
    IF cur.row_id IS NOT NULL THEN
      RETURN qa_central.merge_insert(me, c, cur, actor);
    END IF;
    scope := qa_central.scope_of(t, r, c -> 'value');
    reason := qa_central.may_write(me, t, op, NULL, c -> 'value', scope);
    IF reason IS NOT NULL AND c ? 'confirmation' THEN
      -- Not this login's to make: perhaps the practitioner's, under their confirmation.
      signer := qa_central.confirmed_signer(c, scope);
      reason := CASE WHEN signer.login IS NULL
        THEN 'the practitioner''s confirmation is missing or was not theirs'
        ELSE qa_central.may_write(signer, t, op, NULL, c -> 'value', scope) END;
      IF reason IS NULL THEN
        actor := signer.person_id;
        confirmed := c ->> 'confirmation';
      END IF;
    END IF;
    IF reason IS NOT NULL THEN
      RETURN qa_central.refuse(c, reason);
    END IF;
    hidden := qa_central.hidden_of(t, c -> 'value', scope);
    new_seq := qa_central.next_seq();
    PERFORM qa_central.grant_access(t, scope, c -> 'value', new_seq);
    INSERT INTO qa_central.rows (table_name, row_id, audit_id, fields, created_seq, hidden_from)
    VALUES (t, r, scope, c -> 'value', new_seq, hidden);
    INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, value,
                                    actor_id, at, hidden_from, claimed_at, confirmation)
    VALUES (new_seq, cid, 'insert', t, r, scope, c -> 'value', actor, stamp, hidden, c ->> 'at',
            confirmed);
    RETURN jsonb_build_object('change_id', cid, 'status', 'accepted', 'seq', new_seq);
  END IF;
  IF cur.row_id IS NULL THEN
    RETURN qa_central.refuse(c, 'unknown row');
  END IF;
  scope := cur.audit_id;
  reason := qa_central.may_write(me, t, op, CASE WHEN op = 'update' THEN f END, cur.fields,
                                 scope, c -> 'value');
  IF reason IS NOT NULL AND c ? 'confirmation' THEN
    signer := qa_central.confirmed_signer(c, scope);
    reason := CASE WHEN signer.login IS NULL
      THEN 'the practitioner''s confirmation is missing or was not theirs'
      ELSE qa_central.may_write(signer, t, op, CASE WHEN op = 'update' THEN f END, cur.fields,
                                scope, c -> 'value') END;
    IF reason IS NULL THEN
      actor := signer.person_id;
      confirmed := c ->> 'confirmation';
    END IF;
  END IF;
  IF reason IS NOT NULL THEN
    RETURN qa_central.refuse(c, reason);
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
      IF f IN ('practitioner_id', 'auditor_id', 'person_id', 'head_of_service_id', 'owner_id',
               'observer_id') THEN
        PERFORM qa_central.grant_access(
          t, scope, jsonb_set(cur.fields, ARRAY[f], coalesce(c -> 'value', 'null')), new_seq);
      END IF;
      INSERT INTO qa_central.changes (seq, change_id, kind, table_name, row_id, audit_id, field,
                                      value, actor_id, at, hidden_from, claimed_at, confirmation)
      VALUES (new_seq, cid, 'update', t, r, scope, f, coalesce(c -> 'value', 'null'),
              actor, stamp, cur.hidden_from, c ->> 'at', confirmed);
      IF confirmed IS NOT NULL AND t = 'audits' AND f = 'state' THEN
        -- The sign-off moved the audit on: its confirmation serves this push only from now.
        UPDATE qa_central.confirmations SET spent_tx = txid_current() WHERE token = confirmed;
      END IF;
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
                                      value, actor_id, at, hidden_from, claimed_at)
      VALUES (new_seq, cid, 'delete', t, r, scope, 'deleted_at', cur.fields -> 'deleted_at',
              actor, stamp, cur.hidden_from, c ->> 'at');
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
                                      value, actor_id, at, hidden_from, claimed_at)
      VALUES (new_seq, cid, 'delete', t, r, scope, 'deleted_at', c -> 'value',
              actor, stamp, cur.hidden_from, c ->> 'at');
      RETURN jsonb_build_object('change_id', cid, 'status', 'accepted', 'seq', new_seq);
    END IF;
    -- A delete against an edit it had not seen: the row stays, the delete is kept aside.
    current_value := cur.fields;
    f := 'deleted_at';
    SELECT max(k.seq) INTO current_seq FROM qa_central.changes k
    WHERE k.table_name = t AND k.row_id = r AND k.kind IN ('update', 'delete');
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
                                  current, current_actor_id, current_at, actor_id, at,
                                  hidden_from, claimed_at)
  VALUES (new_seq, cid, 'conflict', t, r, scope, f,
          CASE WHEN op = 'delete' THEN c -> 'value' ELSE coalesce(c -> 'value', 'null') END,
          current_value, cur_actor, cur_at, actor, stamp, cur.hidden_from, c ->> 'at');
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
-- Each audit the batch changed is told on its live channel (delivered at commit): ids only.
CREATE FUNCTION qa_central.push(p_protocol int, p_format int, p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
  c jsonb;
  known record;
  results jsonb := '[]'::jsonb;
  first_seq bigint;
BEGIN
  -- One push at a time: sequence numbers are taken and committed in one order.
  SELECT last INTO first_seq FROM counter WHERE id = 1 FOR UPDATE;
  FOR c IN SELECT value FROM jsonb_array_elements(p_changes) LOOP
    SELECT k.seq, k.kind INTO known FROM changes k WHERE k.change_id = c ->> 'change_id';
    IF FOUND THEN
      results := results || jsonb_build_object(
        'change_id', c ->> 'change_id', 'seq', known.seq,
        'status', CASE WHEN known.kind = 'conflict' THEN 'conflict' ELSE 'accepted' END);
      CONTINUE;
    END IF;
    SELECT g.seq, g.status INTO known FROM merged g WHERE g.change_id = c ->> 'change_id';
    IF FOUND THEN
      results := results || jsonb_build_object(
        'change_id', c ->> 'change_id', 'seq', known.seq, 'status', known.status);
      CONTINUE;
    END IF;
    IF EXISTS (SELECT 1 FROM refused WHERE change_id = c ->> 'change_id') THEN
      results := results || jsonb_build_object('change_id', c ->> 'change_id',
                                               'status', 'refused');
      CONTINUE;
    END IF;
    results := results || qa_central.apply_change(me, c);
  END LOOP;
  PERFORM qa_central.tell_audits(first_seq);
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
               k.current, k.current_actor_id, k.current_at, k.actor_id, k.at, k.conflict_id,
               k.claimed_at
        FROM changes k WHERE k.seq > p_after AND k.seq <= upto
        ORDER BY k.seq LIMIT p_limit) e;
  IF n < p_limit THEN
    last_seen := greatest(upto, p_after);
  END IF;
  -- Audits (and observations) this person was given since their cursor: what happened to
  -- them before, once. (Senior roles read every audit all along, so they have those already.)
  SELECT coalesce(json_agg(b ORDER BY b.seq), '[]'::json) INTO backfill
  FROM (SELECT k.seq, k.change_id, k.kind, k.table_name, k.row_id, k.field, k.value,
               k.current, k.current_actor_id, k.current_at, k.actor_id, k.at, k.conflict_id,
               k.claimed_at
        FROM changes k JOIN audit_access a ON a.audit_id = k.audit_id
        WHERE a.person_id = me.person_id AND a.granted_seq > p_after
          AND a.granted_seq <= last_seen AND k.seq <= p_after
          AND (NOT qa_central.is_senior(me) OR k.audit_id LIKE 'observation:%')) b;
  RETURN json_build_object('events', events, 'backfill', coalesce(backfill, '[]'::json),
                           'last', last_seen, 'more', n >= p_limit);
END $$;

-- On the auditor's laptop: the login of the audit's practitioner, whose password they type to
-- confirm their own sign-off (only the audit's auditor asks).
CREATE FUNCTION qa_central.sign_off_login(p_protocol int, p_format int, p_audit text)
RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
  audit jsonb;
BEGIN
  SELECT fields INTO audit FROM rows WHERE table_name = 'audits' AND row_id = p_audit;
  IF audit IS NULL OR audit ->> 'auditor_id' IS DISTINCT FROM me.person_id THEN
    RAISE EXCEPTION 'Only the audit''s auditor asks for the practitioner''s confirmation.'
      USING ERRCODE = 'QA003';
  END IF;
  RETURN (SELECT l.login FROM logins l WHERE l.person_id = audit ->> 'practitioner_id'
          ORDER BY l.login LIMIT 1);
END $$;

-- Called as the practitioner's own login (the server checked their password as they
-- connected): a confirmation of their sign-off of this audit, for the auditor's laptop to push
-- the sign-off under.
CREATE FUNCTION qa_central.confirm_sign_off(p_protocol int, p_format int, p_audit text)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
  token text := gen_random_uuid()::text;
BEGIN
  IF (SELECT r.fields ->> 'practitioner_id' FROM rows r
      WHERE r.table_name = 'audits' AND r.row_id = p_audit) IS DISTINCT FROM me.person_id THEN
    RAISE EXCEPTION 'Only the audit''s practitioner confirms their own sign-off.'
      USING ERRCODE = 'QA003';
  END IF;
  INSERT INTO confirmations (token, audit_id, person_id) VALUES (token, p_audit, me.person_id);
  RETURN token;
END $$;

-- Live side by side. An audit's channel is named from its id (md5: always a valid channel
-- name); what travels on it is ids only, never content: {"seq": n} after a push changed the
-- audit (the listener pulls, and the pull applies the rights), or presence.
CREATE FUNCTION qa_central.live_channel(p_audit text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT 'qa_live_' || md5(p_audit) $$;

-- After a push: each audit changed since p_after, told on its channel with its newest seq.
CREATE FUNCTION qa_central.tell_audits(p_after bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(qa_central.live_channel(k.audit_id),
                    json_build_object('seq', max(k.seq))::text)
  FROM qa_central.changes k WHERE k.seq > p_after AND k.audit_id IS NOT NULL
  GROUP BY k.audit_id;
END $$;

-- Presence: who has an audit open and in which practice area (p_area, a section id, or
-- "closing", "signoff"). The person is the login's, never the caller's word; only someone who
-- may read the audit is told to the others. Nothing is stored: it is a notification only.
CREATE FUNCTION qa_central.presence(p_protocol int, p_format int, p_audit text, p_area text,
                                    p_here boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = qa_central, pg_temp AS $$
DECLARE
  me qa_central.logins := qa_central.caller(p_protocol, p_format);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM rows r WHERE r.table_name = 'audits' AND r.row_id = p_audit) THEN
    RETURN;  -- row-level security: an audit this login may not read is not theirs to be in
  END IF;
  PERFORM pg_notify(qa_central.live_channel(p_audit), json_build_object(
    'person', me.person_id, 'area', left(coalesce(p_area, ''), 64), 'here', p_here)::text);
END $$;
