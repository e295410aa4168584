"""The practitioner's confirmation of a sign-off typed on the auditor's laptop: a
confirmations table, the two functions the auditor's laptop calls (the practitioner's login,
then a confirmation made by that login) and push checking a change the login may not make
as the practitioner's under their confirmation (recording who pushed and who signed).

Revision ID: c0003
Revises: c0002
"""

from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The SQL holds %-signs (format()) and dollar quotes: hand it to the driver unparsed.
    driver = op.get_bind().connection.driver_connection
    assert driver is not None
    driver.execute(UPGRADE_3)


def downgrade() -> None:
    raise NotImplementedError("the central database is never migrated down")


# The SQL as this revision ran it, frozen here (the live schema is in the .sql files beside
# qa_desktop/sync/central/sql.py): a change to the central schema is a new revision.
UPGRADE_3 = r"""
DO $owner$
BEGIN
  EXECUTE format('SET ROLE %I', 'qa_owner_' || current_database());
END
$owner$;

-- The practitioner's confirmation of a sign-off typed on the auditor's laptop: made by the
-- practitioner's own login (their password, checked by the server as they connect), carried
-- by the sign-off's changes when the auditor's laptop pushes them. Spent by the change that
-- moves the audit on (usable for the rest of that push). `changes.confirmation` names the one
-- a change was accepted under: `login` is who pushed it, `actor_id` who signed.
CREATE TABLE qa_central.confirmations (
  token text PRIMARY KEY,
  audit_id text NOT NULL,
  person_id text NOT NULL,
  login name NOT NULL DEFAULT session_user,
  made_at timestamptz NOT NULL DEFAULT now(),
  spent_tx bigint
);
ALTER TABLE qa_central.changes ADD COLUMN confirmation text;

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
CREATE OR REPLACE FUNCTION qa_central.apply_change(me qa_central.logins, c jsonb) RETURNS jsonb
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

RESET ROLE;
REVOKE ALL ON ALL TABLES IN SCHEMA qa_central FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA qa_central FROM PUBLIC;
DO $grants$
DECLARE
  client_role text := 'qa_client_' || current_database();
BEGIN
  EXECUTE format('GRANT EXECUTE ON FUNCTION qa_central.sign_off_login(int, int, text), '
                 'qa_central.confirm_sign_off(int, int, text) TO %I', client_role);
END
$grants$;
"""
